import { createRequire } from "node:module";
import type { PrismaClient } from "@prisma/client";
import { watchWrites } from "./db-writes.server";
import { publicDataChanged } from "./page-cache.server";

/**
 * Everything PostgreSQL-specific about the connection lives here (the SQLite
 * twin is sqlite.server.ts; see docs/decisions/010-postgresql.md).
 *
 * Prisma's engine-free client is compiled per provider, so PostgreSQL has its
 * own generated client (`@kommunforum/prisma-postgres`, from the generated
 * prisma/postgres/schema.prisma). Both are generated from the same models, so
 * the PostgreSQL client is handed out under the SQLite client's type: one
 * `prisma` export, one type. It shares @prisma/client's runtime
 * (scripts/pg-client.mjs), so `instanceof Prisma.PrismaClientKnownRequestError`
 * works on both.
 *
 * Loaded lazily: a SQLite install never loads pg or the PostgreSQL client.
 */
export const POSTGRES_POOL_MAX = Number(process.env.DATABASE_POOL_MAX) || 10;

export function createPostgresClient(url: string, options: object = {}): { client: PrismaClient; ready: Promise<void> } {
  const require = createRequire(import.meta.url);
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const { PrismaClient: PostgresClient } = require("@kommunforum/prisma-postgres") as { PrismaClient: new (options: unknown) => unknown };
  // Committed public writes empty the page cache here and, over NOTIFY, on every instance.
  class WatchedPrismaPg extends PrismaPg {
    override async connect() {
      return watchWrites(await super.connect(), publicDataChanged);
    }
  }
  const adapter = new WatchedPrismaPg({
    connectionString: url,
    max: POSTGRES_POOL_MAX,
    // Every connection speaks UTC, like Prisma's own DateTime handling.
    options: "-c TimeZone=UTC",
  });
  // Batch transactions (e.g. the 311 reference-data upserts) are one round trip
  // per statement here, not an in-process call: allow more than Prisma's 5 s.
  const client = new PostgresClient({ ...options, adapter, transactionOptions: { maxWait: 10_000, timeout: 30_000 } }) as PrismaClient;
  // Fail at start, not at the first request, when the server is unreachable.
  const ready = client.$queryRawUnsafe("SELECT 1").then(() => undefined);
  return { client, ready };
}
