// The anonymous page cache (ADR 013) with two instances on one PostgreSQL database:
// a write through instance A empties instance B's cache over LISTEN/NOTIFY, so
// B's next anonymous answer shows it. Runs only on `npm run test:pg`.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { createUser } from "./http-users";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const pgRun = Boolean(process.env.TEST_PG_URL);
let databaseUrl = "";
let a: AppServer | undefined;
let b: AppServer | undefined;

const get = (app: AppServer, path: string) => fetch(`${app.url}${path}`, { redirect: "manual" });

describe.skipIf(!pgRun || !buildExists())("page cache on two instances (PostgreSQL)", () => {
  beforeAll(async () => {
    const { createTestDatabase } = await import("./pg-test-db");
    databaseUrl = await createTestDatabase("page-cache-instances");
    const env = { PAGE_CACHE_MB: "32" };
    [a, b] = await Promise.all([
      startAppServer({ name: "page-cache-a", sharedDatabaseUrl: databaseUrl, env }),
      startAppServer({ name: "page-cache-b", sharedDatabaseUrl: databaseUrl, env }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (databaseUrl) await (await import("./pg-test-db")).dropTestDatabase(databaseUrl);
  }, 30_000);

  it("a registration through instance A changes the seats instance B shows anonymously", async () => {
    const member = await createUser(databaseUrl, { municipalityCode: null, affiliation: "none" });
    const id = `pci${crypto.randomBytes(8).toString("hex")}`;
    const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
    const now = new Date();
    await testQuery(
      databaseUrl,
      `INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "capacity", "seatsTaken", "status", "joinUrl", "createdAt", "updatedAt")
       VALUES (?, ?, 'Två cachar', ?, ?, 5, 0, 'published', 'https://meet.example/cache', ?, ?)`,
      [id, id, startsAt, new Date(+startsAt + 90 * 60_000), now, now],
    );
    const path = `/forum/${id}`;
    expect(await (await get(b!, path)).text()).toContain("5 platser kvar av 5");
    await expect.poll(async () => (await get(b!, path)).headers.get("x-cache"), { timeout: 5_000, interval: 20 }).toBe("HIT");

    const registered = await fetch(`${a!.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a!.url, Cookie: member.cookie },
      body: new URLSearchParams({ title: "Analytiker", consentStore: "on" }).toString(),
    });
    expect(registered.status, a!.errorLines()).toBe(302);
    // B hears it over NOTIFY: wait for that event, then B renders the page again.
    await expect.poll(async () => (await get(b!, path)).text(), { timeout: 5_000, interval: 20 }).toContain("4 platser kvar av 5");
  });
});
