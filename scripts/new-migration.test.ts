import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// scripts/new-migration.ts diffs the schema against the snapshot kept in the newest
// migration folder. If someone edits schema.prisma without making a migration, the
// next migration would silently include their change; this catches it first.
describe("migrations", () => {
  it("the newest migration's schema snapshot equals prisma/schema.prisma", () => {
    const dir = path.resolve("prisma", "migrations");
    const newest = fs
      .readdirSync(dir)
      .filter((name) => /^\d{14}_/.test(name))
      .sort()
      .at(-1)!;
    const snapshot = fs.readFileSync(path.join(dir, newest, "schema.prisma"), "utf8");
    const schema = fs.readFileSync(path.resolve("prisma", "schema.prisma"), "utf8");
    expect(snapshot, `Kör npm run db:migration -- <namn> (senaste migreringen: ${newest})`).toBe(schema);
  });
});
