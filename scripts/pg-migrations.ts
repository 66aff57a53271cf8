// The PostgreSQL side of a new migration. `npm run db:migration` (scripts/new-migration.ts)
// diffs the schema snapshot of the newest migration against prisma/schema.prisma twice:
// once for SQLite, and once here with both texts converted to PostgreSQL
// (scripts/pg-schema.ts), through the JS schema engine and the pg adapter. The
// PostgreSQL twin is stored as prisma/postgres/migrations/<same name>/migration.sql,
// without a snapshot of its own (ADR 002, ADR 010).
//
// The schema engine needs a reachable server even for a pure diff: it uses
// PG_URL (or DATABASE_URL when that is PostgreSQL), else starts a throwaway
// server with scripts/pg-server.sh.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../app/test/free-port";

export const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
export const PG_MIGRATIONS = path.join("prisma", "postgres", "migrations");
/** The schema the newest migration was made from; only the newest folder keeps one. */
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

export async function withPostgres<T>(fn: (url: string) => T): Promise<T> {
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

/** `prisma migrate diff --script` between two PostgreSQL schema texts (from null = empty database). */
export function postgresDiff(url: string, from: string | null, to: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kf-pg-diff-"));
  try {
    const toFile = path.join(tmp, "to.prisma");
    fs.writeFileSync(toFile, to);
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, "from.prisma")];
    if (from !== null) fs.writeFileSync(path.join(tmp, "from.prisma"), from);
    const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return from === null ? sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, "") : sql;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
