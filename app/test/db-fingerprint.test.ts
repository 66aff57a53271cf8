import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { diffFingerprints, fingerprint } from "./db-fingerprint";

// The setup file gives this test file its own migrated database.
const file = process.env.DATABASE_URL!.replace(/^file:/, "");

test("the fingerprint notices a new or changed row, but not rate-limit counters", () => {
  const empty = fingerprint(file);
  expect(empty.County).toEqual({ rows: 0, hash: expect.any(String) });
  expect(empty.RateLimit).toBeUndefined();

  const db = new Database(file);
  db.prepare(`INSERT INTO "RateLimit" (key, windowStart, count) VALUES ('login:ip:x', 0, 3)`).run();
  expect(diffFingerprints(empty, fingerprint(file))).toBe("");

  db.prepare(`INSERT INTO "County" (code, name, shortName) VALUES ('20', 'Dalarnas län', 'Dalarna')`).run();
  const withCounty = fingerprint(file);
  expect(diffFingerprints(empty, withCounty)).toBe("County: 0 rader → 1 rader");

  db.prepare(`UPDATE "County" SET name = 'Dalarna' WHERE code = '20'`).run();
  db.close();
  expect(diffFingerprints(withCounty, fingerprint(file))).toBe("County: 1 rader → 1 rader (innehållet ändrat)");
});
