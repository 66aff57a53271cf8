// House rules as pure functions over source text, so each rule can be tested on
// small fake files as well as run over the real tree (architecture.test.ts).
import path from "node:path";
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

/**
 * The module an import names, as a path under app/ without its extension ("app/utils/db.server"),
 * or null for a package.
 */
export function resolveAppModule(from: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("~/")) target = `app/${specifier.slice(2)}`;
  else if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  return target.replace(/\.(d\.ts|[cm]?[jt]sx?)$/, "");
}

/** The modules that are the database client: they alone build it from @prisma/client. */
export const DATABASE_CLIENT_MODULES = ["app/utils/db.server", "app/utils/sqlite.server", "app/utils/postgres.server"];

/**
 * Besides the models, who may import the client: its own modules, and the server
 * entry, which hands the client's readiness and shutdown (dbReady, disconnectDb) to server.js.
 */
const MAY_IMPORT_THE_CLIENT = new Set([...DATABASE_CLIENT_MODULES.map((m) => `${m}.ts`), "app/entry.server.tsx"]);

const isDatabaseClient = (from: string, specifier: string) =>
  /^@prisma\/(client|adapter-)/.test(specifier) || DATABASE_CLIENT_MODULES.includes(resolveAppModule(from, specifier) ?? "");

/**
 * Rule 2: only app/models/*.server.ts reach the database: nothing else under app/
 * (routes, utils, jobs, components) imports @prisma/client or the client module,
 * not even for a type. Tests may.
 */
export function databaseImportsOutsideModels(files: SourceFile[]): string[] {
  return files
    .filter((f) => f.path.startsWith("app/") && !f.path.startsWith("app/models/") && !isTestFile(f.path) && !MAY_IMPORT_THE_CLIENT.has(f.path))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => isDatabaseClient(f.path, i.specifier))
        .map((i) => `${f.path} importerar "${i.specifier}" (bara modellerna i app/models/ når databasen)`),
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

/**
 * Rule 4: layers import downwards only. Utils (app/utils/) import no models, jobs or
 * routes, not even for a type: a util that needs the database is a model. Models
 * import no jobs or routes (a model that wakes a job does it through a hook the job sets).
 */
export function layerViolations(files: SourceFile[]): string[] {
  const forbidden: Array<[layer: string, below: string[], why: string]> = [
    ["app/utils/", ["app/models/", "app/jobs/", "app/routes/"], "utils importerar inga modeller, jobb eller routes"],
    ["app/models/", ["app/jobs/", "app/routes/"], "modeller importerar inga jobb eller routes"],
  ];
  return files
    .filter((f) => !isTestFile(f.path))
    .flatMap((f) => {
      const rule = forbidden.find(([layer]) => f.path.startsWith(layer));
      if (!rule) return [];
      const [, below, why] = rule;
      return importsOf(f)
        .filter((i) => below.some((dir) => (resolveAppModule(f.path, i.specifier) ?? "").startsWith(dir)))
        .map((i) => `${f.path} importerar "${i.specifier}" (${why})`);
    });
}

/** The one place that may call prisma.$transaction with a function: transaction() and its after-commit hooks. */
export const THE_TRANSACTION_FILE = "app/models/transaction.server.ts";

/**
 * Rule 5: interactive transactions start with transaction() from
 * app/models/transaction.server.ts, so work waiting for the commit (waking the mail
 * sender) runs. A batch, $transaction([...]), has no such work and is allowed.
 */
export function rawInteractiveTransactions(files: SourceFile[]): string[] {
  return files
    .filter((f) => f.path.startsWith("app/") && f.path !== THE_TRANSACTION_FILE && !isTestFile(f.path))
    .flatMap((f) => {
      const sf = ts.createSourceFile(f.path, f.source, ts.ScriptTarget.Latest, true, scriptKind(f.path));
      const hits: string[] = [];
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          node.expression.name.text === "$transaction" &&
          node.arguments[0] &&
          (ts.isArrowFunction(node.arguments[0]) || ts.isFunctionExpression(node.arguments[0]))
        ) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          hits.push(`${f.path}:${line + 1} startar en transaktion med $transaction (använd transaction() från ~/models/transaction.server)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      return hits;
    });
}

export const MAX_LINES = 400;
export const LINES_NEEDING_A_REASON = 300;

/** The file's opening comment: comments before its first statement that is not an import. */
export function openingComment(file: SourceFile): string {
  const sf = ts.createSourceFile(file.path, file.source, ts.ScriptTarget.Latest, true, scriptKind(file.path));
  const first = sf.statements.find((s) => !ts.isImportDeclaration(s) && !(ts.isExportDeclaration(s) && s.moduleSpecifier));
  const end = first ? first.getStart(sf) : file.source.length;
  const comments: string[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, file.source);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken && scanner.getTokenPos() < end; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) comments.push(scanner.getTokenText());
  }
  return comments.join("\n");
}

/** A reason for the length: "Over 300 lines: …" (or "because …") in the opening comment. */
const GIVES_A_REASON = /over 300 lines(:|,| because)\s*\S/i;

const lineCount = (source: string) => source.split("\n").length - (source.endsWith("\n") ? 1 : 0);

/**
 * Rule 6: no source file under app/ is over MAX_LINES lines, and one over
 * LINES_NEEDING_A_REASON says why in its opening comment ("Over 300 lines: …").
 */
export function longFiles(files: SourceFile[]): Array<{ path: string; problem: string }> {
  return files
    .filter((f) => f.path.startsWith("app/"))
    .flatMap((f) => {
      const lines = lineCount(f.source);
      if (lines > MAX_LINES) return [{ path: f.path, problem: `${f.path}: ${lines} rader, högst ${MAX_LINES} (dela upp filen)` }];
      if (lines > LINES_NEEDING_A_REASON && !GIVES_A_REASON.test(openingComment(f))) {
        return [{ path: f.path, problem: `${f.path}: ${lines} rader utan skäl i den inledande kommentaren ("Over 300 lines: …")` }];
      }
      return [];
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
