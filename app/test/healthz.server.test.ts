// /healthz must fail when the database cannot be written. A deployment where the
// first start ran as root left a root-owned database; the service user's server
// then read pages fine while every form post failed with "attempt to write a
// readonly database", and /healthz (a read) still said 200.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const ROOT = path.resolve(__dirname, "..", "..");
const pgRun = Boolean(process.env.TEST_PG_URL);
const servers: AppServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const c of cleanups) await c();
});

async function health(app: AppServer) {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; database: { ok: boolean; error?: string } } };
}

/** A database of its own that the test can make read-only; removed afterwards. */
async function ownDatabase(): Promise<string> {
  if (pgRun) {
    const { createTestDatabase, dropTestDatabase } = await import("./pg-test-db");
    const url = await createTestDatabase("healthz");
    cleanups.push(() => dropTestDatabase(url));
    return url;
  }
  const file = path.join(ROOT, ".tmp", `healthz-${process.pid}.db`);
  fs.copyFileSync(path.join(ROOT, ".tmp", "test-template.db"), file);
  cleanups.push(() => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
  return `file:${file}`;
}

/** SQLite: the file (and its -wal/-shm) read-only, as a root-owned file is to the service user. PostgreSQL: a read-only database. */
async function makeReadOnly(databaseUrl: string) {
  if (!databaseUrl.startsWith("file:")) {
    const name = new URL(databaseUrl).pathname.slice(1);
    await testQuery(databaseUrl, `ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
    return;
  }
  const file = databaseUrl.slice("file:".length);
  for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o444);
}

describe.skipIf(!buildExists())("/healthz", () => {
  it("answers 200 while the database takes writes, and 503 once it can only be read", async () => {
    const databaseUrl = await ownDatabase();
    const healthy = await startAppServer({ name: "healthz-rw", sharedDatabaseUrl: databaseUrl });
    servers.push(healthy);
    expect(await health(healthy)).toMatchObject({ status: 200, body: { status: "ok", database: { ok: true } } });
    await healthy.stop();

    await makeReadOnly(databaseUrl);
    const readOnly = await startAppServer({
      name: "healthz-ro",
      sharedDatabaseUrl: databaseUrl,
      expectHealthy: false,
      filePermissionsBindRoot: true,
    });
    servers.push(readOnly);
    // Pages that only read still work …
    expect((await fetch(`${readOnly.url}/kontakt`)).status).toBe(200);
    // … but the health check says what every form post would find out.
    const { status, body } = await health(readOnly);
    expect(status).toBe(503);
    expect(body.status).toBe("fel");
    expect(body.database.error).toMatch(/readonly|read-only/i);
  }, 90_000);
});
