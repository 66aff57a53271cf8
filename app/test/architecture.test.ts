import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  databaseImportsInRoutes,
  extraPrismaClients,
  importsOf,
  isBrowserModule,
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

  test("routes don't import @prisma/client or ~/utils/db.server", () => {
    expect(databaseImportsInRoutes(appFiles)).toEqual([]);
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
      file(
        "app/x.ts",
        `import a from "a"; import type { B } from "b"; import { type C } from "c"; export { d } from "d"; const e = await import("e");`,
      ),
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
    const violations = databaseImportsInRoutes([
      file("app/routes/a.tsx", `import { PrismaClient } from "@prisma/client";`),
      file("app/routes/b.tsx", `import { prisma } from "~/utils/db.server";`),
      file("app/routes/c.tsx", `import { prisma } from "../utils/db.server.ts";`),
      file("app/routes/d.tsx", `import { listCases } from "~/models/case.server";`),
      file("app/models/case.server.ts", `import { prisma } from "~/utils/db.server";`),
    ]);
    expect(violations.map((v) => v.split(" ")[0])).toEqual(["app/routes/a.tsx", "app/routes/b.tsx", "app/routes/c.tsx"]);
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
