import { prisma } from "~/utils/db.server";
import { handleBase } from "~/utils/handles";
import { lockName } from "./locks.server";
import type { Db } from "./transaction.server";


/**
 * A free handle for a new member: "anna-oberg", else "anna-oberg-2", "-3", …
 * Inside a transaction, PostgreSQL locks the base name until it commits, so
 * two members with the same name signing up at once get different handles.
 */
export async function uniqueHandle(db: Db, name: string): Promise<string> {
  const base = handleBase(name);
  if (!("$transaction" in db)) await lockName(db, "handle", base);
  const taken = new Set(
    (await db.user.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } })).map((u) => u.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
