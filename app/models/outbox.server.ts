import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { byProvider } from "~/utils/dialect.server";
import { afterCommit, isUniqueViolation, type Db } from "./transaction.server";

/**
 * The durable email outbox. Mail is written here, in the same transaction as the
 * change that caused it, and a sender (app/jobs/outbox-sender.server.ts) delivers it later.
 * Delivery is at least once: a process that dies between the SMTP hand-off and
 * markSent() leaves the row "sending" until its lease runs out, and it is sent again.
 *
 * Queuing a mail also wakes the sender of this process once the mail is committed,
 * so whoever queues mail never has to (the sender otherwise looks every few seconds).
 */

export type OutboxStatus = "queued" | "sending" | "sent" | "failed";
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["queued", "sending", "sent", "failed"];

export type EmailAttachment = { filename: string; contentType: string; content: string };

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: EmailAttachment[];
  /** What the mail is for, e.g. "verify-email" or "registration". */
  kind: string;
  /** Same key = same mail: a second enqueue is a no-op. */
  dedupeKey?: string | null;
  /** A one-click unsubscribe address for mail a recipient asked for (invitations, follows). */
  unsubscribeUrl?: string | null;
  /** Hold the mail until this time (default: now). */
  sendAfter?: Date;
};

/** After this many failed attempts the mail is given up ("failed") until an admin retries it. */
export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** How long a claim holds a row; longer than a worst-case batch with SMTP timeouts. */
export const CLAIM_LEASE_MS = 15 * 60_000;

/** Wait before the next try after `attempts` failed tries: 1 min, 2, 4, … at most 6 h. */
export function backoffDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
}

export const outboxRowSelect = {
  id: true,
  toAddress: true,
  subject: true,
  kind: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  sentAt: true,
  createdAt: true,
} satisfies Prisma.OutboxEmailSelect;

export type OutboxRow = Prisma.OutboxEmailGetPayload<{ select: typeof outboxRowSelect }>;

let wakeHook: (() => void) | null = null;

/** Set by the outbox sender (app/jobs/outbox-sender.server.ts) while it runs in this process. */
export function setOutboxWakeHook(hook: (() => void) | null) {
  wakeHook = hook;
}

/** Asks the sender running in this process to send now; a no-op when none runs. */
export function wakeOutboxSender() {
  wakeHook?.();
}

/**
 * Queues one email. Pass the transaction client (`tx`) so the mail is stored only if
 * the change that caused it commits; the sender is woken once it has (a transaction
 * started with transaction()). With a dedupeKey a repeat returns the existing
 * row (`created: false`), also when two requests race.
 *
 * PostgreSQL note: there a unique violation aborts the surrounding transaction, so
 * callers that may race on the same key inside a transaction must be ready to retry it.
 */
export async function enqueueEmail(message: OutgoingEmail, tx: Db = prisma): Promise<{ email: OutboxRow; created: boolean }> {
  const toAddress = message.to.trim();
  // A bare address only: no display name, no line breaks that could smuggle headers.
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(toAddress)) throw new Error("Ogiltig mottagaradress för e-post");
  const dedupeKey = message.dedupeKey ?? null;
  if (dedupeKey) {
    const existing = await tx.outboxEmail.findUnique({ where: { dedupeKey }, select: outboxRowSelect });
    if (existing) return { email: existing, created: false };
  }
  try {
    const email = await tx.outboxEmail.create({
      data: {
        toAddress,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
        kind: message.kind,
        dedupeKey,
        unsubscribeUrl: message.unsubscribeUrl ?? null,
        status: "queued",
        nextAttemptAt: message.sendAfter ?? new Date(),
      },
      select: outboxRowSelect,
    });
    afterCommit(tx, wakeOutboxSender);
    return { email, created: true };
  } catch (error) {
    if (dedupeKey && isUniqueViolation(error)) {
      const existing = await tx.outboxEmail.findUnique({ where: { dedupeKey }, select: outboxRowSelect });
      if (existing) return { email: existing, created: false };
    }
    throw error;
  }
}

/** How many mails were ever queued with a dedupe key starting with `prefix` (e.g. the mentions of one post). */
export async function countEmailsByKeyPrefix(prefix: string, tx: Db = prisma): Promise<number> {
  return tx.outboxEmail.count({ where: { dedupeKey: { startsWith: prefix } } });
}

