import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Which SQL statements change what an anonymous visitor can see, found where every
 * statement passes: the driver adapter (SQLite and PostgreSQL alike). Prisma's own
 * queries, nested writes and raw SQL all go through it, so no writer can be
 * missed. The page cache (page-cache.server.ts, ADR 013) is told after each such
 * write has committed: at once for a statement outside a transaction, at commit
 * for one inside (nothing on rollback).
 */

/** Tables no public page shows: writing them leaves the cached pages as they are. */
const PRIVATE_TABLES = new Set(
  [
    "Session",
    "AuthToken",
    "RecoveryCode",
    "RateLimit",
    "OutboxEmail",
    "AuditLog",
    "JobRun",
    "ThreadFollow",
    "CategorySubscription",
    "ContactMessage",
    "ContactReply",
    "InvitationSend",
    "InvitationSubscriber",
  ].map((t) => t.toLowerCase()),
);

const MAYBE_WRITE = /\b(?:insert|update|delete|replace|truncate|alter|drop|create)\b/i;
const NAME = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\w+)`;
// INSERT [OR …] INTO t, UPDATE [OR …] t (not "DO UPDATE", "FOR UPDATE"), DELETE FROM t, REPLACE INTO t.
const WRITE_TARGET = new RegExp(
  String.raw`\b(?:insert\s+(?:or\s+\w+\s+)?into|(?<!\b(?:do|for|key)\s+)update(?:\s+or\s+\w+)?|delete\s+from|replace\s+into)\s+(?:only\s+)?(${NAME}(?:\.${NAME})?)`,
  "gi",
);
const SCHEMA_CHANGE = /\b(?:truncate|alter|drop|create)\b/i;

/**
 * The tables a statement writes, lower-cased; "*" for a schema change (it may change
 * anything). Empty for reads.
 */
export function writtenTables(sql: string): string[] {
  if (!MAYBE_WRITE.test(sql)) return [];
  const tables = [...sql.matchAll(WRITE_TARGET)].map((m) =>
    m[1]!
      .split(".")
      .pop()!
      .replace(/^["\x60]|["\x60]$/g, "")
      .toLowerCase(),
  );
  if (!tables.length && SCHEMA_CHANGE.test(sql) && !/^\s*(?:select|with|pragma)\b/i.test(sql)) return ["*"];
  return tables;
}

type TableListener = (tables: ReadonlySet<string>) => void;
const tableListeners = new Set<TableListener>();

/**
 * Calls `listener` with the tables (lower-cased, "*" for a schema change) of every
 * committed write of this process: at once outside a transaction, at commit inside
 * one, never on rollback. For in-memory copies of data (reference-cache.server.ts).
 */
export function onCommittedWrite(listener: TableListener): () => void {
  tableListeners.add(listener);
  return () => tableListeners.delete(listener);
}

function tablesCommitted(tables: ReadonlySet<string>) {
  if (tables.size) for (const listener of tableListeners) listener(tables);
}

let dataVersionProbe: (() => number) | null = null;

/** SQLite: how the connection reads `PRAGMA data_version` (changes when another connection commits). */
export function setDataVersionProbe(probe: () => number) {
  dataVersionProbe = probe;
}

/**
 * A number that changes whenever another connection (a CLI script, a test fixture, a
 * second process) has committed to the database; null where that cannot be known
 * (PostgreSQL), so in-memory copies must not be kept there.
 */
export function foreignDataVersion(): number | null {
  return dataVersionProbe ? dataVersionProbe() : null;
}

/** Whether a statement may change a public page: a write to a table not in PRIVATE_TABLES, or a schema change. */
export function changesPublicData(sql: string): boolean {
  if (!MAYBE_WRITE.test(sql)) return false;
  let found = false;
  for (const match of sql.matchAll(WRITE_TARGET)) {
    found = true;
    const table = match[1]!
      .split(".")
      .pop()!
      .replace(/^["\x60]|["\x60]$/g, "")
      .toLowerCase();
    if (!PRIVATE_TABLES.has(table)) return true;
  }
  // No write target found: a SELECT … FOR UPDATE reads; a schema change may change anything.
  return !found && SCHEMA_CHANGE.test(sql) && !/^\s*(?:select|with|pragma)\b/i.test(sql);
}

/**
 * Wraps a connected adapter in place so that `changed()` runs after every
 * committed statement that changesPublicData(). Returns the same adapter.
 */
export function watchWrites<A extends SqlDriverAdapter>(adapter: A, changed: () => void): A {
  watchQueryable(adapter, (sql) => {
    if (changesPublicData(sql)) changed();
    tablesCommitted(new Set(writtenTables(sql)));
  });
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const tx: Transaction = await startTransaction(...args);
    let pending = false;
    const written = new Set<string>();
    watchQueryable(tx, (sql) => {
      if (!pending && changesPublicData(sql)) pending = true;
      for (const table of writtenTables(sql)) written.add(table);
    });
    const commit = tx.commit.bind(tx);
    tx.commit = async () => {
      await commit();
      if (pending) changed();
      tablesCommitted(written);
    };
    return tx;
  };
  return adapter;
}

function watchQueryable(queryable: Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">, seen: (sql: string) => void) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery) => {
    const result = await queryRaw(query);
    seen(query.sql);
    return result;
  };
  queryable.executeRaw = async (query: SqlQuery) => {
    const result = await executeRaw(query);
    seen(query.sql);
    return result;
  };
}
