import { expect, test } from "vitest";
import { diffFingerprints, fingerprintDatabase } from "./db-fingerprint";
import { testQuery } from "./test-sql";

// The setup file gives this test file its own migrated database (SQLite, or PostgreSQL on npm run test:pg).
const url = process.env.DATABASE_URL!;

test("the fingerprint notices a new or changed row, but not rate-limit counters", async () => {
  const empty = await fingerprintDatabase(url);
  expect(empty.County).toEqual({ rows: 0, hash: expect.any(String) });
  expect(empty.RateLimit).toBeUndefined();

  await testQuery(url, `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ('login:ip:x', ?, 3)`, [new Date(0)]);
  expect(diffFingerprints(empty, await fingerprintDatabase(url))).toBe("");

  await testQuery(url, `INSERT INTO "County" ("code", "name", "shortName") VALUES ('20', 'Dalarnas län', 'Dalarna')`);
  const withCounty = await fingerprintDatabase(url);
  expect(diffFingerprints(empty, withCounty)).toBe("County: 0 rader → 1 rader");

  await testQuery(url, `UPDATE "County" SET "name" = 'Dalarna' WHERE "code" = '20'`);
  expect(diffFingerprints(withCounty, await fingerprintDatabase(url))).toBe("County: 1 rader → 1 rader (innehållet ändrat)");
});
