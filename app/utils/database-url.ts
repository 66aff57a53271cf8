import fs from "node:fs";
import path from "node:path";

/** The one default for DATABASE_URL, shared by the app, the Prisma CLI config and scripts. */
export const DEFAULT_DATABASE_URL = "file:./data/kommunforum.db";

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  ensureSqliteDirectory(url);
  return url;
}

/** True for a PostgreSQL URL: the app then uses @prisma/adapter-pg and the generated PostgreSQL client. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** better-sqlite3 creates the file but not its folder. */
function ensureSqliteDirectory(url: string) {
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length).split("?")[0] ?? "";
  if (!file || file === ":memory:") return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
