import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  databaseImportsOutsideModels,
  extraPrismaClients,
  importsOf,
  isBrowserModule,
  layerViolations,
  longFiles,
  openingComment,
  rawInteractiveTransactions,
  resolveAppModule,
  serverImportsInBrowserModules,
  serverValuesInRouteComponents,
  type SourceFile,
} from "./architecture";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function walk(dir: string): SourceFile[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(rel);
    return SOURCE.test(entry.name) ? [{ path: rel, source: fs.readFileSync(path.join(ROOT, rel), "utf8") }] : [];
  });
}

const appFiles = walk("app");
const topLevel: SourceFile[] = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isFile() && SOURCE.test(e.name))
  .map((e) => ({ path: e.name, source: fs.readFileSync(path.join(ROOT, e.name), "utf8") }));
const allFiles = [...appFiles, ...walk("prisma"), ...walk("scripts"), ...walk("e2e"), ...topLevel];

describe("house rules hold in this repository", () => {
  test("the tree was read", () => {
    expect(appFiles.map((f) => f.path)).toContain("app/root.tsx");
    expect(appFiles.map((f) => f.path)).toContain("app/utils/db.server.ts");
  });

  test("no browser module (components, shared utils) imports a *.server module", () => {
    expect(serverImportsInBrowserModules(appFiles)).toEqual([]);
  });

  test("no route component, meta or links uses a value imported from a *.server module", () => {
    expect(serverValuesInRouteComponents(appFiles)).toEqual([]);
  });

  test("only models import the database client (@prisma/client, ~/utils/db.server), not routes, utils or jobs", () => {
    expect(databaseImportsOutsideModels(appFiles)).toEqual([]);
  });

  test("utils import no models, jobs or routes; models import no jobs or routes", () => {
    expect(layerViolations(appFiles)).toEqual([]);
  });

  test("interactive transactions start with transaction(), so after-commit work runs", () => {
    expect(rawInteractiveTransactions(appFiles)).toEqual([]);
  });

  test("no source file in app/ is over 400 lines, and one over 300 says why in its opening comment", () => {
    expect(longFiles(appFiles).map((o) => o.problem)).toEqual([]);
  });

  test("new PrismaClient( appears only in app/utils/db.server.ts", () => {
    expect(extraPrismaClients(allFiles)).toEqual([]);
    expect(extraPrismaClients(appFiles.filter((f) => f.path === "app/utils/db.server.ts"))).toEqual([]);
  });
});

