// The thread page costs the same number of SQL statements with 10 posts as with
// 10,000: a test of queries per request, not of time.
import { beforeAll, describe, expect, it } from "vitest";
import { loader } from "~/routes/diskussioner.$id.$slug/route";
import { databaseUrl, isPostgresUrl } from "~/utils/database-url";
import { countQueries, prisma } from "~/utils/db.server";
import { triggerSqlByTable } from "../../scripts/search-sql";
import { createThread } from "./post.server";
import { getThreadPage } from "./thread.server";

let small: { id: string; slug: string };
let big: { id: string; slug: string };
let viewer: string;
const onPostgres = isPostgresUrl(databaseUrl());

/**
 * Answers (and a comment on every tenth) written in one statement each. The
 * search trigger would rebuild the thread's document per inserted post, so bulk
 * test data sets it aside and puts it back after.
 */
async function addAnswers(threadId: string, authorId: string, n: number) {
  if (onPostgres) {
    await prisma.$executeRawUnsafe(`ALTER TABLE "Post" DISABLE TRIGGER "Post_search_insert_delete"`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "voteCount", "createdAt")
       SELECT $1::text || '-a' || i, $1, $2, 'answer', 'Svar nummer ' || i, i % 13, now() FROM generate_series(1, $3::int) AS i`,
      threadId,
      authorId,
      n,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "parentId", "kind", "bodyMd", "createdAt")
       SELECT $1::text || '-a' || i || '-c', $1, $2, $1::text || '-a' || i, 'comment', 'En kommentar', now() FROM generate_series(10, $3::int, 10) AS i`,
      threadId,
      authorId,
      n,
    );
    await prisma.$executeRawUnsafe(`ALTER TABLE "Post" ENABLE TRIGGER "Post_search_insert_delete"`);
  } else {
    const postTriggers = triggerSqlByTable().get("Post")!;
    for (const name of ["Post_search_insert", "Post_search_update", "Post_search_delete"]) await prisma.$executeRawUnsafe(`DROP TRIGGER "${name}"`);
    const now = new Date().toISOString().replace("Z", "+00:00");
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "voteCount", "createdAt")
       WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
       SELECT ? || '-a' || i, ?, ?, 'answer', 'Svar nummer ' || i, i % 13, ? FROM seq`,
      n,
      threadId,
      threadId,
      authorId,
      now,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "parentId", "kind", "bodyMd", "createdAt")
       SELECT "id" || '-c', "threadId", "authorId", "id", 'comment', 'En kommentar', ? FROM "Post" WHERE "threadId" = ? AND "kind" = 'answer' AND CAST(substr("id", length(?) + 3) AS INTEGER) % 10 = 0`,
      now,
      threadId,
      threadId,
    );
    for (const statement of postTriggers.split(/\n\n(?=CREATE TRIGGER)/)) await prisma.$executeRawUnsafe(statement);
  }
  await prisma.thread.update({ where: { id: threadId }, data: { answerCount: n } });
}

beforeAll(async () => {
  const author = await prisma.user.create({ data: { email: "q@example.org", name: "Frågare", emailVerifiedAt: new Date() } });
  viewer = (await prisma.user.create({ data: { email: "v@example.org", name: "Läsare" } })).id;
  await prisma.discussionCategory.create({ data: { slug: "ovrigt", name: "Övrigt" } });
  small = await createThread({ authorId: author.id, categorySlug: "ovrigt", title: "En liten tråd med få svar", body: "Fråga", tagSlugs: [] });
  big = await createThread({ authorId: author.id, categorySlug: "ovrigt", title: "En stor tråd med många svar", body: "Fråga", tagSlugs: [] });
  await addAnswers(small.id, author.id, 9);
  await addAnswers(big.id, author.id, 10_000);
  await prisma.thread.update({ where: { id: big.id }, data: { acceptedPostId: `${big.id}-a5000` } });
  await prisma.thread.update({ where: { id: small.id }, data: { acceptedPostId: `${small.id}-a5` } });
}, 120_000);

async function loaderQueries(thread: { id: string; slug: string }, search = "") {
  const request = new Request(`http://localhost/diskussioner/${thread.id}/${thread.slug}${search}`);
  const { result, queries } = await countQueries(() => loader({ request, params: { id: thread.id, slug: thread.slug }, context: {} }));
  expect(result.status).toBe(200);
  return { queries, data: await result.json() };
}

describe("thread page query count", () => {
  it("is the same for 10 posts and 10,000 posts, on the first and a deep page", async () => {
    const smallPage = await loaderQueries(small);
    const bigPage = await loaderQueries(big);
    const deepPage = await loaderQueries(big, "?svar=datum&sida=400");
    expect(bigPage.data.answers).toHaveLength(20);
    expect(bigPage.data.pageCount).toBe(500);
    expect(deepPage.data.page).toBe(400);
    expect(bigPage.data.accepted?.id).toBe(`${big.id}-a5000`);
    expect(smallPage.queries).toBeGreaterThan(0);
    expect(bigPage.queries).toBe(smallPage.queries);
    expect(deepPage.queries).toBe(smallPage.queries);
  });

  it("adds one query for a logged-in reader's votes, whatever the size", async () => {
    const run = (threadId: string) => countQueries(() => getThreadPage({ threadId, sort: "roster", page: 3, viewerId: viewer, includeHidden: false }));
    const a = await run(small.id);
    const b = await run(big.id);
    expect(b.queries).toBe(a.queries);
    if (b.result?.kind !== "thread") throw new Error("expected a thread");
    expect(b.result.answers[0]?.comments.length ?? 0).toBeGreaterThanOrEqual(0);
  });
});
