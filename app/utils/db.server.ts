import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./database-url";
import { applySqlitePragmas, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite.server";

/**
 * The one PrismaClient of the process. Only app/models/*.server.ts import it.
 * In development the client survives Remix's module reloads on globalThis.
 */
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: SQLITE_BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  ready = applySqlitePragmas(client);
  return client;
}

let ready: Promise<void> = Promise.resolve();
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient; __prismaReady?: Promise<void> };

export const prisma: PrismaClient = globalForDb.__prisma ?? createClient();
if (!globalForDb.__prisma) {
  globalForDb.__prisma = prisma;
  globalForDb.__prismaReady = ready;
}

/** Resolves once the connection pragmas are set; the server awaits it before listening. */
export const dbReady: Promise<void> = globalForDb.__prismaReady ?? ready;

export async function disconnectDb() {
  await prisma.$disconnect();
}
