import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * The audit log: every organizer, moderator and admin action. Pass the
 * transaction client of the change itself, so the entry and the change commit
 * (or roll back) together.
 */
type Db = Prisma.TransactionClient | typeof prisma;

export type AuditEntry = {
  actorId: string | null;
  /** "<entity>.<verb>", e.g. "event.publish", "user.role", "post.hide", "registrations.export". */
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
