// The role tiers as they are wired into the routes: every loader (GET) and action
// (POST, same-origin, empty form) of the production build is requested as a
// visitor, member, moderator, organizer and admin, and must answer as the table in
// app/test/route-roles.ts says. Below the required role a visitor is sent to the
// login page and a logged-in user gets 403; at or above it nobody is refused.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ARTICLE, DEMO_CASES, DEMO_POLL } from "../../prisma/seed-content";
import { PARAM_SAMPLES } from "../../e2e/fixtures";
import { ROLES, type Role } from "../utils/roles";
import { startAppServer, type AppServer } from "./app-server";
import { createSession, createUser, type HttpUser } from "./http-users";
import { buildExists, fillPattern, loadBuiltRoutes, type RouteInfo } from "./route-manifest";
import { ROUTE_ROLES, refuses, type Access } from "./route-roles";
import { testQuery } from "./test-sql";

type Who = Role | "visitor";
const WHO: Who[] = ["visitor", ...ROLES];
type Outcome = { what: string; access: Access; who: Who; status: number; location: string; body: string };

let app: AppServer;
let routes: RouteInfo[] = [];
const users = {} as Record<Role, HttpUser>;
/** Per route id: the URL to request, for routes with URL params. */
const samples = new Map<string, (who: Who) => string>();

const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);
const one = async (text: string, params: string[]) => ((await sql<{ id: string }>(text, params))[0] ?? { id: "finns-inte" }).id;

/** Real ids from the seeded database for the routes with params; each role edits a post of its own. */
async function resolveSamples() {
  const poll = await sql<{ id: string; eventId: string }>(`SELECT "id", "eventId" FROM "Poll" WHERE "code" = ?`, [DEMO_POLL.code]);
  const { id: pollId, eventId } = poll[0]!;
  const caseId = await one(`SELECT "id" FROM "Case" WHERE "slug" = ?`, [DEMO_CASES[0]!.slug]);
  const articleId = await one(`SELECT "id" FROM "Article" WHERE "slug" = ?`, [DEMO_ARTICLE.slug]);
  const materialId = await one(`SELECT "id" FROM "Material" ORDER BY "id"`, []);
  const contactId = "kontakt-rollprov";
  await sql(
    `INSERT INTO "ContactMessage" ("id", "name", "email", "subject", "body", "consentedAt", "createdAt", "updatedAt") VALUES (?, 'Rollprov', 'rollprov@test.example', 'ovrigt', 'Hej', ?, ?, ?)`,
    [contactId, new Date(), new Date(), new Date()],
  );
  const threadId = "demo-trad-prognos-hemtjanst";
  const ownPost = {} as Record<Who, string>;
  for (const who of WHO) {
    const author = who === "visitor" ? users.member : users[who];
    ownPost[who] = `rollprov-${who}`;
    await sql(`INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "createdAt") VALUES (?, ?, ?, 'answer', 'Ett svar', ?)`, [
      ownPost[who],
      threadId,
      author.id,
      new Date(),
    ]);
  }
  const fixed: Record<string, string | ((who: Who) => string)> = {
    "routes/admin.case.$id": `/admin/case/${caseId}`,
    "routes/profil.case.$id": `/profil/case/${caseId}`,
    "routes/admin.spaningar.$id": `/admin/spaningar/${articleId}`,
    "routes/admin.inkorg.$id": `/admin/inkorg/${contactId}`,
    "routes/material.$id": `/material/${materialId}`,
    // The demo poll is a draft (404 to everyone): a public route, so only its role answer matters here.
    "routes/rosta.$code": `/rosta/${DEMO_POLL.code}`,
    "routes/diskussioner.inlagg.$postId.redigera": (who) => `/diskussioner/inlagg/${ownPost[who]}/redigera`,
  };
  for (const route of routes.filter((r) => r.params.length > 0 || r.splat)) {
    const f = fixed[route.id];
    if (f) samples.set(route.id, typeof f === "function" ? f : () => f);
    else if (route.params.includes("eventId"))
      samples.set(route.id, () => fillPattern(route.pattern.replace(":eventId", eventId).replace(":pollId", pollId), "x"));
    else if (route.splat) samples.set(route.id, () => "/den-har-sidan-finns-inte");
    else {
      // "/case/:slug/fraga" and "/forum/:slug.ics" extend the samples for "/case/:slug" and "/forum/:slug".
      const [pattern, url] = PARAM_SAMPLES.filter(([p]) => route.pattern.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0] ?? [];
      if (pattern && url) samples.set(route.id, () => url + route.pattern.slice(pattern.length));
    }
  }
}

function urlOf(route: RouteInfo, who: Who): string {
  if (route.params.length === 0 && !route.splat) return route.pattern;
  const sample = samples.get(route.id);
  if (!sample) throw new Error(`${route.id}: inget exempel-id för ${route.pattern}; lägg till ett i resolveSamples()`);
  return sample(who);
}