export type ClaimedEmail = {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: EmailAttachment[];
  unsubscribeUrl: string | null;
  kind: string;
  attempts: number;
};

/**
 * Claims up to `limit` due rows for this sender. Each row is taken by a conditional
 * update that only succeeds while the row is still claimable, so two senders (in one
 * process or several) never get the same row. Rows stuck in "sending" after a crash
 * become claimable again when their lease runs out. Claiming counts as an attempt.
 */
export async function claimBatch(limit: number, now: Date = new Date()): Promise<ClaimedEmail[]> {
  const claimedIds = await claimIds(limit, now);
  if (claimedIds.length === 0) return [];
  const rows = await prisma.outboxEmail.findMany({
    where: { id: { in: claimedIds } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, toAddress: true, subject: true, text: true, html: true, attachments: true, unsubscribeUrl: true, kind: true, attempts: true },
  });
  return rows.map((row) => ({ ...row, attachments: parseAttachments(row.attachments) }));
}

/** Marks up to `limit` claimable rows as this sender's and returns their ids; one implementation per database. */
type Claimer = (limit: number, now: Date) => Promise<string[]>;

/** SQLite (one writer at a time): pick candidates, then take each with a conditional update that only succeeds while it is still claimable. */
const claimOneByOne: Claimer = async (limit, now) => {
  const claimable: Prisma.OutboxEmailWhereInput = {
    OR: [
      { status: "queued", nextAttemptAt: { lte: now } },
      { status: "sending", lockedUntil: { lt: now } },
    ],
  };
  const candidates = await prisma.outboxEmail.findMany({
    where: claimable,
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: { id: true },
  });
  const lockedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const claimedIds: string[] = [];
  for (const { id } of candidates) {
    const { count } = await prisma.outboxEmail.updateMany({
      where: { id, ...claimable },
      data: { status: "sending", lockedUntil, attempts: { increment: 1 } },
    });
    if (count === 1) claimedIds.push(id);
  }
  return claimedIds;
};

/**
 * PostgreSQL (several app instances): one statement. FOR UPDATE SKIP LOCKED lets
 * concurrent senders each take different rows without waiting for each other; a
 * row another sender claimed and committed meanwhile no longer matches (READ
 * COMMITTED re-checks the condition on the newest version) and is left out.
 */
const claimSkipLocked: Claimer = async (limit, now) => {
  const lockedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    UPDATE "OutboxEmail" SET "status" = 'sending', "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'queued' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  return rows.map((r) => r.id);
};

const claimIds: Claimer = byProvider({ sqlite: claimOneByOne, postgres: claimSkipLocked });

export function parseAttachments(json: string | null): EmailAttachment[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (a): a is EmailAttachment =>
        typeof a === "object" && a !== null && typeof a.filename === "string" && typeof a.contentType === "string" && typeof a.content === "string",
    );
  } catch {
    return [];
  }
}

export async function markSent(id: string, now: Date = new Date()) {
  await prisma.outboxEmail.update({
    where: { id },
    data: { status: "sent", sentAt: now, lockedUntil: null, lastError: null },
  });
}

/**
 * Records a failed delivery. The row goes back to the queue with exponential backoff,
 * or to "failed" once MAX_ATTEMPTS tries are used up.
 */
export async function markFailed(id: string, error: unknown, now: Date = new Date()): Promise<{ status: OutboxStatus; nextAttemptAt: Date | null }> {
  const row = await prisma.outboxEmail.findUnique({ where: { id }, select: { attempts: true } });
  if (!row) return { status: "failed", nextAttemptAt: null };
  const lastError = errorText(error);
  if (row.attempts >= MAX_ATTEMPTS) {
    await prisma.outboxEmail.update({ where: { id }, data: { status: "failed", lockedUntil: null, lastError } });
    return { status: "failed", nextAttemptAt: null };
  }
  const nextAttemptAt = new Date(now.getTime() + backoffDelayMs(row.attempts));
  await prisma.outboxEmail.update({ where: { id }, data: { status: "queued", lockedUntil: null, nextAttemptAt, lastError } });
  return { status: "queued", nextAttemptAt };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}
