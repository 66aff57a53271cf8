// The moderation pages over HTTP against the production build: members and
// anonymous visitors are refused, a moderator's action is written with its audit row.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHmac } from "node:crypto";
import { startAppServer, type AppServer } from "./app-server";
import { createUser } from "./http-users";
import type { Role } from "../utils/roles";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
const LINK_SECRET = "moderation-http-test-secret-0123456789abcdef";

// The server's database, SQLite or PostgreSQL (npm run test:pg): quoted identifiers, `?` parameters.
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);

function user(role: Role = "member") {
  return createUser(app.databaseUrl, { role, municipalityCode: null, affiliation: "none" });
}

async function threadWithPost(authorId: string) {
  const now = new Date();
  const cat = `c${crypto.randomBytes(6).toString("hex")}`;
  const thread = `th${crypto.randomBytes(6).toString("hex")}`;
  const post = `p${crypto.randomBytes(6).toString("hex")}`;
  await sql(`INSERT INTO "DiscussionCategory" ("id", "slug", "name") VALUES (?, ?, 'Testkategori')`, [cat, cat]);
  await sql(
    `INSERT INTO "Thread" ("id", "categoryId", "authorId", "title", "slug", "lastActivityAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'En tråd', 'en-trad', ?, ?, ?)`,
    [thread, cat, authorId, now, now, now],
  );
  await sql(`INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "createdAt") VALUES (?, ?, ?, 'question', 'Hej', ?)`, [
    post,
    thread,
    authorId,
    now,
  ]);
  return { thread, post };
}

describe.skipIf(!buildExists())("moderation over HTTP", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "moderation-http", env: { LINK_SECRET } });
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

  test("anonymous visitors are sent to the login page; members get 403 on every moderation page and action", async () => {
    const author = await user("member");
    const member = await user("member");
    const { thread, post: postId } = await threadWithPost(author.id);
    const pages = ["/admin/moderering", `/admin/moderering/inlagg/${postId}`, `/admin/moderering/trad/${thread}`];
    for (const page of pages) {
      const anon = await get(page);
      expect(anon.status, page).toBe(302);
      expect(anon.headers.get("location"), page).toMatch(/^\/logga-in\?redirectTo=/);
      expect((await get(page, member.cookie)).status, page).toBe(403);
    }
    expect((await post(`/admin/moderering/inlagg/${postId}`, { intent: "hide", reason: "Försök" }, member.cookie)).status).toBe(403);
    expect((await post(`/admin/moderering/trad/${thread}`, { intent: "lock", reason: "Försök" }, member.cookie)).status).toBe(403);
    expect(await sql(`SELECT "hiddenAt" FROM "Post" WHERE "id" = ?`, [postId])).toEqual([{ hiddenAt: null }]);
    // Moderators reach the queue, but not the organizer's dashboard.
    const mod = await user("moderator");
    expect((await get("/admin/moderering", mod.cookie)).status).toBe(200);
    expect((await get("/admin", mod.cookie)).status).toBe(403);
  });

  test("a member flags, a moderator hides: the post is hidden, flags resolved, and the audit row names the moderator", async () => {
    const author = await user("member");
    const member = await user("member");
    const mod = await user("moderator");
    const { post: postId } = await threadWithPost(author.id);
    const flagged = await post(`/diskussioner/inlagg/${postId}/flagga`, { reason: "spam", note: "Reklam" }, member.cookie);
    expect(flagged.status).toBe(302);
    expect(flagged.headers.get("location")).toContain("flaggat=1");
    expect((await post(`/diskussioner/inlagg/${postId}/flagga`, { reason: "spam" }, author.cookie)).status).toBe(400);

    const missingReason = await post("/admin/moderering", { intent: "hide", id: postId, reason: "" }, mod.cookie);
    expect(missingReason.status).toBe(400);
    const hidden = await post("/admin/moderering", { intent: "hide", id: postId, reason: "Reklam för klockor" }, mod.cookie);
    expect(hidden.status).toBe(302);
    expect(await sql(`SELECT "hiddenReason" FROM "Post" WHERE "id" = ?`, [postId])).toEqual([{ hiddenReason: "Reklam för klockor" }]);
    expect(await sql(`SELECT "status" FROM "Flag" WHERE "postId" = ?`, [postId])).toEqual([{ status: "resolved" }]);
    const audit = await sql<{ actorId: string; action: string; detail: string }>(`SELECT "actorId", "action", "detail" FROM "AuditLog" WHERE "entityId" = ?`, [
      postId,
    ]);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["post.hide", mod.id]]);
    expect(JSON.parse(audit[0]!.detail).reason).toBe("Reklam för klockor");
  });

  test("the one-click unfollow link: GET changes nothing, POST stops that thread only, a tampered link is refused", async () => {
    const author = await user("member");
    const follower = await user("member");
    const { thread } = await threadWithPost(author.id);
    const { thread: other } = await threadWithPost(author.id);
    const now = new Date();
    for (const t of [thread, other]) await sql(`INSERT INTO "ThreadFollow" ("threadId", "userId", "createdAt") VALUES (?, ?, ?)`, [t, follower.id, now]);
    // Signed as the server signs, with the secret this test gave it.
    const sig = createHmac("sha256", LINK_SECRET).update(`discussion-optout:trad:${follower.id}:${thread}`).digest("base64url");
    const path = `/diskussioner/sluta-bevaka?typ=trad&u=${follower.id}&id=${thread}&sig=${sig}`;
    const count = async () => (await sql<{ n: number }>(`SELECT count(*) AS n FROM "ThreadFollow" WHERE "userId" = ?`, [follower.id]))[0]!.n;

    const page = await get(path);
    expect(page.status).toBe(200);
    expect(await count()).toBe(2);
    expect((await get(path.replace(thread, other))).status).toBe(404);
    expect((await post(path.replace(`typ=trad`, "typ=kategori"), {})).status).toBe(400);
    expect(await count()).toBe(2);
    expect((await post(path, {})).status).toBe(200);
    expect(await sql(`SELECT "threadId" FROM "ThreadFollow" WHERE "userId" = ?`, [follower.id])).toEqual([{ threadId: other }]);
  });
});
