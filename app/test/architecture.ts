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

const BROWSER_EXPORTS = new Set(["default", "meta", "links", "ErrorBoundary", "handle", "shouldRevalidate"]);

/**
 * A route may import *.server modules for its loader and action, but the classic
 * compiler replaces those modules with empty ones in the browser: a value from
 * one used in the component (or meta, links, ErrorBoundary) is undefined there.
 * Reports each such use.
 */
export function serverValuesInRouteComponents(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!/^app\/(routes\/.*|root)\.tsx?$/.test(file.path) || isTestFile(file.path)) continue;
    const sf = ts.createSourceFile(file.path, file.source, ts.ScriptTarget.Latest, true, scriptKind(file.path));
    const serverNames = new Set<string>();
    for (const statement of sf.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (!isServerModuleName(statement.moduleSpecifier.text) || statement.importClause?.isTypeOnly) continue;
      const clause = statement.importClause;
      if (clause?.name) serverNames.add(clause.name.text);
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const el of clause.namedBindings.elements) if (!el.isTypeOnly) serverNames.add(el.name.text);
      }
    }
    if (!serverNames.size) continue;
    for (const statement of sf.statements) {
      const name = browserExportName(statement);
      if (!name) continue;
      const visit = (node: ts.Node) => {
        if (ts.isIdentifier(node) && serverNames.has(node.text) && !isTypePosition(node)) {
          problems.push(`${file.path}: ${name} använder "${node.text}" från en .server-modul (tom i webbläsaren)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(statement);
    }
  }
  return problems;
}

function browserExportName(statement: ts.Statement): string | null {
  const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported) return null;
  const isDefault = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isFunctionDeclaration(statement)) {
    const name = isDefault ? "default" : statement.name?.text;
    return name && BROWSER_EXPORTS.has(name) ? (name === "default" ? "komponenten" : name) : null;
  }
  if (ts.isVariableStatement(statement)) {
    const names = statement.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : ""));
    const hit = names.find((n) => BROWSER_EXPORTS.has(n));
    return hit ?? null;
  }
  return null;
}

function isTypePosition(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isTypeNode(p) || ts.isTypeAliasDeclaration(p) || ts.isInterfaceDeclaration(p)) return true;
    if (ts.isStatement(p)) return false;
  }
  return false;
}
