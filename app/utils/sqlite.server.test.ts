// The app's SQLite transactions take the write lock at BEGIN: another process
// writing between a transaction's read and its write must not make it fail.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseUrl, isPostgresUrl } from "./database-url";
import { prisma } from "./db.server";

describe.skipIf(isPostgresUrl(databaseUrl()))("SQLite transactions", () => {
  it("survive another connection writing between their read and their write", async () => {
    const other = new Database(databaseUrl().slice("file:".length), { timeout: 0 });
    let otherWrite: "committed" | "refused" | undefined;
    try {
      await prisma.$transaction(async (tx) => {
        await tx.county.findMany({ select: { code: true } });
        // Another process writes now (better-sqlite3 is synchronous; no busy wait on this connection).
        try {
          other.prepare(`INSERT INTO "County" ("code", "name", "shortName") VALUES ('98', 'Annat län', 'Annat')`).run();
          otherWrite = "committed";
        } catch (error) {
          expect(String(error)).toMatch(/locked|busy/i);
          otherWrite = "refused";
        }
        await tx.county.create({ data: { code: "99", name: "Testlän", shortName: "Test" } });
      });
    } finally {
      other.close();
    }
    // With a deferred BEGIN the other write commits and the transaction's own write fails with "database is locked".
    expect(otherWrite).toBe("refused");
    expect(await prisma.county.findUnique({ where: { code: "99" } })).toMatchObject({ name: "Testlän" });
  });
});
