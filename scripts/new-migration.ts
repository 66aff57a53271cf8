// Makes a new migration without `prisma migrate dev` (which the JS schema engine
// cannot run on SQLite): diff the schema as of the last migration against the
// current one. Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { syncPostgresMigrations } from "./pg-migrations";
import { writePostgresSchema } from "./pg-schema";

const MIGRATIONS = path.join("prisma", "migrations");
const SCHEMA = path.join("prisma", "schema.prisma");
const SQLITE_EXTRAS = path.join("prisma", "sqlite");
const SNAPSHOT = "schema.prisma"; // the schema each migration was made from

const name = process.argv[2]?.trim();
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Ange ett namn med små bokstäver, siffror och _: npm run db:migration -- add_something");
  process.exit(2);
}

fs.mkdirSync(MIGRATIONS, { recursive: true });
const previous = fs
  .readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .at(-1);

const from = previous
  ? ["--from-schema-datamodel", path.join(MIGRATIONS, previous, SNAPSHOT)]
  : ["--from-empty"];
let sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"],
  { encoding: "utf8" },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("Inga schemaändringar sedan den senaste migreringen.");
  process.exit(0);
}

// A redefined SQLite table loses its triggers: put back the ones we keep per table.
for (const file of fs.existsSync(SQLITE_EXTRAS) ? fs.readdirSync(SQLITE_EXTRAS) : []) {
  const table = path.basename(file, ".sql");
  const created = new RegExp(`CREATE TABLE "(new_)?${table}"`).test(sql);
  if (created) {
    sql += `\n-- From prisma/sqlite/${file}\n` + fs.readFileSync(path.join(SQLITE_EXTRAS, file), "utf8");
  }
}

// Prisma redefines a table by creating "new_X", dropping X and renaming. Since
// SQLite 3.26 that rename fails when a trigger on another table mentions X (the
// search index triggers do). The legacy rename skips that check; the triggers
// keep working because the table ends up under its old name.
if (/ALTER TABLE "new_\w+" RENAME TO/.test(sql)) {
  sql = `PRAGMA legacy_alter_table=ON;\n${sql}\nPRAGMA legacy_alter_table=OFF;\n`;
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
fs.copyFileSync(SCHEMA, path.join(dir, SNAPSHOT));
const lock = path.join(MIGRATIONS, "migration_lock.toml");
if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "sqlite"\n');
console.log(`Skapade ${path.join(dir, "migration.sql")}. Kör npm run db:deploy för att tillämpa den.`);

// The PostgreSQL side, generated from the same schema (docs/decisions/010-postgresql.md).
writePostgresSchema();
try {
  const written = await syncPostgresMigrations();
  if (written.length) console.log(`Skapade PostgreSQL-tvillingen i prisma/postgres/migrations: ${written.join(", ")}.`);
  execFileSync("node", ["scripts/pg-client.mjs"], { stdio: "ignore" });
} catch (error) {
  console.warn(
    `OBS: PostgreSQL-migreringen kunde inte skapas (${error instanceof Error ? error.message.split("\n")[0] : String(error)}).\n` +
      "Installera PostgreSQL (apt-get install postgresql) eller sätt PG_URL, och kör sedan npm run db:migration:pg.",
  );
}
