// One source of truth: prisma/schema.prisma (SQLite). The PostgreSQL schema and
// migrations are generated from it; these checks fail when someone changed the
// schema or added a SQLite migration without regenerating the PostgreSQL side.
// They need no PostgreSQL server.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HAND_WRITTEN_MARK, migrationNames, PG_MIGRATIONS, SNAPSHOT, SQLITE_MIGRATIONS } from "./pg-migrations";
import { PG_SCHEMA, SQLITE_SCHEMA, toPostgresSchema } from "./pg-schema";

const read = (...p: string[]) => fs.readFileSync(path.join(...p), "utf8");

describe("the PostgreSQL schema and migrations follow the SQLite ones", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma (npm run db:schema:pg)", () => {
    expect(read(PG_SCHEMA), "kör npm run db:schema:pg").toBe(toPostgresSchema(read(SQLITE_SCHEMA)));
  });

  it("differs only in provider, url and the client's output", () => {
    const pg = toPostgresSchema(read(SQLITE_SCHEMA));
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output     = "../../node_modules/@kommunforum/prisma-postgres"');
    const models = (s: string) => s.slice(s.indexOf("\nmodel "));
    expect(models(pg)).toBe(models(read(SQLITE_SCHEMA)));
  });

  it("every SQLite migration has a PostgreSQL twin of the same name (npm run db:migration:pg)", () => {
    expect(migrationNames(PG_MIGRATIONS)).toEqual(migrationNames(SQLITE_MIGRATIONS));
  });

  it("each twin was made from the same schema snapshot", () => {
    for (const name of migrationNames(SQLITE_MIGRATIONS)) {
      const twin = path.join(PG_MIGRATIONS, name, SNAPSHOT);
      if (!fs.existsSync(twin)) continue; // reported by the test above
      expect(read(twin), name).toBe(toPostgresSchema(read(SQLITE_MIGRATIONS, name, SNAPSHOT)));
    }
  });

  it("no twin still waits for its hand-written PostgreSQL SQL", () => {
    const pending = migrationNames(PG_MIGRATIONS).filter((n) => read(PG_MIGRATIONS, n, "migration.sql").includes(HAND_WRITTEN_MARK));
    expect(pending).toEqual([]);
  });

  it("the newest snapshot is the current schema (no unmigrated schema change)", () => {
    const newest = migrationNames(SQLITE_MIGRATIONS).at(-1)!;
    expect(read(SQLITE_MIGRATIONS, newest, SNAPSHOT), "kör npm run db:migration -- <namn>").toBe(read(SQLITE_SCHEMA));
  });
});
