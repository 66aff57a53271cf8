import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { afterCommit, isUniqueViolation, transaction } from "./transaction.server";

const tagData = (slug: string) => ({ slug, name: slug, kind: "topic" });

describe("transaction", () => {
  it("runs each after-commit hook once, after the commit, where the written row is visible", async () => {
    const events: string[] = [];
    let seen: Promise<unknown> | null = null;
    const hook = () => {
      events.push("hook");
      seen = prisma.tag.findUnique({ where: { slug: "efter-commit" }, select: { slug: true } });
    };
    await transaction(async (tx) => {
      await tx.tag.create({ data: tagData("efter-commit") });
      afterCommit(tx, hook);
      afterCommit(tx, hook);
      events.push("work done");
    });
    events.push("returned");
    expect(events).toEqual(["work done", "hook", "returned"]);
    expect(await seen).toEqual({ slug: "efter-commit" });
  });

  it("runs no hook when the transaction rolls back", async () => {
    let ran = false;
    await expect(
      transaction(async (tx) => {
        await tx.tag.create({ data: tagData("aterrullad") });
        afterCommit(tx, () => (ran = true));
        throw new Error("avbruten");
      }),
    ).rejects.toThrow("avbruten");
    expect(ran).toBe(false);
    expect(await prisma.tag.findUnique({ where: { slug: "aterrullad" } })).toBeNull();
  });

  it("runs a hook at once for a write outside a transaction", () => {
    let ran = false;
    afterCommit(prisma, () => (ran = true));
    expect(ran).toBe(true);
  });
});

describe("isUniqueViolation", () => {
  it("recognises a duplicate key and nothing else", async () => {
    await prisma.tag.create({ data: tagData("dubblett") });
    const duplicate = await prisma.tag.create({ data: tagData("dubblett") }).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error("annat fel"))).toBe(false);
  });
});
