// The SQLite side of full-text search, defined once: which rows are documents,
// what text each document holds, and the triggers that keep the FTS5 table in
// step with every write (in the writer's own transaction).
//
// `npx tsx scripts/search-sql.ts` writes the trigger files in prisma/sqlite/
// (scripts/new-migration.ts re-appends them when Prisma redefines a table) and
// prints the full migration SQL. The migration that created the index was made
// from this output; a change here needs a new hand-made migration that drops
// and recreates the triggers.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SEARCH_TABLE = "SearchIndex";

type Kind = "case" | "article" | "event" | "recording" | "thread";

/**
 * For each kind: the source table and the SELECT that produces its document
 * (kind, refId, title, body) for the ids in `ids` (an SQL set expression).
 * A row that is not public produces no document.
 */
const DOCUMENTS: Record<Kind, (ids: string) => string> = {
  case: (ids) => `SELECT 'case', c."id", c."title",
    concat_ws(' ', c."summary", c."bodyMd", c."technologies", c."domain", m."name", o."name",
      (SELECT group_concat(t."name", ' ') FROM "CaseTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."caseId" = c."id"))
  FROM "Case" c
  LEFT JOIN "Municipality" m ON m."code" = c."municipalityCode"
  LEFT JOIN "Organisation" o ON o."id" = c."organisationId"
  WHERE c."id" IN ${ids} AND c."status" = 'published'`,
  article: (ids) => `SELECT 'article', a."id", a."title",
    concat_ws(' ', a."summary", a."bodyMd", a."authorName",
      (SELECT group_concat(t."name", ' ') FROM "ArticleTag" at JOIN "Tag" t ON t."id" = at."tagId" WHERE at."articleId" = a."id"))
  FROM "Article" a
  WHERE a."id" IN ${ids} AND a."status" = 'published'`,
  event: (ids) => `SELECT 'event', e."id", e."title",
    concat_ws(' ', e."summary", e."descriptionMd", e."location",
      (SELECT group_concat(ai."title", ' ') FROM "AgendaItem" ai WHERE ai."eventId" = e."id"),
      (SELECT group_concat(concat_ws(' ', s."name", s."title", s."organisationName"), ' ') FROM "Speaker" s WHERE s."eventId" = e."id"))
  FROM "Event" e
  WHERE e."id" IN ${ids} AND e."status" = 'published'`,
  // Recordings with a future publication date are indexed too; the search query hides them until then.
  recording: (ids) => `SELECT 'recording', r."id", e."title",
    concat_ws(' ', (SELECT group_concat(ch."title", ' ') FROM "Chapter" ch WHERE ch."recordingId" = r."id"), e."summary")
  FROM "Recording" r JOIN "Event" e ON e."id" = r."eventId"
  WHERE r."id" IN ${ids} AND r."publishedAt" IS NOT NULL AND e."status" = 'published'`,
  // One document per thread: its title and every visible post.
  thread: (ids) => `SELECT 'thread', th."id", th."title",
    (SELECT group_concat(p."bodyMd", ' ') FROM "Post" p WHERE p."threadId" = th."id" AND p."hiddenAt" IS NULL)
  FROM "Thread" th
  WHERE th."id" IN ${ids} AND th."hiddenAt" IS NULL AND th."mergedIntoId" IS NULL`,
};

/** Replaces the documents of `kind` for the ids in the set. */
function refresh(kind: Kind, ids: string): string {
  return `  DELETE FROM "${SEARCH_TABLE}" WHERE "kind" = '${kind}' AND "refId" IN ${ids};
  INSERT INTO "${SEARCH_TABLE}" ("kind", "refId", "title", "body")
  ${DOCUMENTS[kind](ids)};`;
}

type Source = {
  table: string;
  /** Columns whose change matters; empty = any update. Keeps hot updates (seat counts, votes) cheap. */
  columns?: string[];
  /** What to refresh, given the row alias (NEW or OLD). */
  affects: (row: "NEW" | "OLD") => Array<[Kind, string]>;
};

