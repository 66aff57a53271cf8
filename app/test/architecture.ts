// House rules as pure functions over source text, so each rule can be tested on
// small fake files as well as run over the real tree (architecture.test.ts).
import ts from "typescript";

export type SourceFile = { path: string; source: string };

type ImportRef = { specifier: string; typeOnly: boolean };

/** Every module a file imports: import/export-from statements and dynamic import(). */
export function importsOf(file: SourceFile): ImportRef[] {
  const sf = ts.createSourceFile(file.path, file.source, ts.ScriptTarget.Latest, false, scriptKind(file.path));
  const found: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        Boolean(clause?.isTypeOnly) ||
        Boolean(
          clause &&
            !clause.name &&
            clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly),
        );
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function scriptKind(path: string) {
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (path.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

const isServerModuleName = (name: string) => /\.server(\.[cm]?[jt]sx?)?$/.test(name);
const isTestFile = (path: string) => /\.(test|spec)\.[jt]sx?$/.test(path) || path.startsWith("app/test/");

/**
 * Modules that can end up in the browser bundle. Routes, root and the server
 * entry may import *.server modules (the compiler strips their loaders and
 * actions from the browser build); everything else under app/ may not.
 */
export function isBrowserModule(path: string): boolean {
  if (!path.startsWith("app/") || !/\.[jt]sx?$/.test(path) || path.endsWith(".d.ts")) return false;
  if (isServerModuleName(path.replace(/\.[jt]sx?$/, "")) || isTestFile(path)) return false;
  if (path.startsWith("app/routes/")) return false;
  return !["app/root.tsx", "app/entry.server.tsx"].includes(path);
}

/** Rule 1: no browser module imports a *.server module (type-only imports are erased, so allowed). */
export function serverImportsInBrowserModules(files: SourceFile[]): string[] {
  return files
    .filter((f) => isBrowserModule(f.path))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.typeOnly && isServerModuleName(i.specifier))
        .map((i) => `${f.path} importerar serverkoden "${i.specifier}"`),
    );
}

/** Rule 2: routes reach the database only through app/models/*.server.ts. */
export function databaseImportsInRoutes(files: SourceFile[]): string[] {
  return files
    .filter((f) => f.path.startsWith("app/routes/") && !isTestFile(f.path))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => /^@prisma\/client(\/|$)/.test(i.specifier) || /(^|\/)utils\/db\.server(\.[jt]s)?$/.test(i.specifier))
        .map((i) => `${f.path} importerar "${i.specifier}" (använd en modell i app/models/)`),
    );
}

export const THE_PRISMA_CLIENT_FILE = "app/utils/db.server.ts";

/** Rule 3: one PrismaClient per process, made in app/utils/db.server.ts only. */
export function extraPrismaClients(files: SourceFile[]): string[] {
  return files
    .filter((f) => f.path !== THE_PRISMA_CLIENT_FILE)
    .flatMap((f) => {
      const sf = ts.createSourceFile(f.path, f.source, ts.ScriptTarget.Latest, true, scriptKind(f.path));
      const hits: string[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isNewExpression(node) && /(^|\.)PrismaClient$/.test(node.expression.getText(sf))) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          hits.push(`${f.path}:${line + 1} skapar en egen PrismaClient (importera prisma från ~/utils/db.server)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      return hits;
    });
}
