// Keeps prisma/postgres/migrations in step with prisma/migrations: for every
// SQLite migration without a PostgreSQL twin of the same name, diff the two
// schema snapshots (converted to PostgreSQL) with the JS schema engine and the
// pg adapter, and write the twin with its own snapshot. Run by
// `npm run db:migration`, or alone: `npm run db:migration:pg` (e.g. after a merge
// brought SQLite migrations from a branch made before PostgreSQL existed).
//
// The schema engine needs a reachable server even for a pure diff: it uses
// PG_URL (or DATABASE_URL when that is PostgreSQL), else starts a throwaway
// server with scripts/pg-server.sh.
//
// A SQLite migration with no schema change is hand-written SQL (triggers, FTS5):
// its twin gets a placeholder that says so, and must be written by hand.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toPostgresSchema } from "./pg-schema";
import { freePort } from "../app/test/free-port";

export const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
export const PG_MIGRATIONS = path.join("prisma", "postgres", "migrations");
export const SNAPSHOT = "schema.prisma";
export const HAND_WRITTEN_MARK = "-- HAND-WRITTEN POSTGRESQL TWIN NEEDED";

export function migrationNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function withPostgres<T>(fn: (url: string) => T): Promise<T> {
  const given = process.env.PG_URL || (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : "");
  if (given) return fn(given);
  const port = await freePort();
  const dir = execFileSync("bash", ["scripts/pg-server.sh", "start", String(port)], { encoding: "utf8" }).trim();
  try {
    return fn(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  } finally {
    execFileSync("bash", ["scripts/pg-server.sh", "stop", dir]);
  }
}

function diff(url: string, from: string | null, to: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kf-pg-diff-"));
  try {
    const toFile = path.join(tmp, "to.prisma");
    fs.writeFileSync(toFile, to);
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, "from.prisma")];
    if (from !== null) fs.writeFileSync(path.join(tmp, "from.prisma"), from);
    return execFileSync("npx", ["prisma", "migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Names of SQLite migrations that have no PostgreSQL twin yet. */
export function missingTwins(): string[] {
  const have = new Set(migrationNames(PG_MIGRATIONS));
  return migrationNames(SQLITE_MIGRATIONS).filter((n) => !have.has(n));
}

export async function syncPostgresMigrations(): Promise<string[]> {
  const names = migrationNames(SQLITE_MIGRATIONS);
  const missing = missingTwins();
  if (missing.length === 0) return [];
  const extra = migrationNames(PG_MIGRATIONS).filter((n) => !names.includes(n));
  if (extra.length) throw new Error(`PostgreSQL-migreringar utan SQLite-motsvarighet: ${extra.join(", ")}`);
  const written: string[] = [];
  await withPostgres((url) => {
    for (const name of missing) {
      const i = names.indexOf(name);
      const snapshot = (n: string) => toPostgresSchema(fs.readFileSync(path.join(SQLITE_MIGRATIONS, n, SNAPSHOT), "utf8"));
      const from = i === 0 ? null : snapshot(names[i - 1]!);
      const to = snapshot(name);
      let sql = diff(url, from, to);
      if (i === 0) sql = sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, "");
      if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
        sql = `${HAND_WRITTEN_MARK}
-- prisma/migrations/${name} changes no Prisma model, so it is hand-written SQLite
-- SQL (triggers, FTS5, data). Write what it does for PostgreSQL here, or
-- delete this comment if PostgreSQL needs nothing.
`;
        console.warn(`OBS: ${name} är handskriven; skriv PostgreSQL-varianten i ${path.join(PG_MIGRATIONS, name, "migration.sql")}.`);
      }
      const dir = path.join(PG_MIGRATIONS, name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      fs.writeFileSync(path.join(dir, SNAPSHOT), to);
      written.push(name);
    }
  });
  const lock = path.join(PG_MIGRATIONS, "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const written = await syncPostgresMigrations();
  console.log(written.length ? `Skrev PostgreSQL-migreringar: ${written.join(", ")}` : "PostgreSQL-migreringarna är redan i takt.");
}
