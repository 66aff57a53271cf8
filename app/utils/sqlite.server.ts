import type { PrismaClient } from "@prisma/client";

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
