// Live polls over HTTP against the production server: 300 participants voting at
// once are counted exactly, a participant's vote sent twice at the same moment
// counts once, closed polls refuse votes, and a vote reaches an open presenter
// stream (Server-Sent Events) without being held back by compression.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { resultsStream } from "./event-stream";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const SECRET = "polls-test-secret-0123456789-abcdefghijklmnop";
let app: AppServer;

// The server's database, SQLite or PostgreSQL (npm run test:pg): quoted identifiers, `?` parameters.
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);

/** An open poll on the seeded upcoming forum (or the given one), with the given options. */
async function createPoll(
  code: string,
  {
    state = "open",
    options = ["Ja", "Nej", "Kanske"],
    eventSlug = "kommunforum-analytics-nasta",
  }: { state?: string; options?: string[]; eventSlug?: string } = {},
) {
  const eventId = (await sql<{ id: string }>(`SELECT "id" FROM "Event" WHERE "slug" = ?`, [eventSlug]))[0]!.id;
  const id = `poll${crypto.randomBytes(8).toString("hex")}`;
  const now = new Date();
  await sql(`INSERT INTO "Poll" ("id", "eventId", "code", "question", "state", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    id,
    eventId,
    code,
    `Testfråga ${code}?`,
    state,
    now,
    now,
  ]);
  const optionIds: string[] = [];
  for (const [i, label] of options.entries()) {
    const optionId = `opt${crypto.randomBytes(8).toString("hex")}`;
    await sql(`INSERT INTO "PollOption" ("id", "pollId", "label", "position") VALUES (?, ?, ?, ?)`, [optionId, id, label, i]);
    optionIds.push(optionId);
  }
  return { id, eventId, code, optionIds };
}

async function counts(pollId: string) {
  const responses = (await sql<{ n: number }>(`SELECT count(*) AS n FROM "PollResponse" WHERE "pollId" = ?`, [pollId]))[0]!.n;
  const answers = (
    await sql<{ n: number }>(`SELECT count(*) AS n FROM "PollResponseOption" o JOIN "PollResponse" r ON r."id" = o."responseId" WHERE r."pollId" = ?`, [pollId])
  )[0]!.n;
  return { responses, answers };
}

/** A participant cookie as the server signs it (same secret, same format). */
function participantCookie() {
  const id = crypto.randomBytes(18).toString("base64url");
  const signature = crypto.createHmac("sha256", SECRET).update(`poll:${id}`).digest("base64url");
  return `kf_poll=${id}.${signature}`;
}

function vote(code: string, cookie: string | null, optionIds: string[], extra: Record<string, string> = {}) {
  const body = new URLSearchParams(extra);
  for (const id of optionIds) body.append("optionIds", id);
  return fetch(`${app.url}/rosta/${code}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}

async function organizerSession(): Promise<string> {
  const id = `org${crypto.randomBytes(8).toString("hex")}`;
  const now = new Date();
  await sql(
    `INSERT INTO "User" ("id", "email", "name", "title", "role", "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, 'Arrangör', '', 'organizer', ?, ?, ?)`,
    [id, `${id}@test.example`, now, now, now],
  );
  const token = crypto.randomBytes(25).toString("hex");
  await sql(`INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "twoFactorVerified", "createdAt") VALUES (?, ?, ?, ?, true, ?)`, [
    crypto.createHash("sha256").update(token).digest("hex"),
    id,
    new Date(+now + 86400_000),
    new Date(+now + 2 * 86400_000),
    now,
  ]);
  return `kf_session=${token}`;
}

describe.skipIf(!buildExists())("live polls over HTTP (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "poll-live", seed: true, env: { SESSION_SECRET: SECRET, TRUST_PROXY: "1" } });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("300 votes from 300 participants at once give n = 300", async () => {
    const poll = await createPoll("CONCA");
    const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => vote(poll.code, participantCookie(), [poll.optionIds[i % 3]!])));
    expect(
      responses.filter((r) => r.status !== 302).map((r) => r.status),
      app.errorLines(),
    ).toEqual([]);
    expect(responses[0]!.headers.get("location")).toBe(`/rosta/${poll.code}?tack=1`);
    expect(await counts(poll.id)).toEqual({ responses: 300, answers: 300 });
  }, 120_000);

  it("each participant's vote sent twice at the same moment counts once", async () => {
    const poll = await createPoll("CONCB");
    const cookies = Array.from({ length: 60 }, () => participantCookie());
    const responses = await Promise.all(
      cookies.flatMap((cookie) => [vote(poll.code, cookie, [poll.optionIds[0]!]), vote(poll.code, cookie, [poll.optionIds[1]!])]),
    );
    expect(
      responses.filter((r) => r.status !== 302).map((r) => r.status),
      app.errorLines(),
    ).toEqual([]);
    // One response per participant, each with exactly one answer (the later write wins).
    expect(await counts(poll.id)).toEqual({ responses: 60, answers: 60 });
  }, 120_000);

  it("a participant without a cookie gets a signed HttpOnly token, and can change the vote with it", async () => {
    const poll = await createPoll("CONCC");
    const first = await vote(poll.code, null, [poll.optionIds[0]!]);
    expect(first.status).toBe(302);
    const setCookie = first.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^kf_poll=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const cookie = setCookie.split(";")[0]!;
    const second = await vote(poll.code, cookie, [poll.optionIds[2]!]);
    expect(second.headers.get("location")).toBe(`/rosta/${poll.code}?tack=andrad`);
    expect(await counts(poll.id)).toEqual({ responses: 1, answers: 1 });
    // A forged token is not accepted as that participant: it becomes a new one.
    const forged = cookie.replace(/\.[^.]+$/, ".AAAA");
    const third = await vote(poll.code, forged, [poll.optionIds[1]!]);
    expect(third.headers.get("location")).toBe(`/rosta/${poll.code}?tack=1`);
    expect((await counts(poll.id)).responses).toBe(2);
  });

  it("refuses votes on closed polls with a Swedish message, shows drafts and polls of unpublished forums as not found, and bad choices get 400", async () => {
    const closed = await createPoll("CONCD", { state: "closed" });
    const res = await vote(closed.code, participantCookie(), [closed.optionIds[0]!]);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Omröstningen är stängd");
    const draft = await createPoll("CONCE", { state: "draft" });
    expect((await vote(draft.code, participantCookie(), [draft.optionIds[0]!])).status).toBe(404);
    const draftPage = await fetch(`${app.url}/rosta/${draft.code}`);
    expect(draftPage.status).toBe(404);
    expect(await draftPage.text()).not.toContain("Testfråga CONCE?");
    // An open poll in a forum that is still a draft: nothing of it or of the forum shows, and no vote counts.
    const now = new Date();
    await sql(
      `INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "status", "createdAt", "updatedAt") VALUES (?, 'hemligt-utkast', 'Hemligt utkastforum', ?, ?, 'draft', ?, ?)`,
      [`ev${crypto.randomBytes(8).toString("hex")}`, new Date(+now + 30 * 86_400_000), new Date(+now + 30 * 86_400_000 + 5_400_000), now, now],
    );
    const hidden = await createPoll("CONCH", { eventSlug: "hemligt-utkast" });
    const hiddenPage = await fetch(`${app.url}/rosta/${hidden.code}`);
    expect(hiddenPage.status).toBe(404);
    expect(await hiddenPage.text()).not.toMatch(/Hemligt utkastforum|Testfråga CONCH/);
    expect((await vote(hidden.code, participantCookie(), [hidden.optionIds[0]!])).status).toBe(404);
    expect((await counts(hidden.id)).responses).toBe(0);
    const open = await createPoll("CONCF");
    expect((await vote(open.code, participantCookie(), [open.optionIds[0]!, open.optionIds[1]!])).status).toBe(400);
    expect((await vote(open.code, participantCookie(), [closed.optionIds[0]!])).status).toBe(400);
    expect((await vote(open.code, participantCookie(), [])).status).toBe(400);
    expect((await counts(open.id)).responses).toBe(0);
  });

  it("limits wrong codes per IP: after 100 misses even a real code answers 429, other addresses are unaffected", async () => {
    const poll = await createPoll("CONCK");
    const from = (ip: string, path: string) => fetch(`${app.url}${path}`, { redirect: "manual", headers: { "X-Forwarded-For": ip } });
    for (let i = 0; i < 100; i++) expect((await from("10.9.9.9", `/rosta?kod=FEL${String(i).padStart(2, "0")}`)).status).toBe(404);
    const stopped = await from("10.9.9.9", "/rosta?kod=FELXX");
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await stopped.text()).toContain("För många försök");
    expect((await from("10.9.9.9", `/rosta/${poll.code}`)).status).toBe(429);
    expect((await from("10.9.9.9", `/rosta?kod=${poll.code}`)).status).toBe(429);
    expect((await from("10.9.9.10", `/rosta/${poll.code}`)).status).toBe(200);
  });

  it("a vote reaches an open presenter stream as an event, uncompressed", async () => {
    const poll = await createPoll("CONCG");
    const cookie = await organizerSession();
    // Members and visitors do not get the stream.
    const anonymous = await fetch(`${app.url}/admin/forum/${poll.eventId}/omrostningar/${poll.id}/live`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);

    const controller = new AbortController();
    const res = await fetch(`${app.url}/admin/forum/${poll.eventId}/omrostningar/${poll.id}/live`, {
      headers: { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br", Accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("content-encoding")).toBeNull();

    const { nextResults } = resultsStream(res);
    try {
      expect((await nextResults()).respondents).toBe(0);
      expect((await vote(poll.code, participantCookie(), [poll.optionIds[1]!])).status).toBe(302);
      const after = await nextResults();
      expect(after.respondents).toBe(1);
      expect(after.rows.find((r) => r.label === "Nej")?.count).toBe(1);
    } finally {
      controller.abort();
    }
  }, 60_000);
});
