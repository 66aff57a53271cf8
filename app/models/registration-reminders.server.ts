import { prisma } from "~/utils/db.server";
import { eventReminderTemplate } from "~/utils/forum-email-templates.server";
import { cancelRegistrationUrl } from "~/utils/signed-links.server";
import { recordAudit } from "./audit.server";
import { lockEventOrganizing } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { calendarAttachment, eventSelect, mailInfo } from "./registration-seats.server";
import { transaction, TX_OPTIONS, type Tx } from "./transaction.server";

/**
 * Forum reminders: a schedule, not a one-off. The scheduled reminder goes out
 * REMINDER_LEAD_MS before the start to every confirmed registrant who has not
 * had it yet (outbox key `reminder:<event>:<registration>`), so people who
 * register after the first send get theirs on the job's next run. The organizer
 * may also send one early (key `reminder-early:<event>:<registration>`); that
 * leaves the scheduled one in place. Event.reminderSentAt records the first
 * scheduled send. Each send locks the event and picks, under the lock, who has
 * not had that reminder, so two processes never send it twice to one person.
 */

export const REMINDER_LEAD_MS = 24 * 3600_000;

const scheduledPrefix = (eventId: string) => `reminder:${eventId}:`;
const earlyPrefix = (eventId: string) => `reminder-early:${eventId}:`;

async function withoutReminder(db: Tx | typeof prisma, eventId: string, prefix: string) {
  const [people, had] = await Promise.all([
    db.registration.findMany({ where: { eventId, status: "confirmed" }, select: { id: true, name: true, email: true }, orderBy: { createdAt: "asc" } }),
    db.outboxEmail.findMany({ where: { dedupeKey: { startsWith: prefix } }, select: { dedupeKey: true } }),
  ]);
  const done = new Set(had.map((r) => r.dedupeKey));
  return people.filter((p) => !done.has(prefix + p.id));
}

async function queueReminders(eventId: string, prefix: string, actorId: string | null, now: Date): Promise<number | null> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event || event.status !== "published" || event.startsAt <= now) return null;
  return transaction(async (tx) => {
    await lockEventOrganizing(tx, eventId);
    const people = await withoutReminder(tx, eventId, prefix);
    let queued = 0;
    for (const p of people) {
      const mail = eventReminderTemplate({ name: p.name, event: mailInfo(event), joinUrl: event.joinUrl, cancelUrl: cancelRegistrationUrl(p.id) });
      const { created } = await enqueueEmail(
        { to: p.email, ...mail, kind: "registration-reminder", dedupeKey: prefix + p.id, attachments: [calendarAttachment(event, { withJoinUrl: true })] },
        tx,
      );
      if (created) queued++;
    }
    if (actorId === null) await tx.event.updateMany({ where: { id: eventId, reminderSentAt: null }, data: { reminderSentAt: now } });
    if (queued)
      await recordAudit(tx, {
        actorId,
        action: "registrations.reminder",
        entityType: "Event",
        entityId: eventId,
        detail: { recipients: queued, scheduled: actorId === null },
      });
    return queued;
  }, TX_OPTIONS);
}

/** The organizer's "send now": everyone with a seat who has not had an early reminder. The scheduled one still goes. */
export async function sendEarlyReminder(
  eventId: string,
  actorId: string,
  now: Date = new Date(),
): Promise<{ outcome: "sent"; recipients: number } | { outcome: "closed" }> {
  const n = await queueReminders(eventId, earlyPrefix(eventId), actorId, now);
  return n === null ? { outcome: "closed" } : { outcome: "sent", recipients: n };
}

/** How many an early reminder would go to now (for "Skicka påminnelse nu till N deltagare?"). */
export async function countEarlyReminderRecipients(eventId: string): Promise<number> {
  return (await withoutReminder(prisma, eventId, earlyPrefix(eventId))).length;
}

/** The schedule as the organizer sees it: when it goes, whether it has, and to how many. */
export async function reminderSchedule(event: { id: string; startsAt: Date; reminderSentAt: Date | null }) {
  const received = await prisma.outboxEmail.count({ where: { dedupeKey: { startsWith: scheduledPrefix(event.id) } } });
  const early = await prisma.outboxEmail.count({ where: { dedupeKey: { startsWith: earlyPrefix(event.id) } } });
  return { scheduledFor: new Date(event.startsAt.getTime() - REMINDER_LEAD_MS), sentAt: event.reminderSentAt, received, early };
}

/** The scheduled reminder to confirmed registrants of one event who have not had it; the number queued. */
export async function sendScheduledReminder(eventId: string, now: Date = new Date()): Promise<number> {
  return (await queueReminders(eventId, scheduledPrefix(eventId), null, now)) ?? 0;
}

/** The scheduled job: for published events starting within the lead time; the number of reminders queued. */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
  const due = await prisma.event.findMany({
    where: { status: "published", startsAt: { gt: now, lte: new Date(now.getTime() + REMINDER_LEAD_MS) } },
    select: { id: true },
  });
  let queued = 0;
  for (const { id } of due) queued += await sendScheduledReminder(id, now);
  return queued;
}
