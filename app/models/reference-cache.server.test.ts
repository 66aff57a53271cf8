// Reference data is held in memory and dropped on change (issue 18): by a write of
// this process (also in a transaction, at commit only) and, on SQLite, by a write
// of another connection.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, isPostgresUrl } from "~/utils/database-url";
import { countQueries, prisma } from "~/utils/db.server";
import { transaction } from "./transaction.server";
import { listMunicipalities, municipalityExists } from "./reference.server";

const nameOf = async (code: string) => (await listMunicipalities()).find((m) => m.code === code)?.name;

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
});

describe.skipIf(isPostgresUrl(databaseUrl()))("reference data in memory", () => {
  it("answers from memory once loaded", async () => {
    await listMunicipalities();
    const again = await countQueries(() => listMunicipalities());
    expect(again.queries).toBe(0);
    expect(again.result).toContainEqual({ code: "2081", name: "Borlänge", countyName: "Dalarnas län" });
    expect((await countQueries(() => municipalityExists("2081"))).queries).toBeLessThanOrEqual(1);
    expect((await countQueries(() => municipalityExists("2081"))).queries).toBe(0);
  });

  it("is dropped when this process writes the table, and when the change commits, not before", async () => {
    expect(await nameOf("2081")).toBe("Borlänge");
    await prisma.municipality.update({ where: { code: "2081" }, data: { name: "Borlänge ny" } });
    expect(await nameOf("2081")).toBe("Borlänge ny");
    await prisma.county.update({ where: { code: "20" }, data: { name: "Dalarna län" } });
    expect((await listMunicipalities()).find((m) => m.code === "2081")?.countyName).toBe("Dalarna län");

    expect(await municipalityExists("2085")).toBe(false);
    await transaction(async (tx) => {
      await tx.municipality.create({ data: { code: "2085", name: "Ludvika", officialName: "Ludvika kommun", countyCode: "20" } });
    });
    expect(await municipalityExists("2085")).toBe(true);
    await expect(
      transaction(async (tx) => {
        await tx.municipality.delete({ where: { code: "2085" } });
        throw new Error("ångrat");
      }),
    ).rejects.toThrow("ångrat");
    expect(await municipalityExists("2085")).toBe(true);
  });

  it("is dropped when another connection (a script, a second process) has committed", async () => {
    expect(await nameOf("2081")).toBeTruthy();
    const other = new Database(databaseUrl().slice("file:".length));
    try {
      other.prepare(`UPDATE "Municipality" SET "name" = 'Borlänge annan' WHERE "code" = '2081'`).run();
    } finally {
      other.close();
    }
    expect(await nameOf("2081")).toBe("Borlänge annan");
  });

  it("a caller changing its copy does not change the next caller's", async () => {
    const mine = await listMunicipalities();
    mine[0]!.name = "Ändrad";
    expect((await listMunicipalities())[0]!.name).not.toBe("Ändrad");
  });
});
