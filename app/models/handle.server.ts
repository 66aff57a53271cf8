import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { handleBase } from "~/utils/handles";

type Db = Prisma.TransactionClient | typeof prisma;

/** A free handle for a new member: "anna-oberg", else "anna-oberg-2", "-3", … */
export async function uniqueHandle(db: Db, name: string): Promise<string> {
  const base = handleBase(name);
  const taken = new Set(
    (await db.user.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } })).map((u) => u.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
