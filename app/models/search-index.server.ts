import { prisma } from "~/utils/db.server";
import { byProvider } from "~/utils/dialect.server";
import { transaction } from "./transaction.server";

/**
 * Full-text search over cases, articles, events, recordings and discussion
 * threads. This is the only module that knows how the index is stored: SQLite
 * FTS5 (`sqliteFts5`) or a PostgreSQL tsvector with the Swedish configuration
 * (`postgresTsvector`). On both the documents are written by triggers
 * (scripts/search-sql.ts, in the writer's own transaction); this module reads them.
 */

export const SEARCH_KINDS = ["case", "article", "event", "recording", "thread"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Text with the matched words marked, ready to render as React elements (never as HTML). */
export type Highlighted = Array<{ text: string; match: boolean }>;

export type SearchHit = { kind: SearchKind; refId: string; title: Highlighted; snippet: Highlighted };

export type SearchParams = {
  query: string;
  kinds?: readonly SearchKind[];
  limit: number;
  offset: number;
  now?: Date;
};

export type SearchResult = { total: number; hits: SearchHit[] };

export type SimilarParams = { text: string; kind: SearchKind; limit: number };

export interface SearchBackend {
  search(params: SearchParams): Promise<SearchResult>;
  /** Ids of documents that share any word of four letters or more with the text, best first. */
  similar(params: SimilarParams): Promise<string[]>;
  /** Re-creates every document from the source tables; returns the number of documents. */
  rebuild(): Promise<number>;
}

const MAX_TERMS = 12;
const MIN_PREFIX_LENGTH = 3;
// Private-use characters: they never occur in Swedish text, so they can mark matches.
const MARK_START = "\uE000";
const MARK_END = "\uE001";

/** The words of a query: runs of letters and digits, as the unicode61 tokenizer sees them. */
export function queryTerms(input: string): string[] {
  const words = input.normalize("NFC").match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of words) {
    const lower = word.toLocaleLowerCase("sv");
    if (seen.has(lower)) continue;
    seen.add(lower);
    terms.push(lower);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/**
 * Turns what a visitor typed into an FTS5 query that cannot be a syntax error:
 * every word becomes a quoted string (so AND, NEAR, *, -, : and parentheses are
 * plain text), words of three letters or more also match as prefixes
 * ("prediktiv" finds "prediktiva"), and all words must occur. Null when the
 * input has no words.
 */
const similarTerms = (text: string) => queryTerms(text).filter((t) => [...t].length >= 4);

export function toMatchQuery(input: string): string | null {
  const terms = queryTerms(input);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"${[...t].length >= MIN_PREFIX_LENGTH ? "*" : ""}`).join(" ");
}

/** Splits FTS5 snippet()/highlight() output at the marker characters. */
export function parseHighlighted(marked: string): Highlighted {
  const parts: Highlighted = [];
  let match = false;
  let text = "";
  const push = () => {
    if (text) parts.push({ text, match });
    text = "";
  };
  for (const ch of marked) {
    if (ch === MARK_START) {
      push();
      match = true;
    } else if (ch === MARK_END) {
      push();
      match = false;
    } else {
      text += ch;
    }
  }
  push();
  return parts;
}

// Prisma stores DateTime in SQLite as ISO text with an explicit offset.
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

type Row = { kind: string; refId: string; title: string; snippet: string };

const isKind = (k: string): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k);

/** Rows that may be shown: a recording only from its publication time. */
function visibilityFilter(kinds: readonly SearchKind[] | undefined, now: Date): { sql: string; params: unknown[] } {
  const selected = kinds?.length ? kinds.filter(isKind) : SEARCH_KINDS;
  const placeholders = selected.map(() => "?").join(", ");
  return {
    sql: `"kind" IN (${placeholders})
      AND ("kind" <> 'recording' OR "refId" IN (SELECT "id" FROM "Recording" WHERE "publishedAt" <= ?))`,
    params: [...selected, sqliteTime(now)],
  };
}

/** A no-op update of one column per document table fires its search trigger. */
const REBUILD_TOUCH: Array<[table: string, column: string]> = [
  ["Case", "title"],
  ["Article", "title"],
  ["Event", "title"],
  ["Recording", "publishedAt"],
  ["Thread", "title"],
];

/**
 * Re-creates every document: a no-op update fires each table's search trigger, so
 * the rebuild uses the very same document definitions as the live index. `finish`
 * runs last in the same transaction. Returns the number of documents.
 */
async function rebuildDocuments(finish?: string): Promise<number> {
  await transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM "SearchIndex"`);
    for (const [table, column] of REBUILD_TOUCH) {
      await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = "${column}"`);
    }
    if (finish) await tx.$executeRawUnsafe(finish);
  });
  const rows = await prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS n FROM "SearchIndex"`);
  return Number(rows[0]?.n ?? 0);
}

/** A search's rows as its result: the total, and each hit with its marked words split out. */
function searchResult(countRows: Array<{ n: number | bigint }>, rows: Row[]): SearchResult {
  return {
    total: Number(countRows[0]?.n ?? 0),
    hits: rows
      .filter((r) => isKind(r.kind))
      .map((r) => ({
        kind: r.kind as SearchKind,
        refId: r.refId,
        title: parseHighlighted(r.title),
        snippet: parseHighlighted(r.snippet ?? ""),
      })),
  };
}

export const sqliteFts5: SearchBackend = {
  async similar({ text, kind, limit }) {
    const terms = similarTerms(text);
    if (!terms.length) return [];
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(" OR ");
    const rows = await prisma.$queryRawUnsafe<Array<{ refId: string }>>(
      `SELECT "refId" FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND "kind" = ?
       ORDER BY bm25("SearchIndex", 0, 0, 10.0, 1.0), "refId" LIMIT ?`,
      match,
      kind,
      limit,
    );
    return rows.map((r) => r.refId);
  },

  async search({ query, kinds, limit, offset, now = new Date() }) {
    const match = toMatchQuery(query);
    if (!match) return { total: 0, hits: [] };
    const filter = visibilityFilter(kinds, now);
    const [countRows, rows] = await Promise.all([
      prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(
        `SELECT count(*) AS n FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND ${filter.sql}`,
        match,
        ...filter.params,
      ),
      prisma.$queryRawUnsafe<Row[]>(
        // Title matches weigh ten times as much as body matches.
        `SELECT "kind", "refId",
           highlight("SearchIndex", 2, ?, ?) AS "title",
           snippet("SearchIndex", 3, ?, ?, '…', 24) AS "snippet"
         FROM "SearchIndex"
         WHERE "SearchIndex" MATCH ? AND ${filter.sql}
         ORDER BY bm25("SearchIndex", 0, 0, 10.0, 1.0), "refId"
         LIMIT ? OFFSET ?`,
        MARK_START,
        MARK_END,
        MARK_START,
        MARK_END,
        match,
        ...filter.params,
        limit,
        offset,
      ),
    ]);
    return searchResult(countRows, rows);
  },

  rebuild() {
    // FTS5 merges its index segments afterwards.
    return rebuildDocuments(`INSERT INTO "SearchIndex"("SearchIndex") VALUES ('optimize')`);
  },
};

/**
 * The same query rules for PostgreSQL: every word is a lexeme of its own (never
 * tsquery syntax; queryTerms keeps letters and digits only), words of three
 * letters or more also match as prefixes, all words must occur. The Swedish
 * configuration stems ("prediktiva" and "prediktiv" meet) and keeps å, ä and ö.
 * Null when the input has no words.
 */
export function toTsQuery(input: string): string | null {
  const terms = queryTerms(input);
  if (terms.length === 0) return null;
  return terms.map((t) => `'${t.replace(/'/g, "''")}'${[...t].length >= MIN_PREFIX_LENGTH ? ":*" : ""}`).join(" & ");
}

