// A suspended member over HTTP against the production build: every write made as
// the member is refused (plain form posts, ?_data requests and fetcher
// submissions alike); logging out, exporting and deleting the account still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPCOMING_FORUM } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { httpFixtures } from "./http-fixtures";
import { buildExists, fillPattern, loadBuiltRoutes } from "./route-manifest";

let app: AppServer;
const { sql, member, get, post } = httpFixtures(() => app);
const SUSPENDED = "Ditt konto är avstängt";
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

// Forms that anyone may send and that never act as the logged-in member: a
// suspended member is treated there like any visitor.
const SERVES_ANYONE = [
  "/logga-in",
  "/logga-in/tvastegs",
  "/glomt-losenord",
  "/aterstall-losenord",
  "/verifiera",
  "/kontakt",
  "/inbjudan",
  "/inbjudan/avsluta",
  "/inbjudan/bekrafta",
  "/forum/anmalan",
  "/forum/avanmal",
  "/forum/bekrafta",
  "/diskussioner/sluta-bevaka",
  "/rosta",
];
// What a suspended member may still do as themselves.
const STILL_ALLOWED = ["/logga-ut", "/profil/radera"];

describe.skipIf(!buildExists())("a suspended member (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "suspension-http", seed: true });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("cannot change the display name, by form, ?_data request or fetcher", async () => {
    const suspended = await member({ suspendedUntil: inAWeek() });
    const form = { intent: "profile", name: "Nytt namn", title: "", orgKind: "kommun", municipalityCode: "2081" };
    for (const path of ["/profil?index", "/profil?index&_data=routes%2Fprofil._index"]) {
      const res = await post(path, form, { cookie: suspended.cookie });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain(SUSPENDED);
    }
    const [row] = await sql<{ name: string }>(`SELECT "name" FROM "User" WHERE "id" = ?`, [suspended.id]);
    expect(row!.name).not.toBe("Nytt namn");
  });

  it("cannot vote in a live poll or register for a forum", async () => {
    await sql(`UPDATE "Poll" SET "state" = 'open', "openedAt" = ? WHERE "code" = 'DATA7'`, [new Date()]);
    const [option] = await sql<{ id: string }>(
      `SELECT o."id" FROM "PollOption" o JOIN "Poll" p ON p."id" = o."pollId" WHERE p."code" = 'DATA7' ORDER BY o."position" LIMIT 1`,
    );
    const suspended = await member({ suspendedUntil: inAWeek() });

    const vote = await post("/rosta/DATA7?_data=routes%2Frosta.%24code", { optionIds: option!.id }, { cookie: suspended.cookie });
    expect(vote.status).toBe(403);
    expect(await sql(`SELECT "id" FROM "PollResponse" WHERE "userId" = ?`, [suspended.id])).toEqual([]);

    const register = await post(`/forum/${UPCOMING_FORUM.slug}`, { title: "", consentStore: "on" }, { cookie: suspended.cookie });
    expect(register.status).toBe(403);
    expect(await sql(`SELECT "id" FROM "Registration" WHERE "email" = ?`, [suspended.email])).toEqual([]);

    // The same member is let through again once the suspension is over.
    await sql(`UPDATE "User" SET "suspendedUntil" = ? WHERE "id" = ?`, [new Date(Date.now() - 1000), suspended.id]);
    expect((await post("/rosta/DATA7", { optionIds: option!.id }, { cookie: suspended.cookie })).status).toBe(302);
  });

  it("is refused by every form that acts as the member, and only by those", async () => {
    const routes = (await loadBuiltRoutes()).filter((r) => r.hasAction && r.params.length === 0 && !r.splat);
    expect(routes.length).toBeGreaterThan(10);
    const suspended = await member({ role: "moderator", suspendedUntil: inAWeek() });
    const refused: string[] = [];
    for (const route of routes) {
      const url = fillPattern(route.pattern, "prov") + (route.index ? "?index" : "");
      const res = await post(url, { intent: "x" }, { cookie: suspended.cookie });
      const body = await res.text();
      if (res.status === 403 && body.includes(SUSPENDED)) refused.push(route.pattern);
      else expect([...SERVES_ANYONE, ...STILL_ALLOWED], `${url} answered ${res.status}`).toContain(route.pattern);
    }
    expect(refused).toEqual(
      expect.arrayContaining(["/profil", "/profil/tvastegs", "/profil/bevakningar", "/diskussioner/ny", "/analysmognad/bedom", "/registrera"]),
    );
    expect(refused.some((p) => p.startsWith("/admin"))).toBe(true);
  });

  it("may still log out, export the data and delete the account", async () => {
    const suspended = await member({ suspendedUntil: inAWeek() });
    const exported = await get("/profil/export", { cookie: suspended.cookie });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(suspended.email);

    const deleted = await post("/profil/radera", { currentPassword: "fel" }, { cookie: suspended.cookie });
    expect(deleted.status).toBe(400); // the password check, not the suspension, answers

    const out = await post("/logga-ut", {}, { cookie: suspended.cookie });
    expect(out.status).toBe(302);
    expect((await get("/profil", { cookie: suspended.cookie })).status).toBe(302); // logged out
  });
});
