// Garbage in, never a 5xx out: every route of the production build gets malformed
// requests, and refused input must leave the database as it was. Routes come from
// the build's manifest, so a new route is covered the day it lands.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS, ORGANIZER_EMAIL } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { diffFingerprints, fingerprintDatabase, type Fingerprint } from "./db-fingerprint";
import { htmlErrors, type Page } from "./html-validator";
import { buildExists, fillPattern, loadBuiltRoutes, patternShape, type RouteInfo } from "./route-manifest";

const ROOT = path.resolve(__dirname, "..", "..");
const HAVE_BUILD = buildExists();
if (!HAVE_BUILD) console.warn("robustness.server.test.ts hoppas över: build/index.js saknas. Kör `npx remix build` först.");

/** Path-segment values, already percent-encoded (or deliberately badly encoded). */
const GARBAGE_SEGMENTS = [
  "finns-inte",
  "%27%20OR%201%3D1%20--",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%ZZ",
  "%C0%AF", // overlong, invalid UTF-8
  "%F0%9F%92%A9%C3%A5%C3%A4%C3%B6%E2%80%AE",
  "-1",
  "99999999999999999999999",
  "a".repeat(2000),
];

const GARBAGE_QUERIES = [
  `?q=${"x".repeat(5000)}`,
  "?page=-1&page=abc&sida=99999999999999999999",
  "?q=%00&x=%ZZ&%ZZ=1&=&&==",
  "?q=%27%20OR%201%3D1%20--&id=1%3B%20DROP%20TABLE%20User",
  "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&redirectTo=%2F%2Fevil.example",
  "?a[]=1&a[]=2&a=3&from=2021-02-31&to=not-a-date",
  "?_data=routes%2Fnope",
  "?q=%F0%9F%92%A9%E2%80%AE%C3%A5",
];

type Body = { name: string; contentType?: string; body: Buffer };
const form = (name: string, body: string | Buffer, contentType = "application/x-www-form-urlencoded"): Body => ({
  name,
  contentType,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});
const enc = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const BODIES: Body[] = [
  { name: "empty body, no content type", body: Buffer.alloc(0) },
  form("empty form", ""),
  form("unknown field only", "foo=bar"),
  form("common fields empty", "name=&email=&message=&title=&body=&intent=&_action=&id="),
  form("wrong types", "capacity=abc&count=-1&id=NaN&date=2021-02-31&startsAt=igår&email=inte-en-adress&page=1e999&optionId=%7B%7D"),
  // Never a complete valid submission: even repeated fields carry invalid values.
  form("repeated fields", "a=1&a=2&email=inte-en-adress&email=ocks%C3%A5-fel&intent=x&intent=y&optionId=1&optionId=1"),
  form(
    "invalid UTF-8",
    Buffer.concat([Buffer.from("name="), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("&message="), Buffer.from([0xed, 0xa0, 0x80])]),
  ),
  form("control characters", "name=%00%01%07%1B%7F&message=rad%0D%0Arad&email=a%0D%0ABcc%3A%20x%40example.se"),
  form("SQL fragments", enc({ name: "' OR 1=1 --", email: 'x\'); DROP TABLE "User";--@example.se', q: "1 UNION SELECT * FROM User", intent: "' OR ''='" })),
  form("HTML and script", enc({ name: "<script>alert(1)</script>", message: '<img src=x onerror="alert(1)">', url: "javascript:alert(1)", intent: "<b>" })),
  form("JSON sent as a form", '{"name":"x","capacity":5}'),
  form("JSON", '{"name":"x","capacity":5,"intent":"delete"}', "application/json"),
  form("JSON as text/plain", '{"name":"x"}', "text/plain"),
  form("multipart without parts", "det här är inte multipart", "multipart/form-data; boundary=----gräns"),
  form("multipart without boundary", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', "multipart/form-data"),
  form(
    "multipart cut off",
    '------x\r\nContent-Disposition: form-data; name="file"; filename="../../a.exe"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\x00\x00',
    "multipart/form-data; boundary=----x",
  ),
];
const HUGE_BODY = form("1 MB field", `message=${"x".repeat(1024 * 1024)}&name=x`);

type Outcome = { what: string; status: number; detail?: string; setCookie?: string; html?: Buffer };

let app: AppServer | undefined;
let routes: RouteInfo[] = [];
let before: Fingerprint;
/** Set for the organizer pass at the end: sent with every request. */
let cookie = "";
// No keep-alive: a server may close a connection after answering before reading a
// large body, and a reused socket would then fail on the client side only.
const agent = new http.Agent({ keepAlive: false });

/** A raw request: the path goes out byte for byte, without URL normalisation. */
function send(method: string, rawPath: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Outcome> {
  const what = `${method} ${rawPath.length > 120 ? rawPath.slice(0, 120) + "…" : rawPath}`;
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: app!.port,
        method,
        path: rawPath,
        agent,
        headers: { ...headers, ...(cookie ? { cookie } : {}), "content-length": String(body?.length ?? 0) },
        timeout: 15_000,
      },
      (res) => {
        // HTML is kept whole, for the zero-byte and validator checks; other bodies only in part.
        const isHtml = /^text\/html/.test(res.headers["content-type"] ?? "");
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => (isHtml || chunks.length < 4) && chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            what,
            status: res.statusCode ?? 0,
            detail: body.toString("utf8").slice(0, 200),
            setCookie: res.headers["set-cookie"]?.find((c) => c.includes("session")),
            html: isHtml ? body : undefined,
          });
        });
        res.on("error", (e) => resolve({ what, status: 0, detail: e.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("ingen svar inom 15 s")));
    req.on("error", (e) => resolve({ what, status: 0, detail: e.message }));
    req.end(body);
  });
}

