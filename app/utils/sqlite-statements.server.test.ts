// The SQLite adapter keeps prepared statements and commits rate-limit counters
// without an fsync of their own (issue 18). Run on a throwaway database file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedPrepare } from "./sqlite.server";

let dir: string;
let db: Database.Database;
let prepared: string[];
let pragmas: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kf-stmt-"));
  db = new Database(path.join(dir, "t.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(`CREATE TABLE "RateLimit" ("key" TEXT PRIMARY KEY, "count" INTEGER); CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "n" INTEGER)`);
  // Record what reaches better-sqlite3 (its own methods, wrapped, not replaced).
  prepared = [];
  pragmas = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string, ...rest: unknown[]) => {
    prepared.push(source);
    return (prepare as (...a: unknown[]) => Database.Statement)(source, ...rest);
  }) as typeof db.prepare;
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, options?: Database.PragmaOptions) => {
    pragmas.push(source);
    return pragma(source, options);
  }) as typeof db.pragma;
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The adapter's two ways to run a statement (see @prisma/adapter-better-sqlite3). */
function run(prepare: Database.Database["prepare"], sql: string, args: unknown[]) {
  const stmt = prepare(sql).bind(args);
  if (!stmt.reader) return stmt.run();
  return { columns: stmt.columns().map((c) => c.name), values: stmt.raw().all() };
}

describe("cachedPrepare", () => {
  it("prepares each SQL text once and binds fresh arguments on every call", () => {
    const prepare = cachedPrepare(db);
    const insert = `INSERT INTO "Post" ("id", "n") VALUES (?, ?)`;
    run(prepare, insert, ["a", 1]);
    run(prepare, insert, ["b", 2]);
    const select = `SELECT "id", "n" FROM "Post" WHERE "n" >= ? ORDER BY "n"`;
    expect(run(prepare, select, [1])).toEqual({
      columns: ["id", "n"],
      values: [
        ["a", 1],
        ["b", 2],
      ],
    });
    expect(run(prepare, select, [2])).toEqual({ columns: ["id", "n"], values: [["b", 2]] });
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    expect(prepared.filter((s) => s === select)).toHaveLength(1);
    // A bare BEGIN is still IMMEDIATE.
    prepare("BEGIN").run();
    expect(db.inTransaction).toBe(true);
    prepare("COMMIT").run();
    expect(prepared).toContain("BEGIN IMMEDIATE");
  });

  it("commits a rate-limit counter outside a transaction with synchronous NORMAL, everything else FULL", () => {
    const prepare = cachedPrepare(db);
    run(prepare, `\n  INSERT INTO "RateLimit" ("key", "count") VALUES (?, 1) ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimit"."count" + 1`, ["k"]);
    expect(pragmas).toEqual(["synchronous = NORMAL", "synchronous = FULL"]);
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL again afterwards
    pragmas.length = 0;
    run(prepare, `INSERT INTO "Post" ("id", "n") VALUES (?, ?)`, ["c", 3]);
    prepare("BEGIN").run();
    run(prepare, `UPDATE "RateLimit" SET "count" = 0 WHERE "key" = ?`, ["k"]); // inside a transaction: the COMMIT decides
    prepare("COMMIT").run();
    expect(pragmas).toEqual([]);
    expect(db.prepare(`SELECT "count" FROM "RateLimit"`).pluck().get()).toBe(0);
  });
});
