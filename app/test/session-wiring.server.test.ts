// Session controls as the routes wire them, over HTTP against the production
// build: logging out ends the session on the server, logging in replaces the
// browser's old session, and the Origin check answers the header combinations
// real browsers send.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPassword } from "../utils/password.server";
import { startAppServer, type AppServer } from "./app-server";
import { createSession, createUser, sessionExists, type HttpUser } from "./http-users";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
const PASSWORD = "Ett-langt-testlosenord-2026";

const get = (path: string, cookie?: string) => fetch(app.url + path, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, body: Record<string, string>, headers: Record<string, string>) =>
  fetch(app.url + path, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body).toString(),
  });
/** A same-origin form POST as Chromium sends it. */
const sameOrigin = (cookie?: string) => ({ Origin: app.url, "Sec-Fetch-Site": "same-origin", ...(cookie ? { Cookie: cookie } : {}) });

async function userWithPassword(): Promise<HttpUser> {
  const user = await createUser(app.databaseUrl);
  await testQuery(app.databaseUrl, `UPDATE "User" SET "passwordHash" = ? WHERE "id" = ?`, [await hashPassword(PASSWORD), user.id]);
  return user;
}

/** The session cookie a response sets ("kf_session=…"), or "" when it sets none. */
const setCookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

describe.skipIf(!buildExists())("session controls wired into the routes", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "session-wiring" });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  test("POST /logga-ut ends the session on the server: the old cookie no longer opens anything", async () => {
    const user = await createUser(app.databaseUrl);
    const otherDevice = await createSession(app.databaseUrl, user.id);
    expect((await get("/profil", user.cookie)).status).toBe(200);

    const res = await post("/logga-ut", {}, sameOrigin(user.cookie));
    expect([res.status, res.headers.get("location")]).toEqual([302, "/"]);
    expect(res.headers.get("set-cookie")).toMatch(/^kf_session=;.*Max-Age=0/);
    expect(await sessionExists(app.databaseUrl, user.cookie)).toBe(false);
    // A copy of the cookie kept elsewhere (or stolen) is dead too.
    const replay = await get("/profil", user.cookie);
    expect([replay.status, replay.headers.get("location")]).toEqual([302, "/logga-in?redirectTo=%2Fprofil"]);
    // Logging out in one browser leaves the user's other devices logged in.
    expect((await get("/profil", otherDevice)).status).toBe(200);
  });

  test("a GET to /logga-ut, and a cross-site POST, leave the session alone", async () => {
    const user = await createUser(app.databaseUrl);
    expect((await get("/logga-ut", user.cookie)).status).toBe(302);
    const forged = await post("/logga-ut", {}, { Cookie: user.cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(forged.status).toBe(403);
    expect(await sessionExists(app.databaseUrl, user.cookie)).toBe(true);
    expect((await get("/profil", user.cookie)).status).toBe(200);
  });

  test("logging in replaces the browser's old session, the same account's or another's", async () => {
    const user = await userWithPassword();
    const someoneElse = await createUser(app.databaseUrl);
    for (const old of [user.cookie, someoneElse.cookie]) {
      const res = await post("/logga-in?index", { email: user.email, password: PASSWORD }, sameOrigin(old));
      expect([res.status, res.headers.get("location")]).toEqual([302, "/profil"]);
      const fresh = setCookieOf(res);
      expect(fresh).toMatch(/^kf_session=[a-z0-9]{20,}$/);
      expect(fresh).not.toBe(old);
      expect(await sessionExists(app.databaseUrl, old)).toBe(false);
      expect((await get("/profil", old)).status).toBe(302);
      const profile = await get("/profil", fresh);
      expect(profile.status).toBe(200);
      expect(await profile.text()).toContain(user.email);
    }
  });

  test("a wrong password leaves the browser's session as it was", async () => {
    const user = await userWithPassword();
    const res = await post("/logga-in?index", { email: user.email, password: "fel-losenord-helt-och-hallet" }, sameOrigin(user.cookie));
    // The action refuses (400); rendering the page again, the login page's loader sends the
    // still logged-in user on to the profile.
    expect([res.status, res.headers.get("location")]).toEqual([302, "/profil"]);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await sessionExists(app.databaseUrl, user.cookie)).toBe(true);
  });
});

describe.skipIf(!buildExists())("the Origin check with the headers real browsers send", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "origin-headers" });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  // The contact form's action answers an empty form with 400; the Origin check answers 403 before it.
  const ALLOWED = 400;
  const REFUSED = 403;
  type Case = [what: string, headers: Record<string, string>, status: number];
  const cases = (): Case[] => [
    ["Sec-Fetch-Site same-origin with Origin", { "Sec-Fetch-Site": "same-origin", Origin: app.url }, ALLOWED],
    ["Sec-Fetch-Site same-origin without Origin", { "Sec-Fetch-Site": "same-origin" }, ALLOWED],
    ["Sec-Fetch-Site none (typed or bookmarked) without Origin", { "Sec-Fetch-Site": "none" }, ALLOWED],
    ["Sec-Fetch-Site cross-site with Origin", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }, REFUSED],
    ["Sec-Fetch-Site cross-site without Origin", { "Sec-Fetch-Site": "cross-site" }, REFUSED],
    ["Sec-Fetch-Site cross-site with Origin null", { "Sec-Fetch-Site": "cross-site", Origin: "null" }, REFUSED],
    ["Sec-Fetch-Site same-site (a sibling subdomain) with Origin", { "Sec-Fetch-Site": "same-site", Origin: "http://blogg.localhost" }, REFUSED],
    ["Sec-Fetch-Site same-site without Origin", { "Sec-Fetch-Site": "same-site" }, REFUSED],
    ["Sec-Fetch-Site cross-site even with our own Origin", { "Sec-Fetch-Site": "cross-site", Origin: app.url }, REFUSED],
    ["no Sec-Fetch-Site (older browser), our Origin", { Origin: app.url }, ALLOWED],
    ["no Sec-Fetch-Site, another site's Origin", { Origin: "https://evil.example" }, REFUSED],
    ["no Sec-Fetch-Site, Origin null", { Origin: "null" }, REFUSED],
    ["no Sec-Fetch-Site, no Origin, our Referer", { Referer: `${app.url}/kontakt` }, ALLOWED],
    ["no Sec-Fetch-Site, no Origin, another site's Referer", { Referer: "https://evil.example/sida" }, REFUSED],
    ["no browser headers at all (curl, a script)", {}, ALLOWED],
  ];

  test("each combination is let through or refused before the action runs", async () => {
    const wrong: string[] = [];
    for (const [what, headers, status] of cases()) {
      for (const path of ["/kontakt", "/kontakt?_data=routes%2Fkontakt"]) {
        const res = await post(path, {}, headers);
        const body = await res.text();
        if (res.status !== status) wrong.push(`${what} → ${path}: ${res.status}, väntade ${status}`);
        else if (status === REFUSED && !body.includes("kom inte från den här webbplatsen")) wrong.push(`${what} → ${path}: fel text ${body.slice(0, 80)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("a cross-site GET is never refused: links from other sites work", async () => {
    const res = await fetch(`${app.url}/kontakt`, { headers: { "Sec-Fetch-Site": "cross-site", Referer: "https://evil.example/" } });
    expect(res.status).toBe(200);
  });
});
