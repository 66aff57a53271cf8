// Starts the production build (node server.js) as a child process on its own
// port and database, for tests that talk HTTP to the real server. It stops only
// the process it started, by PID.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./free-port";

const ROOT = path.resolve(__dirname, "..", "..");
const TMP = path.join(ROOT, ".tmp");

export type AppServer = {
  url: string;
  port: number;
  /** The server's process id, for tests that signal it themselves. */
  pid: number;
  /** Resolves with the exit code when the server process ends. */
  exited: Promise<number | null>;
  /** The SQLite file (empty on a PostgreSQL run: use databaseUrl). */
  dbFile: string;
  databaseUrl: string;
  /** The server's DATA_DIR (uploads go in its uploads/ folder). */
  dataDir: string;
  log: () => string;
  /** Lines the server logged at error level (for assertion messages). */
  errorLines: () => string;
  stop: () => Promise<void>;
};

export async function startAppServer({
  port: wanted,
  name,
  env = {},
  seed = false,
  sharedDatabaseUrl,
  expectHealthy = true,
  filePermissionsBindRoot = false,
}: {
  /** Leave out to get a free port. */
  port?: number;
  name: string;
  env?: Record<string, string>;
  seed?: boolean;
  /**
   * Use this existing database instead of a fresh copy (several instances on one
   * PostgreSQL database, app/test/two-instances.server.test.ts). The caller
   * creates and drops it; stop() leaves it alone.
   */
  sharedDatabaseUrl?: string;
  /** false: ready as soon as /healthz answers at all, e.g. 503 (a test of the health check). */
  expectHealthy?: boolean;
  /**
   * When the tests run as root: start the server without CAP_DAC_OVERRIDE and
   * CAP_DAC_READ_SEARCH (setpriv), so a read-only file is read-only to it, as it is
   * to a service user. Root writes any file otherwise.
   */
  filePermissionsBindRoot?: boolean;
}): Promise<AppServer> {
  const port = wanted ?? (await freePort());
  // `npm run test:pg`: a PostgreSQL copy of the migrated template (app/test/pg-test-db.ts).
  const pg = process.env.TEST_PG_URL ? await import("./pg-test-db") : null;
  const shared = Boolean(sharedDatabaseUrl);
  const dbFile = sharedDatabaseUrl
    ? sharedDatabaseUrl.startsWith("file:")
      ? sharedDatabaseUrl.slice("file:".length)
      : ""
    : pg
      ? ""
      : path.join(TMP, `${name}-${process.pid}.db`);
  const databaseUrl = sharedDatabaseUrl ?? (pg ? await pg.createTestDatabase(name) : `file:${dbFile}`);
  if (!pg && !shared) fs.copyFileSync(path.join(TMP, "test-template.db"), dbFile);
  const dataDir = path.join(TMP, `${name}-data`);
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    RUN_JOBS: "0",
    APP_URL: `http://localhost:${port}`,
    ...env,
  };
  // The seed runs as `npm run db:setup` would, without NODE_ENV.
  if (seed) execFileSync("env", ["-u", "NODE_ENV", "npx", "tsx", "prisma/seed.ts"], { cwd: ROOT, env: fullEnv, stdio: "pipe" });

  let log = "";
  const asRoot = filePermissionsBindRoot && process.getuid?.() === 0;
  const [command, ...args] = asRoot
    ? ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", process.execPath, "server.js"]
    : [process.execPath, "server.js"];
  const child: ChildProcess = spawn(command!, args, { cwd: ROOT, env: fullEnv, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (c: Buffer) => (log = (log + c.toString()).slice(-200_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`servern avslutades (kod ${child.exitCode}):\n${log}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok || !expectHealthy,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`servern svarade inte på /healthz:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    pid: child.pid!,
    exited,
    dbFile,
    databaseUrl,
    dataDir: fullEnv.DATA_DIR!,
    log: () => log,
    errorLines: () =>
      log
        .split("\n")
        .filter((l) => l.includes('"level":"error"'))
        .slice(-30)
        .join("\n"),
    async stop() {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(child.pid, "SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) process.kill(child.pid, "SIGKILL");
      }
      if (shared) return;
      if (pg) await pg.dropTestDatabase(databaseUrl);
      else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
    },
  };
}
