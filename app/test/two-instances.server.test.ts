// Two app instances on ONE PostgreSQL database, as behind a load balancer
// (issue 9, docs/deployment.md): both run the background jobs and send to the
// same SMTP sink. Checks that the outbox never sends a mail twice (rows are
// claimed with FOR UPDATE SKIP LOCKED), that the scheduled reminder reaches
// each person once, not once per instance (sendScheduledReminder locks the
// event row and picks, under the lock, who has no reminder yet), and that a vote on instance A reaches a presenter stream served by
// instance B (LISTEN/NOTIFY in app/utils/poll-bus.server.ts).
//
// Runs only on `npm run test:pg` (TEST_PG_URL set): on SQLite there is one
// process by design, so the file is skipped by `npm test`.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { resultsStream } from "./event-stream";
import { freePort } from "./free-port";
import { buildExists } from "./route-manifest";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";
import { testQuery } from "./test-sql";

const SECRET = "two-instances-secret-0123456789-abcdefghijkl";
const REMINDER_RECIPIENTS = 5;
const BULK_MAILS = 30;
const pgRun = Boolean(process.env.TEST_PG_URL);

let databaseUrl = "";
let a: AppServer | undefined;
let b: AppServer | undefined;
let sink: SmtpSink | undefined;
let startedAt = 0;
let eventId = "";

const id = (prefix: string) => `${prefix}${crypto.randomBytes(8).toString("hex")}`;
// testQuery turns every `?` into a parameter: no question marks inside SQL literals.
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(databaseUrl, text, params);

async function organizerCookie(): Promise<string> {
  const userId = id("org");
  const now = new Date();
  await sql(
    `INSERT INTO "User" ("id", "email", "name", "title", "role", "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, 'Arrangör', '', 'organizer', ?, ?, ?)`,
    [userId, `${userId}@test.example`, now, now, now],
  );
  const token = crypto.randomBytes(25).toString("hex");
  await sql(`INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "twoFactorVerified", "createdAt") VALUES (?, ?, ?, ?, true, ?)`, [
    crypto.createHash("sha256").update(token).digest("hex"),
    userId,
    new Date(+now + 86400_000),
    new Date(+now + 2 * 86400_000),
    now,
  ]);
  return `kf_session=${token}`;
}

