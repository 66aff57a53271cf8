// The PostgreSQL database of the benchmark: a throwaway server started with
// scripts/pg-server.sh (or an existing one named by BENCH_PG_URL), a fresh
// database kf_bench on it, migrated and seeded, with the big thread added.
import fs from "node:fs";
import pg from "pg";
import { DATA_DIR, PG_DATABASE, SEED, execOutput, execQuiet, log } from "./config";
import { BIG_THREAD, bigThreadHtml } from "./pages";
import { freePort, onCleanup } from "./processes";

export type PostgresSetup = { url: string; server: string } | { skipped: string };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A migrated, seeded PostgreSQL database, or the reason there is none.
 * Everything it starts or creates is undone by cleanUp() (scripts/bench/processes.ts).
 */
export async function preparePostgres(): Promise<PostgresSetup> {
  const given = process.env.BENCH_PG_URL?.trim();
  let serverUrl: string;
  let server: string;
  if (given) {
    serverUrl = given;
    server = `existing server from BENCH_PG_URL (${new URL(given).host})`;
  } else {
    if (!postgresBinaries()) {
      return {
        skipped:
          `PostgreSQL column skipped: no PostgreSQL server binaries (${process.env.PG_BIN ?? "/usr/lib/postgresql/*/bin"}/initdb) and no BENCH_PG_URL. ` +
          "Install them (apt-get install postgresql) or set BENCH_PG_URL=postgresql://user@host:port/postgres.",
      };
    }
    const port = await freePort();
    log(`starting a throwaway PostgreSQL on port ${port}`);
    const dir = (await execOutput("bash", ["scripts/pg-server.sh", "start", String(port)])).trim();
    onCleanup(async () => {
      log(`stopping the PostgreSQL server in ${dir}`);
      await execOutput("bash", ["scripts/pg-server.sh", "stop", dir]);
    });
    serverUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    server = `throwaway server (scripts/pg-server.sh, port ${port})`;
  }

  await adminQuery(serverUrl, [`DROP DATABASE IF EXISTS ${ident(PG_DATABASE)} WITH (FORCE)`, `CREATE DATABASE ${ident(PG_DATABASE)}`]);
  // On a throwaway server the database goes with the server; on an existing one, drop it.
  if (given) onCleanup(() => adminQuery(serverUrl, [`DROP DATABASE IF EXISTS ${ident(PG_DATABASE)} WITH (FORCE)`]));
  const url = new URL(serverUrl);
  url.pathname = `/${PG_DATABASE}`;

  const env = { ...process.env, DATABASE_URL: url.toString(), DATA_DIR };
  log(`migrating PostgreSQL database ${PG_DATABASE}`);
  execQuiet("npx", ["prisma", "migrate", "deploy"], env);
  log(`seeding PostgreSQL database ${PG_DATABASE}`);
  execQuiet("npx", ["tsx", SEED], env);
  await addBigThread(url.toString());
  return { url: url.toString(), server };
}

function postgresBinaries(): boolean {
  if (process.env.PG_BIN) return fs.existsSync(`${process.env.PG_BIN}/initdb`);
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return false;
  return fs.readdirSync(root).some((version) => fs.existsSync(`${root}/${version}/bin/initdb`));
}

async function adminQuery(serverUrl: string, statements: string[]) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The same big thread as on SQLite, in one transaction. The Post search trigger
 * (prisma/postgres/migrations/*_search_index) rebuilds the whole thread's
 * document for every inserted row, so it is disabled during the bulk insert;
 * touching the thread's title afterwards fires the Thread trigger, which builds
 * the document once from all posts.
 */
async function addBigThread(databaseUrl: string) {
  log(`adding a thread with ${BIG_THREAD.answers} answers (PostgreSQL)`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { id } = BIG_THREAD;
  try {
    await client.query("BEGIN");
    const author = (await client.query<{ id: string }>(`SELECT "id" FROM "User" ORDER BY "createdAt" LIMIT 1`)).rows[0];
    const category = (await client.query<{ id: string }>(`SELECT "id" FROM "DiscussionCategory" ORDER BY "position" LIMIT 1`)).rows[0];
    if (!category) throw new Error("The seed made no discussion category.");
    const authorId = author?.id ?? null;
    await client.query(
      `INSERT INTO "Thread" ("id", "categoryId", "authorId", "title", "slug", "answerCount", "lastActivityAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, now(), now(), now())`,
      [id, category.id, authorId, BIG_THREAD.title, BIG_THREAD.slug, BIG_THREAD.answers],
    );
    await client.query(`ALTER TABLE "Post" DISABLE TRIGGER "Post_search_insert_delete"`);
    const html = bigThreadHtml();
    await client.query(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "bodyHtml", "createdAt") VALUES ($1 || '-q', $1, $2, 'question', $3, $4, now())`,
      [id, authorId, BIG_THREAD.question, html.question],
    );
    await client.query(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "bodyHtml", "voteCount", "createdAt")
       SELECT $1::text || '-a' || i, $1, $2, 'answer', $3::text || i || $4::text, $6::text || i || $7::text, i % 17, now()
       FROM generate_series(1, $5::int) AS i`,
      [id, authorId, BIG_THREAD.answerPrefix, BIG_THREAD.answerSuffix, BIG_THREAD.answers, html.answerPrefix, html.answerSuffix],
    );
    await client.query(
      `INSERT INTO "Post" ("id", "threadId", "authorId", "parentId", "kind", "bodyMd", "bodyHtml", "createdAt")
       SELECT $1::text || '-a' || i || '-c', $1, $2, $1::text || '-a' || i, 'comment', $3, $5, now()
       FROM generate_series(10, $4::int, 10) AS i`,
      [id, authorId, BIG_THREAD.comment, BIG_THREAD.answers, html.comment],
    );
    await client.query(`ALTER TABLE "Post" ENABLE TRIGGER "Post_search_insert_delete"`);
    // "title" in the SET list fires "Thread_search_update" (AFTER UPDATE OF "title", …) once.
    await client.query(`UPDATE "Thread" SET "acceptedPostId" = $1, "title" = "title" WHERE "id" = $2`, [`${id}-a${BIG_THREAD.acceptedAnswer}`, id]);
    await client.query("COMMIT");
    // Planner statistics, as autovacuum would gather them on a live server.
    await client.query(`ANALYZE "Post", "Thread", "SearchIndex"`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
