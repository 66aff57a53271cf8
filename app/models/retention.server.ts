import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { transaction } from "./transaction.server";

/**
 * Data retention (GDPR), with the periods from configuration (the privacy page
 * reads the same values):
 * - registrations of past events are anonymised N months after the event; the
 *   municipality, status and attendance stay, so counts per municipality survive;
 * - contact messages are deleted N months after they were archived;
 * - accounts whose address was never confirmed are deleted after N days, and so are
 *   registrations whose confirmation link ran out unused (status "expired": an
 *   address someone typed that was never proven);
 * - mail that was sent, or failed for good, is deleted from the outbox after N days
 *   (it holds addresses and what was written to them);
 * - sessions past their idle or absolute expiry are deleted (Lucia only refuses them).
 * A run is claimed in JobRun per day, so several processes run it once.
 */
export type RetentionResult = {
  anonymisedRegistrations: number;
  deletedExpiredRegistrations: number;
  deletedContactMessages: number;
  deletedUnverifiedAccounts: number;
  deletedMails: number;
  deletedSessions: number;
};

const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setMonth(d.getMonth() - months);
  return d;
};

export async function runRetention(now: Date = new Date()): Promise<RetentionResult> {
  const { RETENTION_REGISTRATION_MONTHS, RETENTION_CONTACT_MONTHS, RETENTION_UNVERIFIED_DAYS, RETENTION_MAIL_DAYS } = env();
  const registrationCutoff = monthsBefore(now, RETENTION_REGISTRATION_MONTHS);
  const contactCutoff = monthsBefore(now, RETENTION_CONTACT_MONTHS);
  const daysBefore = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
  const accountCutoff = daysBefore(RETENTION_UNVERIFIED_DAYS);

  return transaction(async (tx) => {
    const old = await tx.registration.findMany({
      where: { anonymisedAt: null, event: { endsAt: { lt: registrationCutoff } } },
      select: { id: true },
    });
    // One statement per row: the anonymised address must stay unique per event.
    for (const { id } of old) {
      await tx.registration.update({
        where: { id },
        // Also the hash of the confirmation link mailed to the person: nothing leads back to them.
        data: {
          email: `anonymiserad-${id}@invalid.local`,
          name: "Anonymiserad",
          title: "",
          organisationName: "",
          userId: null,
          confirmTokenHash: null,
          anonymisedAt: now,
        },
      });
    }
    const expired = await tx.registration.deleteMany({ where: { status: "expired", pendingUntil: { lt: accountCutoff } } });
    const contacts = await tx.contactMessage.deleteMany({ where: { status: "arkiverad", archivedAt: { lt: contactCutoff } } });
    const accounts = await tx.user.deleteMany({
      where: { emailVerifiedAt: null, createdAt: { lt: accountCutoff }, deletedAt: null, posts: { none: {} }, threads: { none: {} } },
    });
    // Queued mail (and mail being sent or retried) stays, whatever its age.
    const mails = await tx.outboxEmail.deleteMany({ where: { status: { in: ["sent", "failed"] }, createdAt: { lt: daysBefore(RETENTION_MAIL_DAYS) } } });
    const sessions = await tx.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] } });
    const result = {
      anonymisedRegistrations: old.length,
      deletedExpiredRegistrations: expired.count,
      deletedContactMessages: contacts.count,
      deletedUnverifiedAccounts: accounts.count,
      deletedMails: mails.count,
      deletedSessions: sessions.count,
    };
    await recordAudit(tx, { actorId: null, action: "retention.run", entityType: "Retention", detail: result });
    return result;
  });
}

/** Runs retention once for the given day, whichever process gets there first. */
export async function runDailyRetention(now: Date = new Date()): Promise<RetentionResult | null> {
  const key = `retention:${now.toISOString().slice(0, 10)}`;
  const claimed = await prisma.jobRun.createMany({ data: [{ key }] }).then(
    () => true,
    () => false, // the key exists: another process ran it today
  );
  if (!claimed) return null;
  const result = await runRetention(now);
  await prisma.jobRun.update({ where: { key }, data: { detail: JSON.stringify(result) } });
  return result;
}
