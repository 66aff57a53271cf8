// What is stored under prisma/ is in sync (no server needed):
// - the newest migration keeps the schema it was made from, and it is the current
//   schema (an edit of schema.prisma without a migration would otherwise slip into
//   the next one); no older folder keeps a snapshot (git history has them);
// - every SQLite migration has a PostgreSQL twin of the same name, and the
//   PostgreSQL schema is derived, never stored.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HAND_WRITTEN_MARK, migrationNames, PG_MIGRATIONS, SNAPSHOT, SQLITE_MIGRATIONS } from "./pg-migrations";
import { PG_SCHEMA, SQLITE_SCHEMA, toPostgresSchema } from "./pg-schema";

const read = (...p: string[]) => fs.readFileSync(path.join(...p), "utf8");
const sqliteNames = migrationNames(SQLITE_MIGRATIONS);

describe("stored migrations", () => {
  it("the newest migration's snapshot is prisma/schema.prisma (else: npm run db:migration -- <namn>)", () => {
    const newest = sqliteNames.at(-1)!;
    expect(read(SQLITE_MIGRATIONS, newest, SNAPSHOT), `kör npm run db:migration -- <namn> (senaste: ${newest})`).toBe(read(SQLITE_SCHEMA));
  });

  it("only the newest migration keeps a snapshot, and PostgreSQL twins keep none", () => {
    const withSnapshot = (dir: string) => migrationNames(dir).filter((n) => fs.existsSync(path.join(dir, n, SNAPSHOT)));
    expect(withSnapshot(SQLITE_MIGRATIONS)).toEqual([sqliteNames.at(-1)]);
    expect(withSnapshot(PG_MIGRATIONS)).toEqual([]);
  });

  it("every SQLite migration has a PostgreSQL twin of the same name, and no twin waits for hand-written SQL", () => {
    expect(migrationNames(PG_MIGRATIONS)).toEqual(sqliteNames);
    const pending = migrationNames(PG_MIGRATIONS).filter((n) => read(PG_MIGRATIONS, n, "migration.sql").includes(HAND_WRITTEN_MARK));
    expect(pending).toEqual([]);
  });

  it("the PostgreSQL schema differs only in provider, url and the client's output, and git does not store it", () => {
    const pg = toPostgresSchema(read(SQLITE_SCHEMA));
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output     = "../../node_modules/@kommunforum/prisma-postgres"');
    const models = (s: string) => s.slice(s.indexOf("\nmodel "));
    expect(models(pg)).toBe(models(read(SQLITE_SCHEMA)));
    const tracked = execFileSync("git", ["ls-files", "--", PG_SCHEMA], { encoding: "utf8" }).trim();
    expect(tracked).toBe("");
  });
});
