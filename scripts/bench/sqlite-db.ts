// The SQLite database of the benchmark: a fresh, migrated and seeded .tmp/bench.db
// with the big thread added.
import fs from "node:fs";
import Database from "better-sqlite3";
import { triggerSqlByTable } from "../search-sql";
import { DATA_DIR, DB_FILE, SEED, execQuiet, log } from "./config";
import { BIG_THREAD, bigThreadHtml } from "./pages";

export const SQLITE_URL = `file:${DB_FILE}`;

/** Migrates a new database and seeds it when prisma/seed.ts exists. Returns whether it was seeded. */
export function freshSqliteDatabase(): boolean {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(DB_FILE + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: SQLITE_URL, DATA_DIR };
  log("migrating .tmp/bench.db");
  execQuiet("npx", ["prisma", "migrate", "deploy"], env);
  if (!fs.existsSync(SEED)) return false;
  log("seeding .tmp/bench.db");
  execQuiet("npx", ["tsx", SEED], env);
  addBigThread();
  return true;
}

/**
 * The big thread, written straight to the database. The search triggers on Post
 * rebuild the whole thread's document per row, so they are set aside during the
 * bulk insert and the thread's search document is built once afterwards.
 */
function addBigThread() {
  log(`adding a thread with ${BIG_THREAD.answers} answers (SQLite)`);
  const db = new Database(DB_FILE);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const { id } = BIG_THREAD;
  const html = bigThreadHtml();
  db.transaction(() => {
    const author = db.prepare(`SELECT id FROM "User" ORDER BY createdAt LIMIT 1`).get() as { id: string } | undefined;
    const category = db.prepare(`SELECT id FROM "DiscussionCategory" ORDER BY position LIMIT 1`).get() as { id: string };
    db.prepare(
      `INSERT INTO "Thread" (id, categoryId, authorId, title, slug, answerCount, lastActivityAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, category.id, author?.id ?? null, BIG_THREAD.title, BIG_THREAD.slug, BIG_THREAD.answers, now, now, now);
    for (const name of ["Post_search_insert", "Post_search_update", "Post_search_delete"]) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare(`INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, bodyHtml, createdAt) VALUES (?, ?, ?, 'question', ?, ?, ?)`).run(
      `${id}-q`,
      id,
      author?.id ?? null,
      BIG_THREAD.question,
      html.question,
      now,
    );
    db.prepare(
      `INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, bodyHtml, voteCount, createdAt)
       WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
       SELECT ? || '-a' || i, ?, ?, 'answer', ? || i || ?, ? || i || ?, i % 17, ? FROM seq`,
    ).run(BIG_THREAD.answers, id, id, author?.id ?? null, BIG_THREAD.answerPrefix, BIG_THREAD.answerSuffix, html.answerPrefix, html.answerSuffix, now);
    db.prepare(
      `INSERT INTO "Post" (id, threadId, authorId, parentId, kind, bodyMd, bodyHtml, createdAt)
       SELECT id || '-c', threadId, authorId, id, 'comment', ?, ?, ? FROM "Post" WHERE threadId = ? AND kind = 'answer' AND CAST(substr(id, length(?) + 3) AS INTEGER) % 10 = 0`,
    ).run(BIG_THREAD.comment, html.comment, now, id, id);
    for (const statement of triggerSqlByTable()
      .get("Post")!
      .split(/\n\n(?=CREATE TRIGGER)/))
      db.exec(statement);
    db.prepare(`UPDATE "Thread" SET acceptedPostId = ? WHERE id = ?`).run(`${id}-a${BIG_THREAD.acceptedAnswer}`, id);
    // The Thread trigger rebuilds the thread's search document once, posts included.
    db.prepare(`UPDATE "Thread" SET title = title WHERE id = ?`).run(id);
  })();
  db.close();
}