const SOURCES: Source[] = [
  { table: "Case", affects: (r) => [["case", `(${r}."id")`]] },
  { table: "CaseTag", affects: (r) => [["case", `(${r}."caseId")`]] },
  { table: "Municipality", columns: ["name"], affects: (r) => [["case", `(SELECT "id" FROM "Case" WHERE "municipalityCode" = ${r}."code")`]] },
  { table: "Organisation", columns: ["name"], affects: (r) => [["case", `(SELECT "id" FROM "Case" WHERE "organisationId" = ${r}."id")`]] },
  {
    table: "Tag",
    columns: ["name"],
    affects: (r) => [
      ["case", `(SELECT "caseId" FROM "CaseTag" WHERE "tagId" = ${r}."id")`],
      ["article", `(SELECT "articleId" FROM "ArticleTag" WHERE "tagId" = ${r}."id")`],
    ],
  },
  { table: "Article", affects: (r) => [["article", `(${r}."id")`]] },
  { table: "ArticleTag", affects: (r) => [["article", `(${r}."articleId")`]] },
  {
    table: "Event",
    columns: ["title", "summary", "descriptionMd", "location", "status"],
    affects: (r) => [
      ["event", `(${r}."id")`],
      ["recording", `(SELECT "id" FROM "Recording" WHERE "eventId" = ${r}."id")`],
    ],
  },
  { table: "AgendaItem", affects: (r) => [["event", `(${r}."eventId")`]] },
  { table: "Speaker", affects: (r) => [["event", `(${r}."eventId")`]] },
  { table: "Recording", columns: ["eventId", "publishedAt"], affects: (r) => [["recording", `(${r}."id")`]] },
  { table: "Chapter", affects: (r) => [["recording", `(${r}."recordingId")`]] },
  { table: "Thread", columns: ["title", "hiddenAt", "mergedIntoId"], affects: (r) => [["thread", `(${r}."id")`]] },
  { table: "Post", columns: ["bodyMd", "hiddenAt", "threadId"], affects: (r) => [["thread", `(${r}."threadId")`]] },
];

/**
 * An update can move a row (a post to another thread), so a direct reference is
 * refreshed for both the old and the new value. Subquery sets are keyed on
 * primary keys, which never change, so NEW alone is enough there.
 */
function updateBody(source: Source): string {
  const before = source.affects("OLD");
  return source
    .affects("NEW")
    .map(([kind, ids], i) => {
      const old = before[i]![1];
      const direct = /^\(OLD\."\w+"\)$/.test(old);
      return refresh(kind, direct ? `(${old.slice(1, -1)}, ${ids.slice(1, -1)})` : ids);
    })
    .join("\n");
}

function triggersFor(source: Source): string {
  const { table } = source;
  const body = (row: "NEW" | "OLD", extra: Array<[Kind, string]> = []) =>
    [...source.affects(row), ...extra].map(([kind, ids]) => refresh(kind, ids)).join("\n");
  const update = source.columns?.length ? `UPDATE OF ${source.columns.map((c) => `"${c}"`).join(", ")}` : "UPDATE";
  return [
    `CREATE TRIGGER "${table}_search_insert" AFTER INSERT ON "${table}"\nBEGIN\n${body("NEW")}\nEND;`,
    `CREATE TRIGGER "${table}_search_update" AFTER ${update} ON "${table}"\nBEGIN\n${updateBody(source)}\nEND;`,
    `CREATE TRIGGER "${table}_search_delete" AFTER DELETE ON "${table}"\nBEGIN\n${body("OLD")}\nEND;`,
  ].join("\n\n");
}

export const CREATE_TABLE = `CREATE VIRTUAL TABLE "${SEARCH_TABLE}" USING fts5(
  "kind" UNINDEXED,
  "refId" UNINDEXED,
  "title",
  "body",
  tokenize = 'unicode61 remove_diacritics 0'
);`;

const BEGIN_MARK = "-- BEGIN search index triggers (generated by scripts/search-sql.ts; do not edit by hand)";
const END_MARK = "-- END search index triggers";

