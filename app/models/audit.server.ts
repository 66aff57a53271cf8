import { prisma } from "~/utils/db.server";
import type { Db } from "./transaction.server";

/**
 * The audit log: every organizer, moderator and admin action. Pass the
 * transaction client of the change itself, so the entry and the change commit
 * (or roll back) together.
 */

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

const PAGE_SIZE = 50;

/** The audit log, newest first, filtered by action prefix and entity type; cursor-paged by id. */
export async function listAuditLog({
  action,
  entityType,
  before,
  actorId,
  eventId,
  from,
  to,
}: {
  action?: string;
  entityType?: string;
  before?: string;
  actorId?: string;
  /** Entries about one forum: the forum itself, its programme, registrations and mailings. */
  eventId?: string;
  from?: Date | null;
  to?: Date | null;
}) {
  const rows = await prisma.auditLog.findMany({
    where: {
      ...(action ? { action: { startsWith: action } } : {}),
      ...(entityType ? { entityType } : {}),
      ...(actorId ? { actorId } : {}),
      ...(eventId ? { OR: [{ entityType: "Event", entityId: eventId }, { detail: { contains: `"eventId":"${eventId}"` } }] } : {}),
      ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    take: PAGE_SIZE + 1,
    select: { id: true, action: true, entityType: true, entityId: true, detail: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null };
}

/** The distinct entity types and action groups, for the filter menus. */
export async function auditFilterOptions() {
  const [types, actions, actors] = await Promise.all([
    prisma.auditLog.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
    prisma.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    prisma.auditLog.groupBy({ by: ["actorId"], where: { actorId: { not: null } } }),
  ]);
  const people = await prisma.user.findMany({ where: { id: { in: actors.flatMap((a) => (a.actorId ? [a.actorId] : [])) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const forums = await prisma.event.findMany({ orderBy: { startsAt: "desc" }, take: 50, select: { id: true, title: true } });
  return { entityTypes: types.map((t) => t.entityType), actions: [...new Set(actions.map((a) => a.action.split(".")[0]!))], people, forums };
}
