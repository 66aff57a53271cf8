import { databaseUrl, isPostgresUrl } from "./database-url";

/**
 * Which SQL dialect the one PrismaClient speaks. Prisma's own queries work on
 * both; raw SQL that differs goes in ONE module per concern, with a SQLite and
 * a PostgreSQL implementation behind one interface, picked with `byProvider`:
 *
 *   const sqlite: Claimer = { … };
 *   const postgres: Claimer = { … };
 *   export const claimer = byProvider({ sqlite, postgres });
 *
 * Examples: app/models/search-index.server.ts (FTS5 / tsvector),
 * app/models/outbox.server.ts (claiming), app/models/locks.server.ts
 * (locking an event row). Test both with `npm test` and `npm run test:pg`.
 */
export type DbProvider = "sqlite" | "postgres";

export const dbProvider: DbProvider = isPostgresUrl(databaseUrl()) ? "postgres" : "sqlite";

export function byProvider<T>(implementations: Record<DbProvider, T>): T {
  return implementations[dbProvider];
}

/**
 * A Prisma `contains` filter that ignores case on both databases, as people expect
 * of a search box: SQLite's LIKE already does (for a–z), PostgreSQL needs
 * `mode: "insensitive"`, which the SQLite client's types do not know.
 */
export function containsText(q: string): { contains: string } {
  return byProvider<{ contains: string }>({ sqlite: { contains: q }, postgres: { contains: q, mode: "insensitive" } as { contains: string } });
}
