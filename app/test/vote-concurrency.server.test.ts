// Votes stay exact under concurrency: 100 members upvote one post at the same
// moment over HTTP against the production server, then half of them take the
// vote back at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_THREADS } from "../../prisma/seed-content";
import { startAppServer, type AppServer } from "./app-server";
import { createUser } from "./http-users";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
// The server's database, SQLite or PostgreSQL (npm run test:pg): quoted identifiers, `?` parameters.
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);
const thread = DEMO_THREADS.find((t) => t.id === "demo-trad-nivagivare-avlopp")!;
const postId = thread.answers[0]!.id;

/** Verified members with sessions, written straight to the server's database; their cookies. */
async function createMembers(n: number): Promise<string[]> {
  const members = await Promise.all(Array.from({ length: n }, () => createUser(app.databaseUrl)));
  return members.map((m) => m.cookie);
}

async function readCounts() {
  const post = await sql<{ voteCount: number }>(`SELECT "voteCount" FROM "Post" WHERE "id" = ?`, [postId]);
  const rows = await sql<{ n: number }>(`SELECT count(*) AS n FROM "PostVote" WHERE "postId" = ?`, [postId]);
  return { voteCount: post[0]!.voteCount, rows: rows[0]!.n };
}

function vote(cookie: string) {
  return fetch(`${app.url}/diskussioner/${thread.id}/${thread.slug}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
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
    const cookies = await createMembers(100);
    expect(await readCounts()).toEqual({ voteCount: 0, rows: 0 });

    const first = await Promise.all(cookies.map(vote));
    expect(
      first.filter((r) => r.status !== 302),
      app.errorLines(),
    ).toEqual([]);
    expect(first[0]?.location).toContain(`#inlagg-${postId}`);
    expect(await readCounts()).toEqual({ voteCount: 100, rows: 100 });

    const second = await Promise.all(cookies.slice(0, 50).map(vote));
    expect(
      second.filter((r) => r.status !== 302),
      app.errorLines(),
    ).toEqual([]);
    expect(await readCounts()).toEqual({ voteCount: 50, rows: 50 });
  }, 120_000);
});