/** Runs requests a few at a time, like a handful of clients. */
async function runAll(jobs: Array<() => Promise<Outcome>>, concurrency = 4): Promise<Outcome[]> {
  const results: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) results.push(await jobs[next++]!());
    }),
  );
  return results;
}

/** Garbage values for a route's params, plus real seed values where e2e/fixtures.ts knows one. */
async function segmentValues(route: RouteInfo): Promise<string[]> {
  if (route.params.length === 0 && !route.splat) return [""];
  const { PARAM_SAMPLES } = await import("../../e2e/fixtures");
  const real = PARAM_SAMPLES.filter(([p]) => patternShape(p) === patternShape(route.pattern)).map(([, url]) => url.split("/").pop()!);
  return [...real, ...GARBAGE_SEGMENTS];
}

/**
 * Real pages where React 18.3.1 once wrote a zero byte into the HTML (a multi-byte
 * character at the end of its 2 KB buffer, react issue 31134): walked beside the samples.
 */
const PAGES_WITH_SPLIT_CHARACTERS = ["/kommun/1315-hylte", "/kommun/2180-gavle", "/kommun/0834-torsas", "/analysmognad/sverige?ar=2026"];

/** Every HTML answer of the walk, and the real pages (200) among them for the validator. */
const htmlSeen: Outcome[] = [];
const pagesToValidate = new Map<string, Page>();
function keepHtml(outcomes: Outcome[], validate: (o: Outcome) => boolean) {
  for (const o of outcomes.filter((o) => o.html)) {
    htmlSeen.push(o);
    if (o.status === 200 && validate(o)) pagesToValidate.set(o.what, { url: o.what, html: o.html! });
  }
}
/** A page as a visitor opens it: the garbage query strings are left to the 5xx and zero-byte checks. */
const isRealPage = (o: Outcome) => !o.what.includes("?") || PAGES_WITH_SPLIT_CHARACTERS.some((p) => o.what.endsWith(p));
const withNul = () => htmlSeen.filter((o) => o.html!.includes(0)).map((o) => `${o.what} (byte ${o.html!.indexOf(0)})`);

const urlFor = (route: RouteInfo, segment: string) => (segment ? fillPattern(route.pattern, segment) : route.pattern);
const failures = (outcomes: Outcome[]) =>
  outcomes
    .filter((o) => o.status >= 500 || o.status === 0)
    .map((o) => `${o.status || "inget svar"} ← ${o.what}${o.detail ? `: ${o.detail.replace(/\s+/g, " ").slice(0, 120)}` : ""}`);
const errorLines = () => app?.errorLines() ?? "";

