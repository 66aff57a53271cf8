// Synchronous SQL on the e2e server's database, for the journeys' test data.
// SQLite (the default) through better-sqlite3; PostgreSQL (`npm run test:pg`)
// through psql, one process per statement: the helpers stay synchronous and the
// journeys need no pg pool of their own. Write SQL with "quoted" identifiers and
// `?` placeholders; it then runs unchanged on both.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DATABASE_URL } from "./paths";

type Param = string | number | boolean | Date | null;
type Row = Record<string, unknown>;

const isPostgres = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);

// Prisma stores DateTime as ISO text on SQLite; PostgreSQL reads the same text
// into its timestamp(3) columns (UTC, as Prisma writes them).
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

function psqlBinary(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (fs.existsSync(path.join(dir, "psql"))) return path.join(dir, "psql");
  }
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort() : [];
  for (const v of versions.reverse()) {
    const candidate = `/usr/lib/postgresql/${v}/bin/psql`;
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("psql saknas: installera postgresql-client");
}

/** `?` → psql variables (:'p1'), so psql quotes every value itself; null becomes NULL. */
function psql(text: string, params: Param[], wrapRows: boolean): string {
  const args = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", E2E_DATABASE_URL];
  let i = 0;
  let statement = text.replace(/\?/g, () => {
    const value = params[i++];
    if (value === null || value === undefined) return "NULL";
    const name = `p${i}`;
    const literal = value instanceof Date ? iso(value) : String(value);
    args.push("-v", `${name}=${literal}`);
    return `:'${name}'`;
  });
  if (wrapRows) statement = `SELECT coalesce(json_agg(t), '[]'::json) FROM (${statement}) t`;
  return execFileSync(psqlBinary(), args, { input: statement, encoding: "utf8" });
}

function sqlite<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE_URL.replace(/^file:/, ""));
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON"); // deletes cascade as on PostgreSQL
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const sqliteParams = (params: Param[]) =>
  params.map((p) => (p instanceof Date ? iso(p) : typeof p === "boolean" ? (p ? 1 : 0) : p));

/** Runs a statement that returns no rows. */
export function run(text: string, ...params: Param[]): void {
  if (isPostgres) psql(text, params, false);
  else sqlite((db) => db.prepare(text).run(...sqliteParams(params)));
}

/** All rows of a query. Booleans come back as true/false on PostgreSQL and 1/0 on SQLite. */
export function all<T extends Row>(text: string, ...params: Param[]): T[] {
  if (isPostgres) return JSON.parse(psql(text, params, true)) as T[];
  return sqlite((db) => db.prepare(text).all(...sqliteParams(params)) as T[]);
}

/** The first row of a query, or undefined. */
export function get<T extends Row>(text: string, ...params: Param[]): T | undefined {
  return all<T>(text, ...params)[0];
}

/**
 * A consistent copy of the e2e database for a journey that runs its own server,
 * taken while the e2e server keeps running. Returns the copy's URL and a remover.
 */
export async function copyDatabase(label: string): Promise<{ url: string; remove: () => void }> {
  const tag = `${label}_${process.pid}_${Date.now().toString(36)}`.replace(/\W/g, "_").toLowerCase();
  if (!isPostgres) {
    const file = path.resolve(".tmp", `${tag}.db`);
    const source = new Database(E2E_DATABASE_URL.replace(/^file:/, ""), { readonly: true });
    await source.backup(file);
    source.close();
    const remove = () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    };
    return { url: `file:${file}`, remove };
  }
  // CREATE DATABASE … TEMPLATE needs a database nobody is connected to; a dump does not.
  const url = new URL(E2E_DATABASE_URL);
  const copy = new URL(url);
  copy.pathname = `/${tag}`;
  const bin = path.dirname(psqlBinary());
  run(`CREATE DATABASE "${tag}"`);
  const dump = execFileSync(path.join(bin, "pg_dump"), ["--no-owner", "--no-privileges", "-d", url.toString()], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync(path.join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", copy.toString()], { input: dump, stdio: ["pipe", "ignore", "pipe"] });
  return { url: copy.toString(), remove: () => run(`DROP DATABASE IF EXISTS "${tag}" WITH (FORCE)`) };
}