const HEADLINE_TITLE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const HEADLINE_SNIPPET = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

export const postgresTsvector: SearchBackend = {
  async similar({ text, kind, limit }) {
    const terms = similarTerms(text);
    if (!terms.length) return [];
    const tsquery = terms.map((t) => `'${t.replace(/'/g, "''")}':*`).join(" | ");
    const rows = await prisma.$queryRawUnsafe<Array<{ refId: string }>>(
      `SELECT "refId" FROM "SearchIndex" WHERE "document" @@ to_tsquery('swedish', $1) AND "kind" = $2
       ORDER BY ts_rank('{0.1, 0.1, 0.1, 1.0}', "document", to_tsquery('swedish', $1)) DESC, "refId" LIMIT $3`,
      tsquery,
      kind,
      limit,
    );
    return rows.map((r) => r.refId);
  },

  async search({ query, kinds, limit, offset, now = new Date() }) {
    const tsquery = toTsQuery(query);
    if (!tsquery) return { total: 0, hits: [] };
    const selected = kinds?.length ? kinds.filter(isKind) : SEARCH_KINDS;
    // $1 query, $2 now, $3… kinds.
    const kindList = selected.map((_, i) => `$${i + 3}`).join(", ");
    const where = `"document" @@ to_tsquery('swedish', $1)
      AND "kind" IN (${kindList})
      AND ("kind" <> 'recording' OR "refId" IN (SELECT "id" FROM "Recording" WHERE "publishedAt" <= $2))`;
    const n = selected.length + 3;
    const [countRows, rows] = await Promise.all([
      prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS n FROM "SearchIndex" WHERE ${where}`, tsquery, now, ...selected),
      prisma.$queryRawUnsafe<Row[]>(
        // Weights {D, C, B, A}: a title (A) match weighs ten times a body (B) match.
        `SELECT "kind", "refId",
           ts_headline('swedish', coalesce("title", ''), to_tsquery('swedish', $1), $${n}) AS "title",
           ts_headline('swedish', coalesce("body", ''), to_tsquery('swedish', $1), $${n + 1}) AS "snippet"
         FROM "SearchIndex"
         WHERE ${where}
         ORDER BY ts_rank('{0.1, 0.1, 0.1, 1.0}', "document", to_tsquery('swedish', $1)) DESC, "refId"
         LIMIT $${n + 2} OFFSET $${n + 3}`,
        tsquery,
        now,
        ...selected,
        HEADLINE_TITLE,
        HEADLINE_SNIPPET,
        limit,
        offset,
      ),
    ]);
    return searchResult(countRows, rows);
  },

  rebuild() {
    return rebuildDocuments();
  },
};

/** The backend in use. */
export const searchBackend: SearchBackend = byProvider({ sqlite: sqliteFts5, postgres: postgresTsvector });

/**
 * Documents that share words with a text (any word, best first): the "similar
 * threads" box on the ask form. Short and common words are left out.
 */
export async function findSimilar(params: SimilarParams): Promise<string[]> {
  return searchBackend.similar(params);
}