describe("the rules catch violations in fake files", () => {
  const file = (p: string, source: string): SourceFile => ({ path: p, source });

  test("importsOf sees static, re-export and dynamic imports, and marks type-only ones", () => {
    const refs = importsOf(
      file("app/x.ts", `import a from "a"; import type { B } from "b"; import { type C } from "c"; export { d } from "d"; const e = await import("e");`),
    );
    expect(refs).toEqual([
      { specifier: "a", typeOnly: false },
      { specifier: "b", typeOnly: true },
      { specifier: "c", typeOnly: true },
      { specifier: "d", typeOnly: false },
      { specifier: "e", typeOnly: false },
    ]);
  });

  test("which files count as browser modules", () => {
    expect(isBrowserModule("app/components/card.tsx")).toBe(true);
    expect(isBrowserModule("app/utils/format.ts")).toBe(true);
    expect(isBrowserModule("app/validation/contact.ts")).toBe(true);
    expect(isBrowserModule("app/utils/env.server.ts")).toBe(false);
    expect(isBrowserModule("app/models/event.server.ts")).toBe(false);
    expect(isBrowserModule("app/routes/forum.$slug.tsx")).toBe(false);
    expect(isBrowserModule("app/utils/format.test.ts")).toBe(false);
  });

  test("a component importing a server module is reported; a type-only import is not", () => {
    const bad = file("app/components/card.tsx", `import { prisma } from "~/utils/db.server";\nexport const X = 1;`);
    const relative = file("app/utils/links.ts", `export { env } from "./env.server";`);
    const typeOnly = file("app/components/ok.tsx", `import type { Env } from "~/utils/env.server";`);
    const route = file("app/routes/_index.tsx", `import { listEvents } from "~/models/event.server";`);
    expect(serverImportsInBrowserModules([bad, relative, typeOnly, route])).toEqual([
      'app/components/card.tsx importerar serverkoden "~/utils/db.server"',
      'app/utils/links.ts importerar serverkoden "./env.server"',
    ]);
  });

  test("a server value used in a route component is reported; use in the loader is not", () => {
    const route = file(
      "app/routes/kontakt.tsx",
      [
        `import { SUBJECTS, createMessage } from "~/models/contact.server";`,
        `import type { Row } from "~/models/contact.server";`,
        `export async function loader() { return createMessage(SUBJECTS); }`,
        `export const meta = () => [{ title: String(SUBJECTS.length) }];`,
        `export default function Page({ r }: { r: Row }) { return SUBJECTS.map((s) => s); }`,
      ].join("\n"),
    );
    expect(serverValuesInRouteComponents([route])).toEqual([
      'app/routes/kontakt.tsx: meta använder "SUBJECTS" från en .server-modul (tom i webbläsaren)',
      'app/routes/kontakt.tsx: komponenten använder "SUBJECTS" från en .server-modul (tom i webbläsaren)',
    ]);
  });

  test("a route importing Prisma or the db module is reported; a model import is not", () => {
    const violations = databaseImportsOutsideModels([
      file("app/routes/a.tsx", `import { PrismaClient } from "@prisma/client";`),
      file("app/routes/b.tsx", `import { prisma } from "~/utils/db.server";`),
      file("app/routes/c.tsx", `import { prisma } from "../utils/db.server.ts";`),
      file("app/routes/d.tsx", `import { listCases } from "~/models/case.server";`),
      file("app/models/case.server.ts", `import { prisma } from "~/utils/db.server";`),
    ]);
    expect(violations.map((v) => v.split(" ")[0])).toEqual(["app/routes/a.tsx", "app/routes/b.tsx", "app/routes/c.tsx"]);
  });

  test("a util or job reaching the database is reported, even for a type; the client's own modules and tests are not", () => {
    const violations = databaseImportsOutsideModels([
      file("app/utils/search.server.ts", `import { prisma } from "./db.server";`),
      file("app/utils/limits.server.ts", `import type { Prisma } from "@prisma/client";`),
      file("app/jobs/x.server.ts", `import { prisma } from "~/utils/db.server";`),
      file("app/utils/db.server.ts", `import { PrismaClient } from "@prisma/client";\nimport { createPostgresClient } from "./postgres.server";`),
      file("app/utils/sqlite.server.ts", `import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";`),
      file("app/entry.server.tsx", `export { dbReady, disconnectDb } from "~/utils/db.server";`),
      file("app/utils/x.server.test.ts", `import { prisma } from "./db.server";`),
      file("app/utils/database-url.ts", `// uses @prisma/adapter-pg for PostgreSQL\nexport const x = 1;`),
    ]);
    expect(violations.map((v) => v.split(" ")[0])).toEqual(["app/utils/search.server.ts", "app/utils/limits.server.ts", "app/jobs/x.server.ts"]);
  });

  test("imports resolve to modules under app/", () => {
    expect(resolveAppModule("app/utils/a.ts", "./db.server")).toBe("app/utils/db.server");
    expect(resolveAppModule("app/routes/forum.$slug/route.tsx", "../../models/event.server.ts")).toBe("app/models/event.server");
    expect(resolveAppModule("app/jobs/x.ts", "~/models/outbox.server")).toBe("app/models/outbox.server");
    expect(resolveAppModule("app/utils/a.ts", "@prisma/client")).toBeNull();
  });

  test("a util importing a model or a job, or a model importing a job or a route, is reported", () => {
    const violations = layerViolations([
      file("app/utils/a.server.ts", `import { hit } from "~/models/rate-limit.server";`),
      file("app/utils/b.server.ts", `import type { FeedEntry } from "../models/feed.server";`),
      file("app/utils/c.server.ts", `import { startOutboxSender } from "~/jobs/outbox-sender.server";`),
      file("app/models/d.server.ts", `import { wake } from "~/jobs/outbox-sender.server";`),
      file("app/models/e.server.ts", `import { loader } from "~/routes/_index";`),
      file("app/models/f.server.ts", `import { env } from "~/utils/env.server";\nimport { recordAudit } from "./audit.server";`),
      file("app/jobs/g.server.ts", `import { claimBatch } from "~/models/outbox.server";`),
      file("app/routes/h.tsx", `import { listCases } from "~/models/case.server";`),
      file("app/utils/i.server.test.ts", `import { enqueueEmail } from "~/models/outbox.server";`),
    ]);
    expect(violations.map((v) => v.split(" ")[0])).toEqual([
      "app/utils/a.server.ts",
      "app/utils/b.server.ts",
      "app/utils/c.server.ts",
      "app/models/d.server.ts",
      "app/models/e.server.ts",
    ]);
  });

  test("an interactive prisma.$transaction outside transaction() is reported with its line; a batch is not", () => {
    const violations = rawInteractiveTransactions([
      file("app/models/a.server.ts", `const x = 1;\nawait prisma.$transaction(async (tx) => tx.tag.count());`),
      file("app/models/b.server.ts", `await db.$transaction(function (tx) { return 1; });`),
      file("app/models/c.server.ts", `await prisma.$transaction([prisma.tag.count()]);\nawait transaction(async (tx) => 1);`),
      file("app/models/transaction.server.ts", `await prisma.$transaction((tx) => work(tx), options);`),
      file("app/models/d.server.test.ts", `await prisma.$transaction(async (tx) => 1);`),
    ]);
    expect(violations.map((v) => v.split(" ")[0])).toEqual(["app/models/a.server.ts:2", "app/models/b.server.ts:1"]);
  });

  test("a file over 400 lines is reported, and one over 300 without a reason in its opening comment", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join("\n") + "\n";
    const opening = (text: string) => `import { a } from "a";\n\n/**\n * The module.\n *\n * ${text}\n */\n`;
    const problems = longFiles([
      file("app/models/huge.server.ts", opening("Over 300 lines: it is big.") + lines(400)),
      file("app/models/long.server.ts", opening("Just a module.") + lines(310)),
      file("app/models/explained.server.ts", opening("Over 300 lines: the rules must be read in one place.") + lines(310)),
      file("app/models/late.server.ts", opening("Just a module.") + lines(310) + "// Over 300 lines: said too late.\n"),
      file("app/models/short.server.ts", lines(300)),
    ]);
    expect(problems.map((p) => p.path)).toEqual(["app/models/huge.server.ts", "app/models/long.server.ts", "app/models/late.server.ts"]);
    expect(problems[0]!.problem).toMatch(/\d+ rader, högst 400/);
  });

  test("the opening comment is what precedes the first statement after the imports", () => {
    expect(openingComment(file("app/a.ts", `// top\nimport a from "a";\n/** doc */\nexport const b = 1;\n// later`))).toBe("// top\n/** doc */");
    expect(openingComment(file("app/b.ts", `export const b = 1; /** after */`))).toBe("");
  });

  test("a second PrismaClient anywhere is reported with its line; mentions in comments are not", () => {
    const violations = extraPrismaClients([
      file("app/utils/db.server.ts", `const c = new PrismaClient({ adapter });`),
      file("prisma/seed.ts", `// not new PrismaClient() here\nconst db = new PrismaClient();`),
      file("app/models/x.server.ts", `import * as P from "@prisma/client";\nconst c = new P.PrismaClient();`),
    ]);
    expect(violations).toEqual([
      "prisma/seed.ts:2 skapar en egen PrismaClient (importera prisma från ~/utils/db.server)",
      "app/models/x.server.ts:2 skapar en egen PrismaClient (importera prisma från ~/utils/db.server)",
    ]);
  });
});
