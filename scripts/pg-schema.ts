// The PostgreSQL schema is GENERATED from prisma/schema.prisma (the one source of
// truth): Prisma needs one schema file per provider, and its engine-free client is
// compiled per provider. Run `npm run db:schema:pg` after editing the SQLite schema
// (npm run db:migration does it for you); scripts/pg-schema.test.ts fails when
// prisma/postgres/schema.prisma is out of date.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const PG_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
/** Where the PostgreSQL client is generated: a package of its own in node_modules, so the Remix build leaves it external. */
export const PG_CLIENT_PACKAGE = "@kommunforum/prisma-postgres";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts (npm run db:schema:pg).
// Do not edit: change prisma/schema.prisma and regenerate.
`;

/** The PostgreSQL twin of a SQLite schema text (also used for the per-migration snapshots). */
export function toPostgresSchema(sqlite: string): string {
  let out = sqlite;
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  if (!provider.test(out)) throw new Error("Hittar inte provider = \"sqlite\" i datasource-blocket");
  out = out.replace(provider, '$1"postgresql"');
  out = out.replace(/(datasource\s+db\s*\{[^}]*?url\s*=\s*)"[^"]*"/, '$1"postgresql://localhost/ignored"');
  const generator = /(generator\s+client\s*\{)([^}]*)\}/;
  const match = generator.exec(out);
  if (!match) throw new Error("Hittar inte generator client-blocket");
  if (/\boutput\s*=/.test(match[2]!)) throw new Error("SQLite-schemat ska inte ange output");
  out = out.replace(generator, `$1$2  output     = "../../node_modules/${PG_CLIENT_PACKAGE}"\n}`);
  return HEADER + out;
}

export function writePostgresSchema(): boolean {
  const next = toPostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(PG_SCHEMA) ? fs.readFileSync(PG_SCHEMA, "utf8") : "";
  if (current === next) return false;
  fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  fs.writeFileSync(PG_SCHEMA, next);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(writePostgresSchema() ? `Skrev ${PG_SCHEMA}.` : `${PG_SCHEMA} är redan aktuell.`);
}