describe.skipIf(!HAVE_BUILD)("robustness against malformed requests (production build on a free port)", () => {
  beforeAll(async () => {
    routes = await loadBuiltRoutes();
    // Seeded data lets the real sample slugs reach deeper into the actions.
    app = await startAppServer({ name: "robustness", seed: fs.existsSync(path.join(ROOT, "prisma", "seed.ts")) });
    before = await fingerprintDatabase(app.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await app?.stop();
  });

  test("the manifest lists routes with loaders and actions", () => {
    expect(routes.filter((r) => r.hasLoader).length).toBeGreaterThan(0);
    expect(routes.filter((r) => r.hasAction).length).toBeGreaterThan(0);
  });

  test("loaders answer garbage params and query strings without a 5xx", async () => {
    const jobs = await loaderJobs();
    const outcomes = await runAll(jobs);
    expect(outcomes.length).toBe(jobs.length);
    expect(failures(outcomes), errorLines()).toEqual([]);
    keepHtml(outcomes, isRealPage);
  }, 120_000);

  test("no HTML answer of any route contains a zero byte (U+0000)", () => {
    expect(htmlSeen.length).toBeGreaterThan(50);
    expect(withNul()).toEqual([]);
  });

  test("the W3C HTML checker finds no errors on the pages the walk opened", async () => {
    expect(pagesToValidate.size).toBeGreaterThan(30);
    expect(await htmlErrors([...pagesToValidate.values()], "robustness")).toEqual([]);
  }, 120_000);

  test("actions answer malformed bodies and garbage params without a 5xx", async () => {
    const jobs = await actionJobs();
    const outcomes = await runAll(jobs);
    expect(outcomes.length).toBe(jobs.length);
    expect(failures(outcomes), errorLines()).toEqual([]);
  }, 120_000);

  test("a cross-site POST is refused with 403 before it reaches an action", async () => {
    const route = routes.find((r) => r.hasAction)!;
    const res = await send(
      "POST",
      urlFor(route, "x"),
      { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      Buffer.from("a=1"),
    );
    expect(res.status).toBe(403);
  });

  // Runs last (tests in a file run in order): everything above was refused input.
  test("refused input left the database unchanged (except rate limits and audit rows)", async () => {
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(diffFingerprints(before, await fingerprintDatabase(app!.databaseUrl))).toBe("");
  });

  // Behind the login too: an organizer sees every page, so the organizer-only loaders
  // and actions get the same garbage. Logging out would end the pass, so it is left out.
  test("as a logged-in organizer, loaders and actions answer garbage without a 5xx", async () => {
    cookie = await logIn(ORGANIZER_EMAIL, DEMO_USERS.find((u) => u.email === ORGANIZER_EMAIL)!.password);
    // Public loaders read their query strings the same way for everyone; those were covered above.
    const privateArea = (route: RouteInfo) => /^\/(admin|profil)(\/|$)/.test(route.pattern);
    const jobs = [...(await loaderJobs(privateArea)), ...(await actionJobs((route) => route.pattern !== "/logga-ut"))];
    const before = htmlSeen.length;
    pagesToValidate.clear();
    const outcomes = await runAll(jobs);
    expect(outcomes.length).toBe(jobs.length);
    expect(failures(outcomes), errorLines()).toEqual([]);
    // The organizer's pages: no zero byte, and valid HTML.
    keepHtml(outcomes, (o) => /^GET \/(admin|profil)/.test(o.what) && isRealPage(o));
    expect(htmlSeen.length).toBeGreaterThan(before);
    expect(withNul()).toEqual([]);
    expect(await htmlErrors([...pagesToValidate.values()], "robustness-organizer")).toEqual([]);
    // Still logged in: the pass really ran as the organizer.
    expect((await send("GET", "/admin")).status).toBe(200);
  }, 240_000);
});

/** Every loader with garbage params; garbage query strings only where `withQueries` says so. */
const everyRoute = () => true;
async function loaderJobs(withQueries: (route: RouteInfo) => boolean = everyRoute): Promise<Array<() => Promise<Outcome>>> {
  const jobs: Array<() => Promise<Outcome>> = [];
  for (const route of routes.filter((r) => r.hasLoader && !r.pathless)) {
    const segments = await segmentValues(route);
    for (const segment of segments) jobs.push(() => send("GET", urlFor(route, segment)));
    if (!withQueries(route)) continue;
    for (const query of GARBAGE_QUERIES) jobs.push(() => send("GET", urlFor(route, segments[0]!) + query));
  }
  if (withQueries === everyRoute) for (const page of PAGES_WITH_SPLIT_CHARACTERS) jobs.push(() => send("GET", page));
  // Paths that URL parsers like to normalise or reject.
  for (const raw of ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//evil.example/", "/%", "/a%00b", `/${"x".repeat(8000)}`]) {
    jobs.push(() => send("GET", raw));
  }
  return jobs;
}

async function actionJobs(include: (route: RouteInfo) => boolean = () => true): Promise<Array<() => Promise<Outcome>>> {
  const jobs: Array<() => Promise<Outcome>> = [];
  for (const route of routes.filter((r) => r.hasAction && include(r))) {
    const segments = await segmentValues(route);
    const target = (segment: string) => urlFor(route, segment) + (route.index ? "?index" : "");
    const post = (segment: string, b: Body) => () =>
      send("POST", target(segment), b.contentType ? { "content-type": b.contentType } : {}, b.body).then((o) => ({ ...o, what: `${o.what} [${b.name}]` }));
    for (const body of [...BODIES, HUGE_BODY]) jobs.push(post(segments[0]!, body));
    for (const segment of segments.slice(1)) jobs.push(post(segment, BODIES[3]!), post(segment, BODIES[8]!));
  }
  return jobs;
}

/** Logs in through the real form and returns the session cookie. */
async function logIn(email: string, password: string): Promise<string> {
  const res = await send(
    "POST",
    "/logga-in",
    { "content-type": "application/x-www-form-urlencoded" },
    Buffer.from(enc({ email, password, redirectTo: "/admin" })),
  );
  expect(res.status, res.detail).toBe(302);
  expect(res.setCookie, "inloggningen gav ingen sessionskaka").toBeTruthy();
  return res.setCookie!.split(";")[0]!;
}
