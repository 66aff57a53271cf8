import { prisma } from "~/utils/db.server";
import { OUTBOX_STATUSES, outboxRowSelect, parseAttachments, wakeOutboxSender, type OutboxRow, type OutboxStatus } from "./outbox.server";

/**
 * The outbox as the admins see it on /admin/mejl: the queue with its counts, one
 * mail in full, the newest mail for the demo viewer, and sending a failed mail again.
 */

/**
 * Admin action: put a failed (or waiting) mail back in the queue to be sent now,
 * with a fresh set of attempts. Sent mail and mail being sent are left alone.
 */
export async function retryEmail(id: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.outboxEmail.updateMany({
    where: { id, status: { in: ["failed", "queued"] } },
    data: { status: "queued", nextAttemptAt: now, lockedUntil: null, attempts: 0 },
  });
  if (count === 1) wakeOutboxSender();
  return count === 1;
}

export async function listOutbox({ status, take = 50 }: { status?: OutboxStatus; take?: number } = {}): Promise<OutboxRow[]> {
  return prisma.outboxEmail.findMany({
    where: status ? { status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 500),
    select: outboxRowSelect,
  });
}

export async function countOutbox(): Promise<Record<OutboxStatus, number> & { total: number }> {
  const groups = await prisma.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<OutboxStatus, number> & { total: number } = { queued: 0, sending: 0, sent: 0, failed: 0, total: 0 };
  for (const group of groups) {
    if ((OUTBOX_STATUSES as readonly string[]).includes(group.status)) counts[group.status as OutboxStatus] = group._count._all;
    counts.total += group._count._all;
  }
  return counts;
}

/** One mail with everything about it, for an admin detail view. */
export async function getOutboxEmail(id: string) {
  const row = await prisma.outboxEmail.findUnique({
    where: { id },
    select: { ...outboxRowSelect, text: true, html: true, attachments: true, dedupeKey: true, lockedUntil: true },
  });
  return row ? { ...row, attachments: parseAttachments(row.attachments) } : null;
}

export type RecentEmail = {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string | null;
  kind: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  attachmentNames: string[];
};

/** The newest mail with its content, for the demo mail viewer. */
export async function listRecentEmails(take = 20): Promise<RecentEmail[]> {
  const rows = await prisma.outboxEmail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 200),
    select: { id: true, toAddress: true, subject: true, text: true, html: true, kind: true, status: true, createdAt: true, sentAt: true, attachments: true },
  });
  return rows.map(({ attachments, ...row }) => ({ ...row, attachmentNames: parseAttachments(attachments).map((a) => a.filename) }));
}
