// The anonymous page cache (ADR 013) against the production build: what a visitor
// without cookies sees comes from the cache, and every write that changes a page
// (a seat taken, an answer posted) reaches the very next anonymous request; a
// logged-in member never gets a stored page.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { httpFixtures } from "./http-fixtures";
import { buildExists } from "./route-manifest";

let app: AppServer;
const { sql, member, get, post } = httpFixtures(() => app);
const rid = (prefix: string) => `${prefix}${crypto.randomBytes(8).toString("hex")}`;

async function createEvent(capacity: number) {
  const id = rid("pc");
  const slug = `cache-${id}`;
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  const now = new Date();
  await sql(
    `INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "capacity", "seatsTaken", "status", "joinUrl", "createdAt", "updatedAt")
     VALUES (?, ?, 'Cachetest', ?, ?, ?, 0, 'published', 'https://meet.example/cache', ?, ?)`,
    [id, slug, startsAt, new Date(+startsAt + 90 * 60_000), capacity, now, now],
  );
  return `/forum/${slug}`;
}

async function createThread(authorId: string) {
  const now = new Date();
  const category = rid("c");
  const id = rid("t");
  await sql(`INSERT INTO "DiscussionCategory" ("id", "slug", "name") VALUES (?, ?, 'Cachekategori')`, [category, category]);
  await sql(
    `INSERT INTO "Thread" ("id", "categoryId", "authorId", "title", "slug", "lastActivityAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'Cachetråden', 'cachetraden', ?, ?, ?)`,
    [id, category, authorId, now, now, now],
  );
  await sql(`INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "bodyHtml", "createdAt") VALUES (?, ?, ?, 'question', ?, ?, ?)`, [
    rid("p"),
    id,
    authorId,
    "Hur gör ni?",
    "<p>Hur gör ni?</p>",
    now,
  ]);
  return `/diskussioner/${id}/cachetraden`;
}

/** An anonymous GET twice: the second answer must come from the cache. */
async function cachedPage(path: string): Promise<string> {
  const first = await get(path);
  expect(first.status).toBe(200);
  await first.text();
  // The page is stored once compressed, just after the first answer: wait for that event.
  await expect.poll(async () => (await get(path)).headers.get("x-cache"), { timeout: 5_000, interval: 20 }).toBe("HIT");
  const hit = await get(path);
  expect(hit.headers.get("x-cache")).toBe("HIT");
  return hit.text();
}

/** The list item of the thread with this title. */
function rowOf(html: string, title: string): string {
  const at = html.indexOf(title);
  expect(at).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<li", at), html.indexOf("</li>", at));
}

describe.skipIf(!buildExists())("anonymous page cache (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "page-cache", seed: true, env: { PAGE_CACHE_MB: "32", TRUST_PROXY: "1" } });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("a member's registration changes the seats an anonymous visitor sees on the very next request", async () => {
    // Fixtures first: a write by this test process is itself noticed (the last test).
    const anna = await member();
    const path = await createEvent(5);
    expect(await cachedPage(path)).toContain("5 platser kvar av 5");
    const registered = await post(path, { title: "Analytiker", consentStore: "on" }, { cookie: anna.cookie, ip: "10.9.0.1" });
    expect(registered.status, app.errorLines()).toBe(302);
    const next = await get(path);
    expect(next.headers.get("x-cache")).toBe("MISS");
    expect(await next.text()).toContain("4 platser kvar av 5");
  });

  it("a posted answer appears on the next anonymous request of the thread and of the lists", async () => {
    const asker = await member();
    const answerer = await member();
    const path = await createThread(asker.id);
    const marker = `Svaret ${rid("m")}`;
    expect(await cachedPage(path)).not.toContain(marker);
    const before = await cachedPage("/diskussioner");
    expect(rowOf(before, "Cachetråden")).toContain("Inga svar än");
    const answered = await post(path, { intent: "answer", body: marker }, { cookie: answerer.cookie, ip: "10.9.0.2" });
    expect(answered.status, app.errorLines()).toBe(302);
    expect(await (await get(path)).text()).toContain(marker);
    const list = await get("/diskussioner");
    expect(list.headers.get("x-cache")).toBe("MISS");
    expect(rowOf(await list.text(), "Cachetråden")).toContain("1 svar");
  });

  it("a logged-in member never gets a stored page, and a request with any cookie bypasses the cache", async () => {
    const anna = await member();
    await cachedPage("/");
    const own = await get("/", { cookie: anna.cookie });
    expect(own.headers.get("x-cache")).toBe("BYPASS");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(await own.text()).toContain("Logga ut");
    const voter = await fetch(`${app.url}/`, { headers: { Cookie: "kf_poll=x.y" } });
    expect(voter.headers.get("x-cache")).toBe("BYPASS");
    // And a member's page is never stored for others: the next anonymous answer has no member in it.
    const anonymous = await get("/");
    expect(anonymous.headers.get("x-cache")).toBe("HIT");
    expect(await anonymous.text()).not.toContain("Logga ut");
  });

  it("a page with an email address in its URL (Kolla din e-post) is never stored", async () => {
    for (const path of ["/registrera/skickat?adress=anna%40borlange.se", "/forum/kolla-epost?forum=x&adress=anna%40borlange.se"]) {
      await get(path);
      expect((await get(path)).headers.get("x-cache"), path).toBe("BYPASS");
    }
  });

  it("a stored page carries a CSP with the hashes of exactly its inline scripts and no nonce", async () => {
    const html = await cachedPage("/");
    const hit = await get("/");
    const csp = hit.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain("nonce-");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(m[1]!));
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, text] of scripts) {
      expect(attributes).not.toContain("nonce");
      expect(csp).toContain(`'sha256-${crypto.createHash("sha256").update(text!).digest("base64")}'`);
    }
  });

  it.skipIf(Boolean(process.env.TEST_PG_URL))("a write by another process (a script, a test fixture) is noticed before the next lookup", async () => {
    const path = await createEvent(7);
    expect(await cachedPage(path)).toContain("7 platser kvar av 7");
    await sql(`UPDATE "Event" SET "capacity" = 8 WHERE "slug" = ?`, [path.split("/").pop()!]);
    expect(await (await get(path)).text()).toContain("8 platser kvar av 8");
  });
});
