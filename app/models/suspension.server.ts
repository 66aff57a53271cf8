import { fail, type Result } from "~/utils/result";
import { roleRank, type Role } from "~/utils/roles";
import { recordAudit } from "./audit.server";
import { transaction } from "./transaction.server";

/**
 * Suspending members, by moderators and up, each audited with its reason. A
 * suspended member can read, log out, export and delete their account, nothing
 * else (requireUser in auth.server.ts refuses the rest).
 */

export async function suspendMember(actor: { id: string; role: Role }, userId: string, until: Date, reason: string, now: Date = new Date()): Promise<Result> {
  if (until <= now) return fail("until", "Välj ett datum efter i dag.");
  if (until.getTime() - now.getTime() > 5 * 365 * 24 * 3600_000) return fail("until", "Stäng av i högst fem år.");
  if (userId === actor.id) return fail("userId", "Du kan inte stänga av dig själv.");
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, deletedAt: true, suspendedUntil: true } });
    if (!user || user.deletedAt) return fail("userId", "Medlemmen finns inte.");
    if (roleRank(user.role) >= roleRank(actor.role)) return fail("userId", "Du kan bara stänga av medlemmar med en lägre roll än din egen.");
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: until } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.suspend",
      entityType: "User",
      entityId: userId,
      detail: { reason, until: until.toISOString(), previousUntil: user.suspendedUntil?.toISOString() ?? null },
    });
    return { ok: true as const };
  });
}

export async function liftSuspension(actor: { id: string; role: Role }, userId: string, reason: string, now: Date = new Date()): Promise<Result> {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true } });
    if (!user) return fail("userId", "Medlemmen finns inte.");
    if (!user.suspendedUntil || user.suspendedUntil <= now) return fail("userId", "Medlemmen är inte avstängd.");
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: null } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.unsuspend",
      entityType: "User",
      entityId: userId,
      detail: { reason, wasUntil: user.suspendedUntil.toISOString() },
    });
    return { ok: true as const };
  });
}
