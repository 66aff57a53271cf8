// Capacity is exact under concurrency: 200 simultaneous registrations over HTTP
// against the production server for a 50-seat event, then the same again while a
// second OS process registers through the model on the same database file, and
// 20 simultaneous registrations with one email address.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const ROOT = path.resolve(__dirname, "..", "..");
let app: AppServer;

async function createEvent(slug: string, capacity: number): Promise<string> {
  const id = `conc${crypto.randomBytes(8).toString("hex")}`;
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  const now = new Date();
  await testQuery(
    app.databaseUrl,
    `INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "capacity", "seatsTaken", "status", "joinUrl", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, 0, 'published', 'https://meet.example/conc', ?, ?)`,
    [id, slug, `Test ${slug}`, startsAt, new Date(+startsAt + 90 * 60_000), capacity, now, now],
  );
  return id;
}

async function readState(eventId: string) {
  const rows = await testQuery<{ email: string; status: string; waitlistSeq: number | null }>(
    app.databaseUrl,
    `SELECT "email", "status", "waitlistSeq" FROM "Registration" WHERE "eventId" = ?`,
    [eventId],
  );
  const [event] = await testQuery<{ seatsTaken: number; capacity: number }>(app.databaseUrl, `SELECT "seatsTaken", "capacity" FROM "Event" WHERE "id" = ?`, [eventId]);
  const mails = await testQuery<{ kind: string; n: number }>(
    app.databaseUrl,
    `SELECT "kind", count(*) AS "n" FROM "OutboxEmail" WHERE "toAddress" IN (SELECT "email" FROM "Registration" WHERE "eventId" = ?) AND "attachments" IS NOT NULL GROUP BY "kind"`,
    [eventId],
  );
  return { rows, event: event!, mails: Object.fromEntries(mails.map((m) => [m.kind, m.n])) };
}

let ipCounter = 0;
function register(slug: string, email: string) {
  ipCounter++;
  return fetch(`${app.url}/forum/${slug}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: app.url,
      // Different clients, so the per-IP rate limit does not stop the test.
      "X-Forwarded-For": `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    },
    body: new URLSearchParams({ name: `Deltagare ${email}`, email, orgKind: "kommun", municipalityCode: "2081", consentStore: "on" }),
  }).then(async (res) => ({ status: res.status, location: res.headers.get("location"), text: res.status === 302 ? "" : await res.text() }));
}

/** Waitlist sequence numbers must be exactly 1..n. */
function expectNoGaps(seqs: (number | null)[]) {
  const sorted = seqs.map(Number).sort((a, b) => a - b);
  expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
}

describe.skipIf(!buildExists())("registration under concurrency (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "registration-concurrency", seed: true, env: { TRUST_PROXY: "1" } });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("200 simultaneous registrations for 50 seats: exactly 50 confirmed, 150 waitlisted in order, no 5xx", async () => {
    const slug = "samtidigt-50";
    const eventId = await createEvent(slug, 50);
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => register(slug, `p${i}@samtidigt.example`)));
    const ms = performance.now() - started;
    console.log(`200 registreringar över HTTP: ${Math.round(ms)} ms`);

    expect(responses.filter((r) => r.status >= 500), app.errorLines()).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(302));

    const { rows, event, mails } = await readState(eventId);
    expect(rows).toHaveLength(200);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(50);
    const waitlisted = rows.filter((r) => r.status === "waitlisted");
    expect(waitlisted).toHaveLength(150);
    expectNoGaps(waitlisted.map((r) => r.waitlistSeq));
    expect(event.seatsTaken).toBe(50);
    expect(mails).toEqual({ "registration-confirmed": 50, "registration-waitlisted": 150 });

    // Each person's own page shows their status, and the waitlist position matches the queue.
    const seqByEmail = new Map(rows.map((r) => [r.email, r]));
    const pages = await Promise.all(
      responses.map(async (r, i) => ({ email: `p${i}@samtidigt.example`, html: await (await fetch(`${app.url}${r.location}`)).text() })),
    );
    for (const { email, html } of pages) {
      const row = seqByEmail.get(email)!;
      if (row.status === "confirmed") {
        expect(html).toContain("Du är anmäld och har en plats.");
        expect(html).toContain("https://meet.example/conc");
      } else {
        expect(html).toContain(`nummer ${row.waitlistSeq}</strong>`);
        expect(html).not.toContain("https://meet.example/conc");
      }
    }
  }, 120_000);

  it("stays exact while a second OS process registers for the same event at the same time", async () => {
    const slug = "samtidigt-tva-processer";
    const eventId = await createEvent(slug, 50);
    const worker = spawn("npx", ["tsx", "app/test/register-worker.ts", eventId, "60", "w"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: app.databaseUrl, DATA_DIR: path.join(ROOT, ".tmp", "registration-concurrency-data") },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    worker.stderr.on("data", (c: Buffer) => (err += c.toString()));
    await new Promise<void>((resolve, reject) => {
      worker.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("ready\n")) resolve();
      });
      worker.once("exit", (code) => reject(new Error(`worker exited (${code}): ${err}`)));
    });
    const done = new Promise<number | null>((resolve) => worker.once("exit", resolve));

    worker.stdin.write("go\n");
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => register(slug, `h${i}@samtidigt.example`)));
    expect(await done).toBe(0);
    const workerResults: string[] = JSON.parse(out.split("\n").find((l) => l.startsWith("{"))!).results;

    expect(responses.filter((r) => r.status >= 500), app.errorLines()).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(302));
    expect(workerResults.filter((r) => !["confirmed", "waitlisted"].includes(r))).toEqual([]);

    const { rows, event } = await readState(eventId);
    expect(rows).toHaveLength(260);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(50);
    const waitlisted = rows.filter((r) => r.status === "waitlisted");
    expect(waitlisted).toHaveLength(210);
    expectNoGaps(waitlisted.map((r) => r.waitlistSeq));
    expect(event.seatsTaken).toBe(50);
    // Both writers really took part.
    expect(workerResults).toHaveLength(60);
    console.log(`andra processen: ${workerResults.filter((r) => r === "confirmed").length} platser, ${workerResults.filter((r) => r === "waitlisted").length} på väntelistan`);
  }, 120_000);

  it("the same email 20 times at once gives one row; the others hear 'du är redan anmäld'", async () => {
    const slug = "samtidigt-samma-adress";
    const eventId = await createEvent(slug, 50);
    const responses = await Promise.all(Array.from({ length: 20 }, () => register(slug, "samma@samtidigt.example")));
    expect(responses.filter((r) => r.status === 302)).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 302);
    expect(refused.map((r) => r.status)).toEqual(Array(19).fill(409));
    for (const r of refused) expect(r.text).toContain("Du är redan anmäld");
    const { rows, event } = await readState(eventId);
    expect(rows).toHaveLength(1);
    expect(event.seatsTaken).toBe(1);
  }, 60_000);
});
