// Makes a new migration without `prisma migrate dev` (which the JS schema engine
// cannot run on SQLite): diff the schema as of the last migration against the
// current one, for SQLite and for PostgreSQL. Usage: npm run db:migration -- <name>
//
// Only the newest migration folder keeps its schema snapshot (older ones are in git
// history): the new folder gets the current schema and the previous one loses its
// copy. Both SQL texts are made before anything is written, so a failed PostgreSQL
// diff leaves the tree as it was (ADR 002).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { HAND_WRITTEN_MARK, migrationNames, PG_MIGRATIONS, postgresDiff, SNAPSHOT, SQLITE_MIGRATIONS, withPostgres } from "./pg-migrations";
import { SQLITE_SCHEMA, toPostgresSchema, writePostgresSchema } from "./pg-schema";

const SQLITE_EXTRAS = path.join("prisma", "sqlite");

const name = process.argv[2]?.trim();
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Ange ett namn med små bokstäver, siffror och _: npm run db:migration -- add_something");
  process.exit(2);
}

fs.mkdirSync(SQLITE_MIGRATIONS, { recursive: true });
const previous = migrationNames(SQLITE_MIGRATIONS).at(-1);
const previousSnapshot = previous ? path.join(SQLITE_MIGRATIONS, previous, SNAPSHOT) : null;
if (previousSnapshot && !fs.existsSync(previousSnapshot)) {
  console.error(`${previousSnapshot} saknas: den senaste migreringen ska ha kvar schemat den gjordes från.`);
  process.exit(1);
}

const from = previousSnapshot ? ["--from-schema-datamodel", previousSnapshot] : ["--from-empty"];
let sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SQLITE_SCHEMA, "--script"], { encoding: "utf8" });
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("Inga schemaändringar sedan den senaste migreringen.");
  process.exit(0);
}

// A redefined SQLite table loses its triggers: put back the ones we keep per table.
for (const file of fs.existsSync(SQLITE_EXTRAS) ? fs.readdirSync(SQLITE_EXTRAS) : []) {
  const table = path.basename(file, ".sql");
  if (new RegExp(`CREATE TABLE "(new_)?${table}"`).test(sql)) {
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

// The PostgreSQL twin, from the same two schema texts (docs/decisions/010-postgresql.md).
const schema = fs.readFileSync(SQLITE_SCHEMA, "utf8");
let pgSql: string;
try {
  const fromText = previousSnapshot ? toPostgresSchema(fs.readFileSync(previousSnapshot, "utf8")) : null;
  pgSql = await withPostgres((url) => postgresDiff(url, fromText, toPostgresSchema(schema)));
} catch (error) {
  console.error(
    `PostgreSQL-migreringen kunde inte skapas (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); ingenting skrevs.\n` +
      "Installera PostgreSQL (apt-get install postgresql) eller sätt PG_URL till en server, och kör kommandot igen.",
  );
  process.exit(1);
}
if (!/\b(CREATE|ALTER|DROP)\b/.test(pgSql)) pgSql = `${HAND_WRITTEN_MARK}\n-- Write what this migration does for PostgreSQL here.\n`;

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;
const dir = path.join(SQLITE_MIGRATIONS, folder);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
fs.writeFileSync(path.join(dir, SNAPSHOT), schema);
if (previousSnapshot) fs.rmSync(previousSnapshot);
const lock = path.join(SQLITE_MIGRATIONS, "migration_lock.toml");
if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "sqlite"\n');

const pgDir = path.join(PG_MIGRATIONS, folder);
fs.mkdirSync(pgDir, { recursive: true });
fs.writeFileSync(path.join(pgDir, "migration.sql"), pgSql);
const pgLock = path.join(PG_MIGRATIONS, "migration_lock.toml");
if (!fs.existsSync(pgLock)) fs.writeFileSync(pgLock, 'provider = "postgresql"\n');

// Both clients follow the new schema at once (postinstall does the same).
execFileSync("npx", ["prisma", "generate", "--schema", SQLITE_SCHEMA], { stdio: "ignore" });
writePostgresSchema();
execFileSync("node", ["scripts/pg-client.mjs"], { stdio: "ignore" });
console.log(`Skapade ${path.join(dir, "migration.sql")} och ${path.join(pgDir, "migration.sql")}. Läs SQL:en och kör sedan npm run db:deploy.`);