async function request(route: RouteInfo, method: "GET" | "POST", who: Who): Promise<Outcome> {
  const access = (method === "GET" ? ROUTE_ROLES[route.id]!.loader : ROUTE_ROLES[route.id]!.action)!;
  const url = urlOf(route, who) + (method === "POST" && route.index ? "?index" : "");
  // A POST gets a session of its own: /logga-ut ends the one it is sent with.
  const cookie = who === "visitor" ? undefined : method === "POST" ? await createSession(app.databaseUrl, users[who].id) : users[who].cookie;
  const res = await fetch(app.url + url, {
    method,
    redirect: "manual",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(method === "POST" ? { Origin: app.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: method === "POST" ? "" : undefined,
  });
  // The live poll stream never ends: only its status and headers are read.
  const streaming = (res.headers.get("content-type") ?? "").includes("text/event-stream");
  const body = streaming ? (await res.body?.cancel(), "") : (await res.text()).slice(0, 160).replace(/\s+/g, " ");
  return { what: `${method} ${url}`, access, who, status: res.status, location: res.headers.get("location") ?? "", body };
}

/** Empty when the answer is what the table says; otherwise a line saying what went wrong. */
function verdict(o: Outcome): string {
  const redirected = o.status >= 300 && o.status < 400;
  const toLogin = redirected && /^\/logga-in(\?|$)/.test(o.location);
  const said = `${o.what} som ${o.who} (kräver ${o.access}) gav ${o.status}${o.location ? ` → ${o.location}` : ""} ${o.body}`.trim();
  if (refuses(o.access, o.who)) {
    if (o.who === "visitor") return toLogin ? "" : `${said}; väntade omdirigering till /logga-in`;
    return o.status === 403 ? "" : `${said}; väntade 403`;
  }
  if (o.status === 401 || o.status === 403 || toLogin || o.status >= 500) return `${said}; väntade att bli insläppt`;
  if (redirected && o.location.startsWith("/profil/tvastegs")) return `${said}; väntade att bli insläppt`;
  if (o.access === "guest" && o.who !== "visitor" && !(redirected && o.location === "/profil")) return `${said}; väntade omdirigering till /profil`;
  return "";
}

async function walk(method: "GET" | "POST"): Promise<{ count: number; wrong: string[] }> {
  const jobs = routes
    .filter((r) => (method === "GET" ? r.hasLoader && !r.layout : r.hasAction))
    .flatMap((r) => WHO.map((who) => () => request(r, method, who)));
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < jobs.length) outcomes.push(await jobs[next++]!());
    }),
  );
  return { count: outcomes.length, wrong: outcomes.map(verdict).filter(Boolean).sort() };
}

describe.skipIf(!buildExists())("every route answers each role as app/test/route-roles.ts says", () => {
  beforeAll(async () => {
    routes = (await loadBuiltRoutes()).filter((r) => r.id !== "root");
    app = await startAppServer({ name: "route-roles", seed: true });
    for (const role of ROLES) users[role] = await createUser(app.databaseUrl, { role });
    await resolveSamples();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  test("the table classifies every route of the build, its loader and its action", async () => {
    const all = await loadBuiltRoutes();
    const ids = all.map((r) => r.id);
    expect(
      ids.filter((id) => !(id in ROUTE_ROLES)),
      "routes missing from app/test/route-roles.ts",
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_ROLES).filter((id) => !ids.includes(id)),
      "routes in the table that the build no longer has",
    ).toEqual([]);
    const mismatched = all.filter((r) => Boolean(ROUTE_ROLES[r.id]!.loader) !== r.hasLoader || Boolean(ROUTE_ROLES[r.id]!.action) !== r.hasAction);
    expect(mismatched.map((r) => `${r.id}: loader ${r.hasLoader}, action ${r.hasAction}`)).toEqual([]);
  });

  test("loaders: below the required role refused, at or above it let in", async () => {
    const { count, wrong } = await walk("GET");
    expect(count).toBeGreaterThan(80 * WHO.length);
    expect(wrong, app.errorLines()).toEqual([]);
  }, 120_000);

  test("actions: below the required role refused, at or above it let in", async () => {
    const { count, wrong } = await walk("POST");
    expect(count).toBeGreaterThan(40 * WHO.length);
    expect(wrong, app.errorLines()).toEqual([]);
  }, 120_000);

  test("an admin without two-factor authentication is sent to set it up, on pages and actions alike", async () => {
    const admin = await createUser(app.databaseUrl, { role: "admin", totpEnabled: false });
    for (const [method, path] of [
      ["GET", "/admin/anvandare"],
      ["POST", "/admin/anvandare"],
      ["GET", "/admin"],
    ] as const) {
      const res = await fetch(app.url + path, {
        method,
        redirect: "manual",
        headers: { Cookie: admin.cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: method === "POST" ? "" : undefined,
      });
      expect([res.status, res.headers.get("location")], `${method} ${path}`).toEqual([302, "/profil/tvastegs?krav=admin"]);
    }
  });
});
