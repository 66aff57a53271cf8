// The Markdown pipeline and discussion posts over HTTP against the production
// build (ADR 011): no text can hold the server or break a page for everyone.
import crypto, { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { createUser } from "./http-users";
import type { Role } from "../utils/roles";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
const LINK_SECRET = "markdown-http-test-secret-0123456789abcdef";

const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);
const rid = (prefix: string) => `${prefix}${crypto.randomBytes(8).toString("hex")}`;

function user(role: Role = "member") {
  return createUser(app.databaseUrl, { role, municipalityCode: null, affiliation: "none" });
}

/** A thread with a question, written as an earlier version (or a script) would: `html` null means no stored HTML. */
async function thread(authorId: string, { body = "Hur gör ni?", html = "<p>Hur gör ni?</p>\n" }: { body?: string; html?: string | null } = {}) {
  const now = new Date();
  const category = rid("c");
  const id = rid("t");
  const post = rid("p");
  await sql(`INSERT INTO "DiscussionCategory" ("id", "slug", "name") VALUES (?, ?, 'Testkategori')`, [category, category]);
  await sql(
    `INSERT INTO "Thread" ("id", "categoryId", "authorId", "title", "slug", "lastActivityAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'En tråd', 'en-trad', ?, ?, ?)`,
    [id, category, authorId, now, now, now],
  );
  await sql(`INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "bodyHtml", "createdAt") VALUES (?, ?, ?, 'question', ?, ?, ?)`, [
    post,
    id,
    authorId,
    body,
    html,
    now,
  ]);
  return { id, post, href: `/diskussioner/${id}/en-trad` };
}

describe.skipIf(!buildExists())("Markdown and posts over HTTP", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "markdown-http", env: { LINK_SECRET } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const post = (path: string, body: Record<string, string>, cookie?: string) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(body).toString(),
    });

  test("the review's 20 kB preview is refused at once and /healthz is not held up; one at the limit renders", async () => {
    const member = await user();
    const started = Date.now();
    const preview = post("/diskussioner/ny", { intent: "preview", title: "En fråga", body: "*a_".repeat(6667) }, member.cookie);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await get("/healthz");
    const healthMs = Date.now() - started;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(2_000);
    const refused = await preview;
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Texten får ha högst 10");
    const atLimit = await post("/diskussioner/ny", { intent: "preview", title: "En fråga", body: "*a_".repeat(3333) }, member.cookie);
    expect(atLimit.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("an answer of 2,500 '>' is stored, and the thread and its moderation page answer 200", async () => {
    const asker = await user();
    const answerer = await user();
    const moderator = await user("moderator");
    const t = await thread(asker.id);
    const answered = await post(t.href, { intent: "answer", body: ">".repeat(2500) }, answerer.cookie);
    expect(answered.status).toBe(302);
    const [answer] = await sql<{ id: string; bodyHtml: string | null }>(`SELECT "id", "bodyHtml" FROM "Post" WHERE "threadId" = ? AND "kind" = 'answer'`, [
      t.id,
    ]);
    expect(answer!.bodyHtml).toContain("<blockquote>");
    for (const cookie of [undefined, answerer.cookie, moderator.cookie]) expect((await get(t.href, cookie)).status).toBe(200);
    expect((await get(`/admin/moderering/inlagg/${answer!.id}`, moderator.cookie)).status).toBe(200);
  });

  test("a post without stored HTML shows a placeholder to readers and its text to moderators", async () => {
    const asker = await user();
    const moderator = await user("moderator");
    const t = await thread(asker.id, { body: "Råtext som inte gick att visa", html: null });
    const member = await (await get(t.href)).text();
    expect(member).toContain("Inlägget kan inte visas");
    expect(member).not.toContain("Råtext som inte gick att visa");
    expect(await (await get(t.href, moderator.cookie)).text()).toContain("Råtext som inte gick att visa");
    const moderation = await get(`/admin/moderering/inlagg/${t.post}`, moderator.cookie);
    expect(moderation.status).toBe(200);
    expect(await moderation.text()).toContain("Råtext som inte gick att visa");
  });

  test("images come only from this site: the CSP says so and another site's image is a link", async () => {
    const asker = await user();
    const t = await thread(asker.id);
    const answerer = await user();
    expect((await post(t.href, { intent: "answer", body: "![](https://tracker.example/p.gif)" }, answerer.cookie)).status).toBe(302);
    const page = await get(t.href);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/img-src 'self' data:(;|$)/);
    const html = await page.text();
    expect(html).not.toMatch(/<img[^>]+tracker\.example/);
    expect(html).toContain('href="https://tracker.example/p.gif"');
  });

  test("an altered list cursor starts from the first page instead of failing", async () => {
    for (const path of ["/diskussioner?ordning=roster&efter=WyIyMDI0LTAxLTAxIiwieCJd", "/diskussioner?ordning=nya&efter=WzUsIngiXQ"]) {
      expect((await get(path)).status, path).toBe(200);
    }
  });

  test("a vote on a post in a hidden thread is refused and not stored", async () => {
    const asker = await user();
    const voter = await user();
    const t = await thread(asker.id);
    await sql(`UPDATE "Thread" SET "hiddenAt" = ? WHERE "id" = ?`, [new Date(), t.id]);
    const voted = await post(t.href, { intent: "vote", postId: t.post }, voter.cookie);
    expect(voted.status).toBe(404);
    expect(await sql(`SELECT "userId" FROM "PostVote" WHERE "postId" = ?`, [t.post])).toEqual([]);
  });

  test("a new member's question to a case owner keeps the link limit: no thread, no mail", async () => {
    const now = new Date();
    const slug = rid("case-");
    await sql(
      `INSERT INTO "Case" ("id", "slug", "title", "summary", "bodyMd", "bodyHtml", "contactEmail", "status", "publishedAt", "createdAt", "updatedAt") VALUES (?, ?, 'Ett case', '', '', '', 'kontakt@test.example', 'published', ?, ?, ?)`,
      [rid("k"), slug, now, now, now],
    );
    const newcomer = await user();
    const links = Array.from({ length: 10 }, (_, i) => `[${i}](https:spam${i}.example)`).join(" ");
    const asked = await post(`/case/${slug}/fraga`, { title: "Köp klockor här", body: `Titta här: ${links}` }, newcomer.cookie);
    expect(asked.status).toBe(400);
    expect(await asked.text()).toContain("högst 2 länkar");
    expect(await sql(`SELECT "id" FROM "Thread" WHERE "authorId" = ?`, [newcomer.id])).toEqual([]);
    expect(await sql(`SELECT "id" FROM "OutboxEmail" WHERE "toAddress" = 'kontakt@test.example'`)).toEqual([]);
  });

  test("the one-click opt-out from mention mail works without logging in", async () => {
    const member = await user();
    const sig = createHmac("sha256", LINK_SECRET).update(`discussion-optout:omnamnanden:${member.id}:alla`).digest("base64url");
    const path = `/diskussioner/sluta-bevaka?typ=omnamnanden&u=${member.id}&id=alla&sig=${sig}`;
    const mentionEmails = async () =>
      (await sql<{ on: unknown }>(`SELECT "mentionEmails" AS "on" FROM "User" WHERE "id" = ?`, [member.id])).map((r) => Boolean(r.on));
    expect((await get(path)).status).toBe(200);
    expect(await mentionEmails()).toEqual([true]);
    expect((await post(path, {})).status).toBe(200);
    expect(await mentionEmails()).toEqual([false]);
  });
});
