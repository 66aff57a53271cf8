import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { resolveAuditRefs } from "./audit-refs.server";
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

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  /** Who did it (User.id). */
  actorId?: string;
  /** The forum it concerns: the event itself, or anything recorded with its eventId. */
  eventId?: string;
  /** From this moment (inclusive) … */
  from?: Date;
  /** … up to this moment (exclusive). */
  to?: Date;
  /** Cursor: the id of the last row of the previous page. */
  before?: string;
};

function auditWhere({ actorId, eventId, from, to }: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    ...(actorId ? { actorId } : {}),
    ...(eventId ? { OR: [{ entityType: "Event", entityId: eventId }, { detail: { contains: `"eventId":${JSON.stringify(eventId)}` } }] } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
  };
}

/** The audit log, newest first, filtered by person, forum and period; cursor-paged by id, one page at most. */
export async function listAuditLog(filter: AuditFilter) {
  const rows = await prisma.auditLog.findMany({
    where: auditWhere(filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(filter.before ? { cursor: { id: filter.before }, skip: 1 } : {}),
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      detail: true,
      createdAt: true,
      actor: { select: { id: true, name: true, role: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, detail: parseDetail(r.detail) }));
  return { rows: page, next: rows.length > AUDIT_PAGE_SIZE ? page[AUDIT_PAGE_SIZE - 1]!.id : null };
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A page of the log as sentences' material: each row with the names and links of what it concerns (batch-loaded). */
export async function listAuditPage(filter: AuditFilter, viewerIsAdmin: boolean) {
  const page = await listAuditLog(filter);
  const refs = await resolveAuditRefs(page.rows, viewerIsAdmin);
  return { ...page, rows: page.rows.map((r, i) => ({ ...r, refs: refs[i]! })) };
}

/** The people who appear in the log and the forums, for the filter menus (bounded). */
export async function auditFilterOptions() {
  const actors = await prisma.auditLog.groupBy({ by: ["actorId"], where: { actorId: { not: null } } });
  const [people, forums] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: actors.map((a) => a.actorId!) } }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 }),
    prisma.event.findMany({ orderBy: { startsAt: "desc" }, select: { id: true, title: true }, take: 500 }),
  ]);
  return { people, forums };
}
