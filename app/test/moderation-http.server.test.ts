// The moderation pages over HTTP against the production build: members and
// anonymous visitors are refused, a moderator's action is written with its audit row.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHmac } from "node:crypto";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
let app: AppServer;
const SESSION_SECRET = "moderation-http-test-secret-0123456789abcdef";
let db: Database.Database;

function user(role: string) {
  const id = `t${crypto.randomBytes(8).toString("hex")}`;
  const now = iso(new Date());
  db.prepare(
    `INSERT INTO "User" (id, email, name, handle, title, role, emailVerifiedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)`,
  ).run(id, `${id}@test.example`, `Person ${id.slice(-4)}`, id, role, now, now, now);
  const token = crypto.randomBytes(25).toString("hex");
  const later = (days: number) => iso(new Date(Date.now() + days * 86_400_000));
  db.prepare(`INSERT INTO "Session" (id, userId, expiresAt, absoluteExpiresAt, twoFactorVerified, createdAt) VALUES (?, ?, ?, ?, 1, ?)`).run(
    crypto.createHash("sha256").update(token).digest("hex"),
    id,
    later(7),
    later(30),
    now,
  );
  return { id, cookie: `kf_session=${token}` };
}

function threadWithPost(authorId: string) {
  const now = iso(new Date());
  const cat = `c${crypto.randomBytes(6).toString("hex")}`;
  const thread = `th${crypto.randomBytes(6).toString("hex")}`;
  const post = `p${crypto.randomBytes(6).toString("hex")}`;
  db.prepare(`INSERT INTO "DiscussionCategory" (id, slug, name) VALUES (?, ?, 'Testkategori')`).run(cat, cat);
  db.prepare(`INSERT INTO "Thread" (id, categoryId, authorId, title, slug, lastActivityAt, createdAt, updatedAt) VALUES (?, ?, ?, 'En tråd', 'en-trad', ?, ?, ?)`).run(
    thread,
    cat,
    authorId,
    now,
    now,
    now,
  );
  db.prepare(`INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, createdAt) VALUES (?, ?, ?, 'question', 'Hej', ?)`).run(post, thread, authorId, now);
  return { thread, post };
}

describe.skipIf(!buildExists())("moderation over HTTP", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "moderation-http", env: { SESSION_SECRET } });
    db = new Database(app.dbFile);
    db.pragma("busy_timeout = 5000");
  }, 120_000);
  afterAll(async () => {
    db?.close();
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
    const author = user("member");
    const member = user("member");
    const { thread, post: postId } = threadWithPost(author.id);
    const pages = ["/admin/moderering", `/admin/moderering/inlagg/${postId}`, `/admin/moderering/trad/${thread}`];
    for (const page of pages) {
      const anon = await get(page);
      expect(anon.status, page).toBe(302);
      expect(anon.headers.get("location"), page).toMatch(/^\/logga-in\?redirectTo=/);
      expect((await get(page, member.cookie)).status, page).toBe(403);
    }
    expect((await post(`/admin/moderering/inlagg/${postId}`, { intent: "hide", reason: "Försök" }, member.cookie)).status).toBe(403);
    expect((await post(`/admin/moderering/trad/${thread}`, { intent: "lock", reason: "Försök" }, member.cookie)).status).toBe(403);
    expect(db.prepare(`SELECT hiddenAt FROM "Post" WHERE id = ?`).get(postId)).toEqual({ hiddenAt: null });
    // Moderators reach the queue, but not the organizer's dashboard.
    const mod = user("moderator");
    expect((await get("/admin/moderering", mod.cookie)).status).toBe(200);
    expect((await get("/admin", mod.cookie)).status).toBe(403);
  });

  test("a member flags, a moderator hides: the post is hidden, flags resolved, and the audit row names the moderator", async () => {
    const author = user("member");
    const member = user("member");
    const mod = user("moderator");
    const { post: postId } = threadWithPost(author.id);
    const flagged = await post(`/diskussioner/inlagg/${postId}/flagga`, { reason: "spam", note: "Reklam" }, member.cookie);
    expect(flagged.status).toBe(302);
    expect(flagged.headers.get("location")).toContain("flaggat=1");
    expect((await post(`/diskussioner/inlagg/${postId}/flagga`, { reason: "spam" }, author.cookie)).status).toBe(400);

    const missingReason = await post("/admin/moderering", { intent: "hide", id: postId, reason: "" }, mod.cookie);
    expect(missingReason.status).toBe(400);
    const hidden = await post("/admin/moderering", { intent: "hide", id: postId, reason: "Reklam för klockor" }, mod.cookie);
    expect(hidden.status).toBe(302);
    expect(db.prepare(`SELECT hiddenReason FROM "Post" WHERE id = ?`).get(postId)).toEqual({ hiddenReason: "Reklam för klockor" });
    expect(db.prepare(`SELECT status FROM "Flag" WHERE postId = ?`).all(postId)).toEqual([{ status: "resolved" }]);
    const audit = db.prepare(`SELECT actorId, action, detail FROM "AuditLog" WHERE entityId = ?`).all(postId) as { actorId: string; action: string; detail: string }[];
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["post.hide", mod.id]]);
    expect(JSON.parse(audit[0]!.detail).reason).toBe("Reklam för klockor");
  });

  test("the one-click unfollow link: GET changes nothing, POST stops that thread only, a tampered link is refused", async () => {
    const author = user("member");
    const follower = user("member");
    const { thread } = threadWithPost(author.id);
    const { thread: other } = threadWithPost(author.id);
    const now = iso(new Date());
    for (const t of [thread, other]) db.prepare(`INSERT INTO "ThreadFollow" (threadId, userId, createdAt) VALUES (?, ?, ?)`).run(t, follower.id, now);
    // Signed as the server signs, with the secret this test gave it.
    const sig = createHmac("sha256", SESSION_SECRET).update(`discussion-optout:trad:${follower.id}:${thread}`).digest("base64url");
    const path = `/diskussioner/sluta-bevaka?typ=trad&u=${follower.id}&id=${thread}&sig=${sig}`;
    const count = () => (db.prepare(`SELECT count(*) AS n FROM "ThreadFollow" WHERE userId = ?`).get(follower.id) as { n: number }).n;

    const page = await get(path);
    expect(page.status).toBe(200);
    expect(count()).toBe(2);
    expect((await get(path.replace(thread, other))).status).toBe(404);
    expect((await post(path.replace(`typ=trad`, "typ=kategori"), {})).status).toBe(400);
    expect(count()).toBe(2);
    expect((await post(path, {})).status).toBe(200);
    expect(db.prepare(`SELECT threadId FROM "ThreadFollow" WHERE userId = ?`).all(follower.id)).toEqual([{ threadId: other }]);
  });
});
