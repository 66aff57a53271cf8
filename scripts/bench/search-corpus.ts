// The search corpus of the benchmark: 90,000 more posts in 10,000 threads, so that
// /sok searches over about 100,000 posts (with the big thread's 11,000).
// Written straight to the database with the Post search triggers set aside; each
// thread's search document is built once afterwards (the Thread trigger).
import Database from "better-sqlite3";
import pg from "pg";
import { triggerSqlByTable } from "../search-sql";
import { DB_FILE, log } from "./config";

export const SEARCH = { threads: 10_000, postsPerThread: 9, word: "sensordata", path: "/sok?q=sensordata" } as const;
const TOPICS = ["sensordata", "dashboards", "prognoser", "datalager", "öppna data"];
// Post i's text names one topic by turn: a fifth of the posts match SEARCH.word.
const bodySql = (i: string) =>
  `'Inlägg ' || ${i} || ' om ' || (CASE ${i} % 5 ${TOPICS.map((t, n) => `WHEN ${n} THEN '${t}'`).join(" ")} END) || ' i en kommun.'`;

export function addSearchCorpusSqlite() {
  log(`adding ${SEARCH.threads * SEARCH.postsPerThread} posts for search (SQLite)`);
  const db = new Database(DB_FILE);
  db.transaction(() => {
    const category = db.prepare(`SELECT id FROM "DiscussionCategory" ORDER BY position LIMIT 1`).get() as { id: string };
    const now = new Date().toISOString().replace("Z", "+00:00");
    for (const name of ["Post_search_insert", "Post_search_update", "Post_search_delete"]) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare(
      `INSERT INTO "Thread" (id, categoryId, title, slug, answerCount, lastActivityAt, createdAt, updatedAt)
       WITH RECURSIVE seq(t) AS (SELECT 1 UNION ALL SELECT t + 1 FROM seq WHERE t < ${SEARCH.threads})
       SELECT 'bench-sok-' || t, ?, 'Söktråd ' || t, 'soktrad-' || t, ${SEARCH.postsPerThread}, ?, ?, ? FROM seq`,
    ).run(category.id, now, now, now);
    db.prepare(
      `INSERT INTO "Post" (id, threadId, kind, bodyMd, bodyHtml, createdAt)
       WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${SEARCH.threads * SEARCH.postsPerThread - 1})
       SELECT 'bench-sok-p' || i, 'bench-sok-' || (i % ${SEARCH.threads} + 1), CASE WHEN i < ${SEARCH.threads} THEN 'question' ELSE 'answer' END,
              ${bodySql("i")}, '<p>' || ${bodySql("i")} || '</p>', ? FROM seq`,
    ).run(now);
    for (const statement of triggerSqlByTable()
      .get("Post")!
      .split(/\n\n(?=CREATE TRIGGER)/))
      db.exec(statement);
    db.prepare(`UPDATE "Thread" SET title = title WHERE id LIKE 'bench-sok-%'`).run();
  })();
  db.exec("ANALYZE");
  db.close();
}

export async function addSearchCorpusPostgres(databaseUrl: string) {
  log(`adding ${SEARCH.threads * SEARCH.postsPerThread} posts for search (PostgreSQL)`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const category = (await client.query<{ id: string }>(`SELECT "id" FROM "DiscussionCategory" ORDER BY "position" LIMIT 1`)).rows[0]!;
    await client.query(
      `INSERT INTO "Thread" ("id", "categoryId", "title", "slug", "answerCount", "lastActivityAt", "createdAt", "updatedAt")
       SELECT 'bench-sok-' || t, $1, 'Söktråd ' || t, 'soktrad-' || t, $3::int, now(), now(), now() FROM generate_series(1, $2::int) AS t`,
      [category.id, SEARCH.threads, SEARCH.postsPerThread],
    );
    await client.query(`ALTER TABLE "Post" DISABLE TRIGGER "Post_search_insert_delete"`);
    await client.query(
      `INSERT INTO "Post" ("id", "threadId", "kind", "bodyMd", "bodyHtml", "createdAt")
       SELECT 'bench-sok-p' || i, 'bench-sok-' || (i % $2::int + 1), CASE WHEN i < $2::int THEN 'question' ELSE 'answer' END,
              ${bodySql("i")}, '<p>' || ${bodySql("i")} || '</p>', now()
       FROM generate_series(0, $1::int - 1) AS i`,
      [SEARCH.threads * SEARCH.postsPerThread, SEARCH.threads],
    );
    await client.query(`ALTER TABLE "Post" ENABLE TRIGGER "Post_search_insert_delete"`);
    await client.query(`UPDATE "Thread" SET "title" = "title" WHERE "id" LIKE 'bench-sok-%'`);
    await client.query("COMMIT");
    await client.query(`ANALYZE "Post", "Thread", "SearchIndex"`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
