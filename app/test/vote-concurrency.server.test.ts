// Votes stay exact under concurrency: 100 members upvote one post at the same
// moment over HTTP against the production server, then half of them take the
// vote back at the same moment.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_THREADS } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";

let app: AppServer;
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const thread = DEMO_THREADS.find((t) => t.id === "demo-trad-nivagivare-avlopp")!;
const postId = thread.answers[0]!.id;

/** Verified members with sessions, written straight to the server's database. */
function createMembers(n: number): string[] {
  const db = new Database(app.dbFile);
  db.pragma("busy_timeout = 5000");
  const now = new Date();
  const tokens: string[] = [];
  const user = db.prepare(
    `INSERT INTO "User" (id, email, name, role, emailVerifiedAt, municipalityCode, createdAt, updatedAt) VALUES (?, ?, ?, 'member', ?, '2081', ?, ?)`,
  );
  const session = db.prepare(`INSERT INTO "Session" (id, userId, expiresAt, absoluteExpiresAt, twoFactorVerified, createdAt) VALUES (?, ?, ?, ?, 1, ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `vote${crypto.randomBytes(8).toString("hex")}`;
      user.run(id, `${id}@rostning.example`, `Röstare ${i}`, iso(now), iso(now), iso(now));
      const token = crypto.randomBytes(25).toString("hex");
      session.run(crypto.createHash("sha256").update(token).digest("hex"), id, iso(new Date(+now + 86_400_000)), iso(new Date(+now + 86_400_000)), iso(now));
      tokens.push(token);
    }
  })();
  db.close();
  return tokens;
}

function readCounts() {
  const db = new Database(app.dbFile, { readonly: true });
  const post = db.prepare(`SELECT voteCount FROM "Post" WHERE id = ?`).get(postId) as { voteCount: number };
  const rows = db.prepare(`SELECT count(*) AS n FROM "PostVote" WHERE postId = ?`).get(postId) as { n: number };
  db.close();
  return { voteCount: post.voteCount, rows: rows.n };
}

function vote(token: string) {
  return fetch(`${app.url}/diskussioner/${thread.id}/${thread.slug}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: `kf_session=${token}` },
    body: new URLSearchParams({ intent: "vote", postId }),
  }).then((res) => ({ status: res.status, location: res.headers.get("location") }));
}

describe.skipIf(!buildExists())("votes under concurrency (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "vote-concurrency", seed: true });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("100 members voting at once give exactly 100; 50 taking it back at once leave exactly 50", async () => {
    const tokens = createMembers(100);
    expect(readCounts()).toEqual({ voteCount: 0, rows: 0 });

    const first = await Promise.all(tokens.map(vote));
    expect(first.filter((r) => r.status !== 302), app.errorLines()).toEqual([]);
    expect(first[0]?.location).toContain(`#inlagg-${postId}`);
    expect(readCounts()).toEqual({ voteCount: 100, rows: 100 });

    const second = await Promise.all(tokens.slice(0, 50).map(vote));
    expect(second.filter((r) => r.status !== 302), app.errorLines()).toEqual([]);
    expect(readCounts()).toEqual({ voteCount: 50, rows: 50 });
  }, 120_000);
});
