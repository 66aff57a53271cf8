import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { auditFilterOptions, listAuditLog, recordAudit } from "./audit.server";

describe("audit log", () => {
  it("writes with the change's transaction: a rolled-back change leaves no entry", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: "event.publish", entityType: "Event", entityId: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("lists newest first, filters by area and type, and pages with a cursor", async () => {
    for (let i = 0; i < 60; i++) {
      await recordAudit(prisma, { actorId: null, action: i % 2 ? "case.publish" : "event.publish", entityType: i % 2 ? "Case" : "Event", entityId: `id-${i}`, detail: { i } });
    }
    const first = await listAuditLog({});
    expect(first.rows).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = await listAuditLog({ before: first.next! });
    expect(second.rows).toHaveLength(10);
    expect(second.next).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(60);

    const cases = await listAuditLog({ action: "case.", entityType: "Case" });
    expect(cases.rows).toHaveLength(30);
    expect(cases.rows.every((r) => r.action === "case.publish")).toBe(true);
    expect(await auditFilterOptions()).toEqual({ entityTypes: ["Case", "Event"], actions: ["case", "event"] });
  });
});