/** A participant cookie as the servers sign it (both share SESSION_SECRET). */
function participantCookie() {
  const pid = crypto.randomBytes(18).toString("base64url");
  return `kf_poll=${pid}.${crypto.createHmac("sha256", SECRET).update(`poll:${pid}`).digest("base64url")}`;
}

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!pgRun || !buildExists())("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    const { createTestDatabase } = await import("./pg-test-db");
    databaseUrl = await createTestDatabase("two-instances");
    sink = await startSmtpSink({ port: await freePort(), dir: path.join(".tmp", `mail-two-instances-${process.pid}`) });
    sink.clear();

    // A published forum that starts in 12 hours with confirmed registrations:
    // each instance's reminder job finds it due on its first run.
    eventId = id("evt");
    const now = new Date();
    await sql(
      `INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "status", "publishedAt", "joinUrl", "createdAt", "updatedAt") VALUES (?, ?, 'Två instanser', ?, ?, 'published', ?, 'https://example.test/mote', ?, ?)`,
      [eventId, `tva-instanser-${eventId}`, new Date(+now + 12 * 3600_000), new Date(+now + 13 * 3600_000), now, now, now],
    );
    for (let i = 0; i < REMINDER_RECIPIENTS; i++) {
      await sql(
        `INSERT INTO "Registration" ("id", "eventId", "email", "name", "status", "consentedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?)`,
        [id("reg"), eventId, `paminn-${i}@test.example`, `Deltagare ${i}`, now, now, now],
      );
    }

    const env = { SESSION_SECRET: SECRET, RUN_JOBS: "1", SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
    startedAt = Date.now();
    [a, b] = await Promise.all([
      startAppServer({ name: "two-instances-a", sharedDatabaseUrl: databaseUrl, env }),
      startAppServer({ name: "two-instances-b", sharedDatabaseUrl: databaseUrl, env }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sink?.stop();
    if (databaseUrl) await (await import("./pg-test-db")).dropTestDatabase(databaseUrl);
  }, 30_000);

  it("the outbox sends every mail exactly once although both instances send", async () => {
    for (let i = 0; i < BULK_MAILS; i++) {
      await sql(`INSERT INTO "OutboxEmail" ("id", "toAddress", "subject", "text", "kind") VALUES (?, ?, ?, 'Hej!', 'test')`, [
        id("mail"),
        `bulk-${i}@test.example`,
        `Utskick ${i}`,
      ]);
    }
    const bulk = () => sink!.readMails().filter((m) => m.subject.startsWith("Utskick "));
    await until("all bulk mails", () => bulk().length >= BULK_MAILS, 30_000);
    // Give a double send time to show up: its absence is what is tested, so there is no event to wait for.
    await new Promise((r) => setTimeout(r, 1_500));
    const perRecipient = new Map<string, number>();
    for (const m of bulk()) for (const to of m.envelope.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(BULK_MAILS);
    expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
    const rows = await sql<{ status: string; n: number }>(`SELECT "status", count(*) AS n FROM "OutboxEmail" WHERE "kind" = 'test' GROUP BY "status"`);
    expect(rows).toEqual([{ status: "sent", n: BULK_MAILS }]);
    // Both instances were running their sender (otherwise this proves nothing).
    expect(a!.log() + b!.log(), a!.errorLines() + b!.errorLines()).not.toContain("SMTP_URL saknas");
  }, 60_000);

  it("a vote posted to instance A appears in the presenter stream served by instance B", async () => {
    const pollId = id("poll");
    const code = `TVA${crypto.randomBytes(2).toString("hex").toUpperCase()}`;
    const now = new Date();
    await sql(`INSERT INTO "Poll" ("id", "eventId", "code", "question", "state", "createdAt", "updatedAt") VALUES (?, ?, ?, 'Syns rösten', 'open', ?, ?)`, [
      pollId,
      eventId,
      code,
      now,
      now,
    ]);
    const optionIds = [id("opt"), id("opt")];
    for (const [i, optionId] of optionIds.entries()) {
      await sql(`INSERT INTO "PollOption" ("id", "pollId", "label", "position") VALUES (?, ?, ?, ?)`, [optionId, pollId, i === 0 ? "Ja" : "Nej", i]);
    }

    const controller = new AbortController();
    const res = await fetch(`${b!.url}/admin/forum/${eventId}/omrostningar/${pollId}/live`, {
      headers: { Cookie: await organizerCookie(), Accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(res.status, b!.errorLines()).toBe(200);
    const { nextResults } = resultsStream(res, () => `B: ${b!.errorLines()}\nA: ${a!.errorLines()}`);
    try {
      // B sends its first numbers once it LISTENs (pollBusListening in the live route), so the vote below reaches it by NOTIFY.
      expect((await nextResults()).respondents).toBe(0);
      const body = new URLSearchParams({ optionIds: optionIds[1]! });
      const voted = await fetch(`${a!.url}/rosta/${code}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a!.url, Cookie: participantCookie() },
        body,
      });
      expect(voted.status, a!.errorLines()).toBe(302);
      // Only if B's LISTEN took longer than the route waits can a catch-up reload (still 0) come first: wait for the vote.
      let latest = await nextResults();
      while (latest.respondents === 0) latest = await nextResults();
      expect(latest.respondents).toBe(1);
      expect(latest.rows.find((r) => r.label === "Nej")?.count).toBe(1);
    } finally {
      controller.abort();
    }
  }, 60_000);

  it("the scheduled reminder reaches each person once, not once per instance", async () => {
    // Each instance's first reminder run comes 30 s after it starts (reminder-job.server.ts).
    const reminders = () => sink!.readMails().filter((m) => m.envelope.to.some((to) => to.startsWith("paminn-")));
    await until("the reminders", () => reminders().length >= REMINDER_RECIPIENTS, Math.max(0, startedAt + 60_000 - Date.now()));
    // Both instances have had their first run, plus time for a second batch of mail to arrive.
    // A second batch must not come: its absence is tested, and a run that finds nothing leaves no trace to wait for.
    await new Promise((r) => setTimeout(r, Math.max(3_000, startedAt + 40_000 - Date.now())));
    const recipients = reminders()
      .flatMap((m) => m.envelope.to)
      .sort();
    expect(recipients).toEqual(Array.from({ length: REMINDER_RECIPIENTS }, (_, i) => `paminn-${i}@test.example`).sort());
    const claimed = await sql<{ n: number }>(`SELECT count(*) AS n FROM "OutboxEmail" WHERE "kind" = 'registration-reminder'`);
    expect(claimed[0]!.n).toBe(REMINDER_RECIPIENTS);
    const audits = await sql<{ n: number }>(`SELECT count(*) AS n FROM "AuditLog" WHERE "action" = 'registrations.reminder' AND "entityId" = ?`, [eventId]);
    expect(audits[0]!.n).toBe(1);
  }, 90_000);
});
