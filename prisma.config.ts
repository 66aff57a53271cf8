// Prisma CLI configuration: the JS (wasm) schema engine with a driver adapter,
// so no Rust engine binary is ever downloaded (see docs/decisions/002-prisma-without-engine-binaries.md).
// DATABASE_URL picks the provider: a postgres:// or postgresql:// URL uses the
// PostgreSQL schema derived from prisma/schema.prisma (written here, so it is never
// stale) and its own migrations folder (docs/decisions/010-postgresql.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, isPostgresUrl } from "./app/utils/database-url";
import { postgresMigrateAdapter } from "./prisma/postgres/migrate-adapter";
import { PG_SCHEMA, writePostgresSchema } from "./scripts/pg-schema";

const url = databaseUrl();
const postgres = isPostgresUrl(url);
if (postgres) writePostgresSchema();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? PG_SCHEMA : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    return postgres ? postgresMigrateAdapter(url) : new PrismaBetterSQLite3({ url });
  },
});
