// The PostgreSQL schema is DERIVED from prisma/schema.prisma (the one source of
// truth) and not stored: Prisma needs one schema file per provider, and its
// engine-free client is compiled per provider. `postinstall` (scripts/pg-client.mjs)
// and prisma.config.ts (for any PostgreSQL DATABASE_URL) write
// prisma/postgres/schema.prisma from it; git ignores that file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const PG_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
/** Where the PostgreSQL client is generated: a package of its own in node_modules, so the Remix build leaves it external. */
export const PG_CLIENT_PACKAGE = "@kommunforum/prisma-postgres";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts; not stored in git.
// Do not edit: change prisma/schema.prisma.
`;

/** The PostgreSQL twin of a SQLite schema text (also used for the migration snapshot). */
export function toPostgresSchema(sqlite: string): string {
  let out = sqlite;
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  if (!provider.test(out)) throw new Error('Hittar inte provider = "sqlite" i datasource-blocket');
  out = out.replace(provider, '$1"postgresql"');
  out = out.replace(/(datasource\s+db\s*\{[^}]*?url\s*=\s*)"[^"]*"/, '$1"postgresql://localhost/ignored"');
  const generator = /(generator\s+client\s*\{)([^}]*)\}/;
  const match = generator.exec(out);
  if (!match) throw new Error("Hittar inte generator client-blocket");
  if (/\boutput\s*=/.test(match[2]!)) throw new Error("SQLite-schemat ska inte ange output");
  out = out.replace(generator, `$1$2  output     = "../../node_modules/${PG_CLIENT_PACKAGE}"\n}`);
  return HEADER + out;
}

/** Writes prisma/postgres/schema.prisma when it is missing or out of date; true when it wrote. */
export function writePostgresSchema(root = "."): boolean {
  const next = toPostgresSchema(fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  const file = path.join(root, PG_SCHEMA);
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current === next) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(writePostgresSchema() ? `Skrev ${PG_SCHEMA}.` : `${PG_SCHEMA} är redan aktuell.`);
}
