import { describe, expect, it } from "vitest";
import { changesPublicData } from "./db-writes.server";

describe("changesPublicData", () => {
  it("sees writes to public tables in Prisma's SQL for SQLite and PostgreSQL, and in raw SQL", () => {
    for (const sql of [
      "INSERT INTO `main`.`Registration` (`id`) VALUES (?) RETURNING `id`",
      'UPDATE "public"."Event" SET "seatsTaken" = $1 WHERE "id" = $2',
      'DELETE FROM "Post" WHERE "id" = ?',
      "insert or ignore into PostVote (id) values (?)",
      'WITH x AS (SELECT 1) UPDATE "Thread" SET "answerCount" = 1',
      'INSERT INTO "RateLimit" ("key") VALUES (?); UPDATE "Thread" SET "title" = ?',
      "DROP TABLE Foo",
    ]) {
      expect(changesPublicData(sql), sql).toBe(true);
    }
  });

  it("leaves reads, row locks and writes to private tables (sessions, rate limits, the outbox) alone", () => {
    for (const sql of [
      'SELECT "id", "updatedAt", "createdAt" FROM "Event" WHERE "id" = ?',
      'SELECT "id" FROM "OutboxEmail" WHERE "status" = $1 FOR UPDATE SKIP LOCKED',
      'UPDATE "public"."Session" SET "expiresAt" = $1',
      'INSERT INTO "RateLimit" ("key", "count") VALUES (?, 1) ON CONFLICT ("key") DO UPDATE SET "count" = "count" + 1',
      "INSERT INTO `main`.`OutboxEmail` (`id`) VALUES (?)",
      "DELETE FROM AuditLog WHERE createdAt < ?",
      "PRAGMA data_version",
      "COMMIT",
    ]) {
      expect(changesPublicData(sql), sql).toBe(false);
    }
  });
});
