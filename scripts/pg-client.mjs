// Generates the PostgreSQL Prisma client (prisma/postgres/schema.prisma, itself
// generated from prisma/schema.prisma) and makes it share @prisma/client's runtime.
//
// Prisma copies its runtime into a client generated with a custom `output`, so
// `Prisma.PrismaClientKnownRequestError` from "@prisma/client" would be another
// class than the one the PostgreSQL client throws, and `instanceof` checks in the
// models would silently fail on PostgreSQL. The copy is byte-identical apart from a
// comment header (checked below), so the client is pointed at the shared runtime.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const OUT = path.join("node_modules", "@kommunforum", "prisma-postgres");
const SHARED = "@prisma/client/runtime/client.js";

execFileSync("npx", ["tsx", "scripts/pg-schema.ts"], { stdio: "inherit" });
execFileSync("npx", ["prisma", "generate", "--schema", path.join("prisma", "postgres", "schema.prisma")], { stdio: "inherit" });

const strip = (text) => text.replace(/^(\s*\/\*[\s\S]*?\*\/\s*|\s*\/\/[^\n]*\n)*/, "");
const copy = fs.readFileSync(path.join(OUT, "runtime", "client.js"), "utf8");
const shared = fs.readFileSync(path.join("node_modules", SHARED), "utf8");
if (strip(copy) !== strip(shared)) {
  console.error(`${OUT}/runtime/client.js skiljer sig från ${SHARED}: är prisma och @prisma/client samma version?`);
  process.exit(1);
}
for (const file of ["index.js", "index.d.ts"]) {
  const p = path.join(OUT, file);
  const text = fs.readFileSync(p, "utf8").replaceAll("'./runtime/client.js'", `'${SHARED}'`);
  fs.writeFileSync(p, text);
}
console.log(`PostgreSQL-klienten i ${OUT} använder ${SHARED}.`);