export function triggerSqlByTable(): Map<string, string> {
  return new Map(SOURCES.map((s) => [s.table, triggersFor(s)]));
}

/** Puts the generated block into prisma/sqlite/<Table>.sql, keeping whatever else the file holds. */
function writeTriggerFiles(dir: string) {
  for (const [table, sql] of triggerSqlByTable()) {
    const file = path.join(dir, `${table}.sql`);
    const block = `${BEGIN_MARK}\n-- Keeps "${SEARCH_TABLE}" in step with "${table}".\n${sql}\n${END_MARK}\n`;
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const start = current.indexOf(BEGIN_MARK);
    const end = current.indexOf(END_MARK);
    const next =
      start >= 0 && end > start
        ? current.slice(0, start) + block + current.slice(end + END_MARK.length + 1)
        : current + (current && !current.endsWith("\n\n") ? (current.endsWith("\n") ? "\n" : "\n\n") : "") + block;
    fs.writeFileSync(file, next);
  }
}

export function migrationSql(): string {
  const triggers = [...triggerSqlByTable().values()].join("\n\n");
  return `-- Full-text search (SQLite FTS5). Generated by scripts/search-sql.ts.
-- unicode61 without diacritic removal: å, ä and ö stay letters of their own.
${CREATE_TABLE}

${triggers}
`;
}

// ---------------------------------------------------------------------------
// PostgreSQL: the same documents and sources, as plpgsql trigger functions that
// keep a plain table with a generated `tsvector` column (Swedish text-search
// configuration: stemming, å/ä/ö kept) and a GIN index. The title weighs A, the
// body B. Printed by `npx tsx scripts/search-sql.ts --postgres`.
// ---------------------------------------------------------------------------

/** SQLite's group_concat(x, sep) is string_agg(x, sep) on PostgreSQL; everything else in DOCUMENTS is portable. */
const toPostgres = (sql: string) => sql.replaceAll("group_concat(", "string_agg(");

function postgresTriggersFor(source: Source): string {
  const { table } = source;
  const indent = (sql: string) => sql.replace(/^/gm, "  ");
  const body = (row: "NEW" | "OLD") =>
    source
      .affects(row)
      .map(([kind, ids]) => refresh(kind, ids))
      .join("\n");
  const update = source.columns?.length ? `UPDATE OF ${source.columns.map((c) => `"${c}"`).join(", ")}` : "UPDATE";
  const fn = `"${table}_search"`;
  return toPostgres(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
${indent(body("NEW"))}
  ELSIF TG_OP = 'UPDATE' THEN
${indent(updateBody(source))}
  ELSE
${indent(body("OLD"))}
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "${table}_search_insert_delete" AFTER INSERT OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${fn}();
CREATE TRIGGER "${table}_search_update" AFTER ${update} ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${fn}();`);
}

export const POSTGRES_CREATE_TABLE = `CREATE TABLE "${SEARCH_TABLE}" (
  "kind" TEXT NOT NULL,
  "refId" TEXT NOT NULL,
  "title" TEXT,
  "body" TEXT,
  "document" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('swedish', coalesce("title", '')), 'A') ||
    setweight(to_tsvector('swedish', coalesce("body", '')), 'B')
  ) STORED
);
CREATE INDEX "${SEARCH_TABLE}_document_idx" ON "${SEARCH_TABLE}" USING GIN ("document");
CREATE INDEX "${SEARCH_TABLE}_kind_refId_idx" ON "${SEARCH_TABLE}" ("kind", "refId");`;

export function postgresMigrationSql(): string {
  return `-- Full-text search (PostgreSQL tsvector, Swedish configuration). Generated by
-- \`npx tsx scripts/search-sql.ts --postgres\`; the twin of the SQLite FTS5 migration.
${POSTGRES_CREATE_TABLE}

${SOURCES.map(postgresTriggersFor).join("\n\n")}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes("--postgres")) {
    process.stdout.write(postgresMigrationSql());
  } else {
    writeTriggerFiles(path.join("prisma", "sqlite"));
    process.stdout.write(migrationSql());
  }
}
