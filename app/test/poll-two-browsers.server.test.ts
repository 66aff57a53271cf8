// One member, one vote: the same account voting from two browsers (two cookie
// jars, two sessions) over HTTP against the production build keeps a single
// response, the later answer replacing the earlier, even when both send at once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_POLL } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { createSession, createUser } from "./http-users";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
let pollId = "";
let options: Record<string, string> = {};
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);

/** A browser: its own cookie jar, which keeps whatever the server sets. */
function browser(sessionCookie: string) {
  const jar = new Map<string, string>([sessionCookie.split("=") as [string, string]]);
  return async (optionLabel: string) => {
    const res = await fetch(`${app.url}/rosta/${DEMO_POLL.code}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: app.url,
        "Sec-Fetch-Site": "same-origin",
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: new URLSearchParams({ optionIds: options[optionLabel]! }).toString(),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=");
      jar.set(name!, value!);
    }
    return { status: res.status, location: res.headers.get("location"), jar };
  };
}

const responses = (userId: string) =>
  sql<{ label: string }>(
    `SELECT o."label" AS "label" FROM "PollResponse" r JOIN "PollResponseOption" ro ON ro."responseId" = r."id" JOIN "PollOption" o ON o."id" = ro."optionId" WHERE r."pollId" = ? AND r."userId" = ?`,
    [pollId, userId],
  );

describe.skipIf(!buildExists())("a member votes once, from any number of browsers", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "poll-two-browsers", seed: true });
    pollId = (await sql<{ id: string }>(`SELECT "id" FROM "Poll" WHERE "code" = ?`, [DEMO_POLL.code]))[0]!.id;
    await sql(`UPDATE "Poll" SET "state" = 'open' WHERE "id" = ?`, [pollId]);
    const rows = await sql<{ id: string; label: string }>(`SELECT "id", "label" FROM "PollOption" WHERE "pollId" = ?`, [pollId]);
    options = Object.fromEntries(rows.map((o) => [o.label, o.id]));
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  test("a second browser changes the member's answer instead of adding one", async () => {
    const member = await createUser(app.databaseUrl);
    const laptop = browser(member.cookie);
    const phone = browser(await createSession(app.databaseUrl, member.id));

    const first = await laptop("Ja");
    expect([first.status, first.location]).toEqual([302, `/rosta/${DEMO_POLL.code}?tack=1`]);
    const second = await phone("Nej");
    expect([second.status, second.location]).toEqual([302, `/rosta/${DEMO_POLL.code}?tack=andrad`]);
    expect(await responses(member.id)).toEqual([{ label: "Nej" }]);
    // A logged-in member is known by the account: no anonymous voter cookie is handed out.
    expect([...first.jar.keys(), ...second.jar.keys()]).toEqual(["kf_session", "kf_session"]);
  });

  test("two browsers voting at the same moment still leave one response", async () => {
    const member = await createUser(app.databaseUrl);
    const browsers = [
      browser(member.cookie),
      browser(await createSession(app.databaseUrl, member.id)),
      browser(await createSession(app.databaseUrl, member.id)),
    ];
    const results = await Promise.all(browsers.map((vote, i) => vote(i % 2 ? "Nej" : "Ja")));
    expect(
      results.map((r) => r.status),
      app.errorLines(),
    ).toEqual([302, 302, 302]);
    const count = await sql<{ n: number }>(`SELECT count(*) AS "n" FROM "PollResponse" WHERE "pollId" = ? AND "userId" = ?`, [pollId, member.id]);
    expect(Number(count[0]!.n)).toBe(1);
    expect(await responses(member.id)).toHaveLength(1);
  });
});
