// Security defaults of the real server, in both the plain-http mode (demo,
// tests) and the https mode every real deployment runs in.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS, ORGANIZER_EMAIL } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const passwordOf = (email: string) => DEMO_USERS.find((u) => u.email === email)!.password;

/** Logs in through the real form on the plain-http server; returns the answer. */
const logIn = (base: AppServer, email: string, redirectTo = "") =>
  fetch(`${base.url}/logga-in?index`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base.url },
    body: new URLSearchParams({ email, password: passwordOf(email), redirectTo }),
  });

/** A raw POST, so the test can set Host itself (fetch does not let it). */
function rawPost(base: AppServer, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: base.port, method: "POST", path, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe.skipIf(!buildExists())("security headers and cookies", () => {
  let plain: AppServer;
  let https: AppServer;

  beforeAll(async () => {
    [plain, https] = await Promise.all([
      startAppServer({ name: "headers-http", seed: true }),
      startAppServer({ name: "headers-https", seed: true, env: { APP_URL: "https://kommunforum.example" } }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([plain?.stop(), https?.stop()]);
  });

  it("sends a CSP whose nonce matches the inline scripts, with no unsafe-eval and no framing", async () => {
    const res = await fetch(`${plain.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // A new nonce for every response.
    const again = (await fetch(`${plain.url}/`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("answers an address with a NUL byte with a plain Swedish 400, in the path or the query", async () => {
    for (const path of ["/forum/%00", "/sok?q=%00", "/diskussioner/inlagg/%00/flagga"]) {
      const res = await fetch(`${plain.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toBe("Adressen är felaktig.");
    }
  });

  it("sets the other security headers on every response", async () => {
    for (const path of ["/", "/healthz", "/finns-inte"]) {
      const res = await fetch(`${plain.url}${path}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("sends HSTS and a __Host- Secure session cookie only when the site is served over https", async () => {
    expect((await fetch(`${plain.url}/`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${https.url}/`)).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);

    const login = (base: AppServer, origin: string) =>
      fetch(`${base.url}/logga-in?index`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
        body: new URLSearchParams({ email: "anna.demo@borlange.example", password: "Demo-Medlem-2026" }),
      });
    const plainCookie = (await login(plain, plain.url)).headers.get("set-cookie") ?? "";
    expect(plainCookie).toMatch(/^kf_session=/);
    expect(plainCookie).toMatch(/HttpOnly/i);
    expect(plainCookie).toMatch(/SameSite=Lax/i);
    // Behind a proxy the browser's Origin matches the Host header; here that host is 127.0.0.1.
    const httpsLogin = await login(https, `https://127.0.0.1:${https.port}`);
    expect(httpsLogin.status, await httpsLogin.clone().text()).toBe(302);
    const httpsCookie = httpsLogin.headers.get("set-cookie") ?? "";
    expect(httpsCookie).toMatch(/^__Host-kf_session=/);
    expect(httpsCookie).toMatch(/Secure/i);
    expect(httpsCookie).toMatch(/HttpOnly/i);
    expect(httpsCookie).toMatch(/SameSite=Lax/i);
    expect(httpsCookie).toMatch(/Path=\//);
    expect(httpsCookie).not.toMatch(/Domain=/i);
  });

  it("refuses a cross-site POST before it reaches an action", async () => {
    const res = await fetch(`${plain.url}/logga-in?index`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "email=a%40b.se&password=x",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("kom inte från den här webbplatsen");
  });

  it("refuses a post whose Origin does not name its Host with the same 403, not Remix's 500 (a proxy that does not pass Host on)", async () => {
    const form = "email=a%40b.se&password=x";
    const base = { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${plain.port}` };
    // Origin is APP_URL, but the proxy sent its own address as Host.
    for (const extra of [{}, { "Sec-Fetch-Site": "same-origin" }] as Record<string, string>[]) {
      const res = await rawPost(plain, "/logga-in?index", { ...base, ...extra, Host: `10.0.0.5:${plain.port}` }, form);
      expect(res.status).toBe(403);
      expect(res.body).toBe("Förfrågan stoppades: den kom inte från den här webbplatsen.");
    }
    // A proxy that names the public host in X-Forwarded-Host is fine: the form is answered (wrong password).
    const forwarded = await rawPost(plain, "/logga-in?index", { ...base, Host: `10.0.0.5:${plain.port}`, "X-Forwarded-Host": `localhost:${plain.port}` }, form);
    expect(forwarded.status).toBe(400);
  });

  it("redirects to the fallback after a correct password when redirectTo has characters a Location cannot carry", async () => {
    for (const redirectTo of ["/\u3002evil", "/profil\u2028x"]) {
      const res = await logIn(plain, "erik.demo@kristianstad.example", redirectTo);
      expect(res.status, `${redirectTo}: ${plain.errorLines()}`).toBe(302);
      expect(res.headers.get("location")).toBe("/profil");
    }
  });

  it("marks every response to a request with a session private, no-store: pages, ?_data and the login itself", async () => {
    const login = await logIn(plain, ORGANIZER_EMAIL);
    expect(login.status).toBe(302);
    expect(login.headers.get("cache-control")).toBe("private, no-store");
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const [event] = await testQuery<{ id: string }>(plain.databaseUrl, `SELECT "id" FROM "Event" WHERE "slug" = 'kommunforum-analytics-nasta'`);
    const paths = [
      "/profil",
      "/profil?_data=routes%2Fprofil._index",
      "/admin/inkorg",
      "/admin/inkorg?_data=routes%2Fadmin.inkorg._index",
      "/admin/logg",
      "/admin/logg?_data=routes%2Fadmin.logg",
      `/admin/forum/${event!.id}/anmalningar`,
      `/admin/forum/${event!.id}/anmalningar?_data=routes%2Fadmin.forum_.%24eventId_.anmalningar`,
      // Public, cacheable for everyone else.
      "/",
      "/forum/feed.xml",
    ];
    for (const path of paths) {
      const res = await fetch(`${plain.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    // Without the session the feed stays publicly cacheable.
    expect((await fetch(`${plain.url}/forum/feed.xml`)).headers.get("cache-control")).toBe("public, max-age=300");
  });
});
