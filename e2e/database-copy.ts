// A consistent copy of the e2e database, for a journey that runs a server of its
// own on it while the e2e server keeps running: SQLite through better-sqlite3's
// online backup, PostgreSQL (`npm run test:pg`) through pg_dump into a new database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DATABASE_URL } from "./paths";

const isPostgres = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);

/** The folder of psql and pg_dump: on the PATH, else Debian's newest PostgreSQL. */
function postgresBin(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (fs.existsSync(path.join(dir, "psql"))) return dir;
  }
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort() : [];
  for (const v of versions.reverse()) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (fs.existsSync(path.join(dir, "psql"))) return dir;
  }
  throw new Error("psql saknas: installera postgresql-client");
}

/** Runs SQL (or a dump, on stdin) with psql on the database at `url`. */
function psql(url: string, input: string | Buffer) {
  execFileSync(path.join(postgresBin(), "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url], { input, stdio: ["pipe", "ignore", "pipe"] });
}

/** Returns the copy's URL and a remover. */
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
  const copy = new URL(E2E_DATABASE_URL);
  copy.pathname = `/${tag}`;
  psql(E2E_DATABASE_URL, `CREATE DATABASE "${tag}"`);
  const dump = execFileSync(path.join(postgresBin(), "pg_dump"), ["--no-owner", "--no-privileges", "-d", E2E_DATABASE_URL], { maxBuffer: 512 * 1024 * 1024 });
  psql(copy.toString(), dump);
  return { url: copy.toString(), remove: () => psql(E2E_DATABASE_URL, `DROP DATABASE IF EXISTS "${tag}" WITH (FORCE)`) };
}
