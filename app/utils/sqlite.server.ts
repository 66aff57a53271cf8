import type { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { watchWrites } from "./db-writes.server";
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
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
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
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    const dataVersion = () => client.pragma("data_version", { simple: true }) as number;
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
