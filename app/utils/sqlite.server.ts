import type { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { setDataVersionProbe, watchWrites } from "./db-writes.server";
import { pageCache, publicDataChanged } from "./page-cache.server";

/**
 * Everything SQLite-specific about the connection lives here, so a PostgreSQL
 * backend only has to replace this module (see docs/decisions/003-sqlite-pragmas.md).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export async function applySqlitePragmas(client: PrismaClient) {
  // journal_mode returns a row, so it goes through $queryRaw; the rest are per connection.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$executeRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // FULL: a registration that got a success answer survives power loss, not only a crash.
  await client.$executeRawUnsafe(`PRAGMA synchronous = ${SYNCHRONOUS}`);
}

/**
 * A write whose loss on power failure harms nobody: a rate-limit counter (a lost count
 * allows a few more attempts). Committed on its own, it would cost an fsync per form
 * sent, blocking the event loop (issue 18: about 10 ms each here, half of a
 * registration's time in a burst). Only for a single statement outside a transaction.
 */
const RELAXED_WRITE = /^\s*(?:insert\s+into|update|delete\s+from)\s+(?:[`"]?main[`"]?\.)?[`"]?RateLimit[`"]?\s/i;

const SYNCHRONOUS = "FULL";

/** How many prepared statements one connection keeps (Prisma sends a few hundred distinct ones). */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * The adapter prepares every statement again for every query (issue 18: about 7 % of
 * the server's CPU in a registration burst). This keeps prepared statements per SQL
 * text and hands the adapter a view that binds its arguments per call (a
 * better-sqlite3 statement can be bound only once, and raw() is a lasting mode, so
 * the cached statement itself is never bound or left in raw mode for anyone else).
 * Calls with extra arguments (better-sqlite3's own pragma()) go straight through.
 * BEGIN becomes BEGIN IMMEDIATE (see below).
 */
export function cachedPrepare(client: Database.Database): Database.Database["prepare"] {
  const prepare = client.prepare.bind(client) as (source: string, ...rest: unknown[]) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source);
      if (RELAXED_WRITE.test(source)) relaxed.add(stmt);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(source, stmt);
    }
    return stmt;
  };
  const relaxed = new WeakSet<Database.Statement>();
  // Outside a transaction, a rate-limit counter commits with synchronous = NORMAL (see
  // RELAXED_WRITE): no fsync of its own; the next FULL commit's fsync covers its WAL frames.
  const io = <R>(stmt: Database.Statement, work: () => R): R => {
    if (!relaxed.has(stmt) || client.inTransaction) return work();
    client.pragma("synchronous = NORMAL");
    try {
      return work();
    } finally {
      client.pragma(`synchronous = ${SYNCHRONOUS}`);
    }
  };
  const view = (stmt: Database.Statement, args: unknown[]) => ({
    reader: stmt.reader,
    run: () => io(stmt, () => stmt.run(...args)),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => io(stmt, () => stmt.raw(true).all(...args)) }),
  });
  return ((source: string, ...rest: unknown[]) => {
    if (rest.length) return prepare(source, ...rest);
    const stmt = cached(source);
    return { reader: stmt.reader, run: () => stmt.run(), bind: (...args: unknown[]) => view(stmt, args) };
  }) as unknown as Database.Database["prepare"];
}

/**
 * The better-sqlite3 adapter with transactions that begin IMMEDIATE. The stock
 * adapter sends a plain (deferred) BEGIN: a transaction that reads first and
 * writes later then fails at once with "database is locked" when another
 * process (a CLI job, a second server, a test writing test data) committed in
 * between; busy_timeout does not help there. IMMEDIATE takes the write lock at
 * BEGIN and waits for it with busy_timeout, so such transactions queue instead.
 * (This process's own transactions already take turns: the adapter has one
 * connection behind a mutex.)
 *
 * It also tells the page cache about committed public writes (db-writes.server.ts)
 * and about commits by other processes: `PRAGMA data_version` on this connection
 * changes only when another connection has committed.
 */
export class ImmediateTransactionsSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    client.prepare = cachedPrepare(client);
    const dataVersion = () => client.pragma("data_version", { simple: true }) as number;
    setDataVersionProbe(dataVersion);
    let seen = dataVersion();
    pageCache.watchForeignChanges(() => {
      const now = dataVersion();
      if (now === seen) return false;
      seen = now;
      return true;
    });
    return watchWrites(adapter, publicDataChanged);
  }
}
