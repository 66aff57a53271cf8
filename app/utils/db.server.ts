import { PrismaClient, type Prisma } from "@prisma/client";
import { databaseUrl, isPostgresUrl } from "./database-url";
import { pageCache } from "./page-cache.server";
import { closePollBus } from "./poll-bus.server";
import { createPostgresClient } from "./postgres.server";
import { applySqlitePragmas, ImmediateTransactionsSQLite, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite.server";

// Tests count the SQL statements a loader runs (see countQueries); production does not pay for it.
const countQueriesOn = process.env.NODE_ENV === "test";
const clientOptions: Prisma.PrismaClientOptions = countQueriesOn ? { log: [{ level: "query" as const, emit: "event" as const }] } : {};

/**
 * The one PrismaClient of the process. Only app/models/*.server.ts import it.
 * In development the client survives Remix's module reloads on globalThis.
 *
 * DATABASE_URL picks the database: a `file:` URL is SQLite (the zero-setup
 * default), a `postgres://` or `postgresql://` URL is PostgreSQL
 * (postgres.server.ts). SQL that differs between them goes through
 * `dbProvider` (dialect.server.ts), one module per concern.
 */
function createClient() {
  const url = databaseUrl();
  let client: PrismaClient;
  if (isPostgresUrl(url)) {
    const pg = createPostgresClient(url, clientOptions);
    ready = pg.ready;
    client = pg.client;
  } else {
    const adapter = new ImmediateTransactionsSQLite({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
    client = new PrismaClient({ adapter, ...clientOptions }) as unknown as PrismaClient;
    ready = applySqlitePragmas(client);
  }
  if (countQueriesOn) {
    (client as unknown as PrismaClient<Prisma.PrismaClientOptions, "query">).$on("query", () => {
      queryCounter.count++;
    });
  }
  return client;
}

const queryCounter = ((globalThis as { __prismaQueries?: { count: number } }).__prismaQueries ??= { count: 0 });

/**
 * Test helper: runs fn and returns how many SQL statements the client executed
 * meanwhile (NODE_ENV=test only). Run it with nothing else in flight.
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  if (process.env.NODE_ENV !== "test") throw new Error("countQueries works only under NODE_ENV=test");
  const before = queryCounter.count;
  const result = await fn();
  return { result, queries: queryCounter.count - before };
}

let ready: Promise<void> = Promise.resolve();
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient; __prismaReady?: Promise<void> };

export const prisma: PrismaClient = globalForDb.__prisma ?? createClient();
if (!globalForDb.__prisma) {
  globalForDb.__prisma = prisma;
  globalForDb.__prismaReady = ready;
}

/** Resolves once the connection is set up (SQLite pragmas, a PostgreSQL round trip); the server awaits it before listening. */
export const dbReady: Promise<void> = globalForDb.__prismaReady ?? ready;

export async function disconnectDb() {
  await Promise.all([prisma.$disconnect(), closePollBus(), pageCache.close()]);
}
