// Capacity is exact under concurrency. Registrations by visitors are pending until
// the link in their mail is confirmed, so the seats are taken by the confirmations:
// 200 simultaneous registrations over HTTP against the production server for a
// 50-seat event, then their 200 confirmations at once; the same again while a second
// OS process registers (proven addresses) through the model on the same database
// file; and 20 simultaneous registrations with one email address.
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
  const [event] = await testQuery<{ seatsTaken: number; capacity: number }>(app.databaseUrl, `SELECT "seatsTaken", "capacity" FROM "Event" WHERE "id" = ?`, [
    eventId,
  ]);
  const mails = await testQuery<{ kind: string; n: number }>(
    app.databaseUrl,
    `SELECT "kind", count(*) AS "n" FROM "OutboxEmail" WHERE "toAddress" IN (SELECT "email" FROM "Registration" WHERE "eventId" = ?) AND "attachments" IS NOT NULL GROUP BY "kind"`,
    [eventId],
  );
  return { rows, event: event!, mails: Object.fromEntries(mails.map((m) => [m.kind, m.n])) };
}

let ipCounter = 0;
function post(path: string, body: Record<string, string>) {
  ipCounter++;
  return fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: app.url,
      // Different clients, so the per-IP rate limit does not stop the test.
      "X-Forwarded-For": `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    },
    body: new URLSearchParams(body),
  }).then(async (res) => ({ status: res.status, location: res.headers.get("location") ?? "", text: res.status === 302 ? "" : await res.text() }));
}

const register = (slug: string, email: string) =>
  post(`/forum/${slug}`, { name: `Deltagare ${email}`, email, orgKind: "kommun", municipalityCode: "2081", consentStore: "on" });

const confirm = (token: string) => post("/forum/bekrafta", { token });

/** The confirmation token from each registrant's mail (the only place it exists in clear text). */
async function tokensByEmail(eventId: string): Promise<Map<string, string>> {
  const mails = await testQuery<{ toAddress: string; text: string }>(
    app.databaseUrl,
    `SELECT "toAddress", "text" FROM "OutboxEmail" WHERE "kind" = 'registration-confirm-request' AND "toAddress" IN (SELECT "email" FROM "Registration" WHERE "eventId" = ?) ORDER BY "createdAt"`,
    [eventId],
  );
  return new Map(mails.map((m) => [m.toAddress, decodeURIComponent(/\/forum\/bekrafta\?token=([^\s&]+)/.exec(m.text)![1]!)]));
}

/** Every visitor's answer is the "Kolla din e-post" page: no manage link, no seat yet. */
function expectCheckYourEmail(responses: { status: number; location: string }[]) {
  expect(responses.map((r) => r.status)).toEqual(Array(responses.length).fill(302));
  for (const r of responses) expect(r.location).toMatch(/^\/forum\/kolla-epost\?forum=/);
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
    const registered = await Promise.all(Array.from({ length: 200 }, (_, i) => register(slug, `p${i}@samtidigt.example`)));
    console.log(`200 anmälningar över HTTP: ${Math.round(performance.now() - started)} ms`);
    expect(
      registered.filter((r) => r.status >= 500),
      app.errorLines(),
    ).toEqual([]);
    expectCheckYourEmail(registered);
    const pending = await readState(eventId);
    expect(pending.rows.map((r) => r.status)).toEqual(Array(200).fill("pending"));
    expect(pending.event.seatsTaken).toBe(0);

    const tokens = await tokensByEmail(eventId);
    expect(tokens.size).toBe(200);
    const confirmedAt = performance.now();
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => confirm(tokens.get(`p${i}@samtidigt.example`)!)));
    console.log(`200 bekräftelser över HTTP: ${Math.round(performance.now() - confirmedAt)} ms`);
    expect(
      responses.filter((r) => r.status >= 500),
      app.errorLines(),
    ).toEqual([]);
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
    expectCheckYourEmail(await Promise.all(Array.from({ length: 200 }, (_, i) => register(slug, `h${i}@samtidigt.example`))));
    const tokens = await tokensByEmail(eventId);
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
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => confirm(tokens.get(`h${i}@samtidigt.example`)!)));
    expect(await done).toBe(0);
    const workerResults: string[] = JSON.parse(out.split("\n").find((l) => l.startsWith("{"))!).results;

    expect(
      responses.filter((r) => r.status >= 500),
      app.errorLines(),
    ).toEqual([]);
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
    console.log(
      `andra processen: ${workerResults.filter((r) => r === "confirmed").length} platser, ${workerResults.filter((r) => r === "waitlisted").length} på väntelistan`,
    );
  }, 120_000);

  it("the same email 20 times at once gives one pending row, the same answer to all, and at most 3 mails", async () => {
    const slug = "samtidigt-samma-adress";
    const eventId = await createEvent(slug, 50);
    const responses = await Promise.all(Array.from({ length: 20 }, () => register(slug, "samma@samtidigt.example")));
    expectCheckYourEmail(responses);
    expect(new Set(responses.map((r) => r.location)).size).toBe(1);
    const { rows, event } = await readState(eventId);
    expect(rows).toEqual([{ email: "samma@samtidigt.example", status: "pending", waitlistSeq: null }]);
    expect(event.seatsTaken).toBe(0);
    const [mails] = await testQuery<{ n: number }>(app.databaseUrl, `SELECT count(*) AS "n" FROM "OutboxEmail" WHERE "toAddress" = 'samma@samtidigt.example'`);
    expect(Number(mails!.n)).toBeGreaterThanOrEqual(1);
    expect(Number(mails!.n)).toBeLessThanOrEqual(3);
  }, 60_000);
});
