import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { organizerMessageTemplate } from "~/utils/forum-email-templates.server";
import { toStockholmInputValue } from "~/utils/format";
import { registrationPageUrl } from "~/utils/signed-links.server";
import { recordAudit } from "./audit.server";
import { lockEventOrganizing, lockEventSeats } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { eventSelect, mailInfo, NotChanged, promoteFromWaitlist, queueConfirmed, takeSeat } from "./registration-seats.server";
import { transaction, TX_OPTIONS } from "./transaction.server";
import { containsText } from "~/utils/dialect.server";

/**
 * Forum registrations, the organizer's side: seats given from the waitlist, the
 * lists, counts, attendance and CSV export, messages to everyone with a seat and
 * the reminder (also sent by the scheduled job). Callers have checked the role.
 */

// ---------------------------------------------------------------------------
// Seats from the waitlist
// ---------------------------------------------------------------------------

/** Gives free seats (e.g. after the capacity was raised) to the waitlist. */
export async function fillFreeSeats(eventId: string, now: Date = new Date()): Promise<string[]> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event) return [];
  return transaction(async (tx) => {
    await lockEventSeats(tx, event.id);
    return promoteFromWaitlist(tx, event, now);
  }, TX_OPTIONS);
}

/**
 * Organizer: moves one specific person from the waitlist to a seat. When the event
 * is full, the capacity grows by one for them (the organizer's explicit decision).
 */
export async function promoteManually(registrationId: string, actorId: string, now: Date = new Date()): Promise<"promoted" | "not-waitlisted"> {
  const reg = await prisma.registration.findUnique({ where: { id: registrationId }, select: { id: true, eventId: true, name: true, email: true } });
  if (!reg) return "not-waitlisted";
  const event = await prisma.event.findUnique({ where: { id: reg.eventId }, select: eventSelect });
  if (!event) return "not-waitlisted";
  try {
    await transaction(async (tx) => {
      await lockEventSeats(tx, event.id);
      let extraSeat = false;
      if (!(await takeSeat(tx, event.id))) {
        await tx.event.updateMany({ where: { id: event.id }, data: { capacity: { increment: 1 }, seatsTaken: { increment: 1 } } });
        extraSeat = true;
      }
      const { count } = await tx.registration.updateMany({ where: { id: reg.id, status: "waitlisted" }, data: { status: "confirmed", promotedAt: now } });
      if (count !== 1) throw new NotChanged();
      await queueConfirmed(tx, event, reg, true);
      await recordAudit(tx, {
        actorId,
        action: "registration.promote",
        entityType: "Registration",
        entityId: reg.id,
        detail: { eventId: event.id, extraSeat },
      });
    }, TX_OPTIONS);
    return "promoted";
  } catch (error) {
    if (error instanceof NotChanged) return "not-waitlisted";
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Lists, counts, attendance, export and messages
// ---------------------------------------------------------------------------

const adminRowSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  organisationName: true,
  status: true,
  waitlistSeq: true,
  attendedAt: true,
  createdAt: true,
  promotedAt: true,
  consentInvites: true,
  municipality: { select: { code: true, name: true, county: { select: { name: true } } } },
} satisfies Prisma.RegistrationSelect;

export type AdminRegistrationRow = Prisma.RegistrationGetPayload<{ select: typeof adminRowSelect }>;

export async function getEventForOrganizer(eventId: string) {
  if (!eventId || eventId.length > 64) return null;
  return prisma.event.findUnique({ where: { id: eventId }, select: { ...eventSelect, reminderSentAt: true } });
}

export async function listRegistrations(eventId: string, { query = "" }: { query?: string } = {}) {
  const q = query.trim().slice(0, 100);
  const where: Prisma.RegistrationWhereInput = {
    eventId,
    ...(q
      ? {
          OR: [
            { name: containsText(q) },
            { email: containsText(q) },
            { organisationName: containsText(q) },
            { title: containsText(q) },
            { municipality: { name: containsText(q) } },
          ],
        }
      : {}),
  };
  const rows = await prisma.registration.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: adminRowSelect, take: 5000 });
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waitlist = rows.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const cancelled = rows.filter((r) => r.status === "cancelled");
  // Not confirmed by mail yet: no seat, no place in the queue, and not counted.
  const pending = rows.filter((r) => r.status === "pending");
  return { confirmed, waitlist, cancelled, pending };
}

/**
 * Confirmed and waitlisted registrations by municipality and by county ("Annan
 * organisation" for the rest). Pending ones are counted on their own, never as seats.
 */
export async function countRegistrations(eventId: string) {
  const [rows, pending] = await Promise.all([
    prisma.registration.findMany({
      where: { eventId, status: { in: ["confirmed", "waitlisted"] } },
      select: { status: true, municipality: { select: { name: true, county: { select: { name: true } } } } },
    }),
    prisma.registration.count({ where: { eventId, status: "pending" } }),
  ]);
  const byMunicipality = new Map<string, number>();
  const byCounty = new Map<string, number>();
  for (const r of rows) {
    const m = r.municipality?.name ?? "Annan organisation";
    const c = r.municipality?.county.name ?? "Annan organisation";
    byMunicipality.set(m, (byMunicipality.get(m) ?? 0) + 1);
    byCounty.set(c, (byCounty.get(c) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "sv"));
  return {
    confirmed: rows.filter((r) => r.status === "confirmed").length,
    waitlisted: rows.filter((r) => r.status === "waitlisted").length,
    pending,
    byMunicipality: sorted(byMunicipality),
    byCounty: sorted(byCounty),
  };
}

/** Attendance is marked after the event has started, for people with a seat. */
export async function setAttendance(eventId: string, registrationId: string, attended: boolean, actorId: string, now: Date = new Date()): Promise<boolean> {
  return transaction(async (tx) => {
    const { count } = await tx.registration.updateMany({
      where: { id: registrationId, eventId, status: "confirmed", event: { startsAt: { lte: now } } },
      data: { attendedAt: attended ? now : null },
    });
    if (count === 1) {
      await recordAudit(tx, {
        actorId,
        action: attended ? "registration.attended" : "registration.absent",
        entityType: "Registration",
        entityId: registrationId,
        detail: { eventId },
      });
    }
    return count === 1;
  }, TX_OPTIONS);
}

export const EXPORT_COLUMNS = [
  "Status",
  "Plats i kön",
  "Namn",
  "E-post",
  "Befattning",
  "Kommun",
  "Län",
  "Organisation",
  "Anmäld",
  "Närvarade",
  "Vill ha inbjudningar",
] as const;

const EXPORT_STATUS: Record<string, string> = { confirmed: "Plats", waitlisted: "Väntelista", pending: "Ej bekräftad" };

/**
 * Rows for the CSV export (written by app/utils/csv.server.ts); the export is audited.
 * Seats first, then the queue in order, then registrations still waiting for their
 * mail to be confirmed (marked "Ej bekräftad": they hold no seat).
 */
export async function exportRegistrations(eventId: string, actorId: string): Promise<string[][]> {
  const order = Object.keys(EXPORT_STATUS);
  const rows = (
    await prisma.registration.findMany({
      where: { eventId, status: { in: order } },
      orderBy: [{ waitlistSeq: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
      select: adminRowSelect,
    })
  ).sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  await recordAudit(prisma, { actorId, action: "registrations.export", entityType: "Event", entityId: eventId, detail: { rows: rows.length } });
  let position = 0;
  return rows.map((r) => [
    EXPORT_STATUS[r.status]!,
    r.status === "waitlisted" ? String(++position) : "",
    r.name,
    r.email,
    r.title,
    r.municipality?.name ?? "",
    r.municipality?.county.name ?? "",
    r.organisationName,
    // "2026-05-06 13:05" in Stockholm time: Excel reads it as a date, and it sorts.
    toStockholmInputValue(r.createdAt).replace("T", " "),
    r.attendedAt ? "Ja" : "",
    r.consentInvites ? "Ja" : "Nej",
  ]);
}

/** How many have a seat: the number the organizer confirms before a message goes out. */
export const countMessageRecipients = (eventId: string) => prisma.registration.count({ where: { eventId, status: "confirmed" } });

/**
 * The message as a participant will get it (template, greeting and footer
 * around the organizer's text), addressed to `to`: shown as the preview, or
 * queued to the organizer's own address as a test (never deduplicated).
 */
export async function renderMessage(eventId: string, { subject, body }: { subject: string; body: string }, to: { name: string }) {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event) return null;
  return organizerMessageTemplate({ name: to.name, event: mailInfo(event), subject, body, pageUrl: registrationPageUrl("exempel") });
}

export async function sendTestMessage(eventId: string, message: { subject: string; body: string }, organizer: { name: string; email: string }) {
  const mail = await renderMessage(eventId, message, organizer);
  if (!mail) return false;
  await enqueueEmail({ to: organizer.email, ...mail, subject: `TEST: ${mail.subject}`, kind: "registration-message-test" });
  return true;
}

/**
 * What a message is about. "recording": the recording page's "Berätta för deltagarna att
 * inspelningen finns"; each person gets that news once, however the text is edited or resent.
 */
export type MessageTopic = "recording";

/** Queues a message to everyone with a seat. The same message sent twice (double click) goes out once. */
export async function messageConfirmed(
  eventId: string,
  { subject, body }: { subject: string; body: string },
  actorId: string,
  { topic }: { topic?: MessageTopic } = {},
): Promise<number> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event) return 0;
  const people = await prisma.registration.findMany({ where: { eventId, status: "confirmed" }, select: { id: true, name: true, email: true } });
  const digest = createHash("sha256").update(`${subject}\n${body}`).digest("hex").slice(0, 16);
  let queued = 0;
  await transaction(async (tx) => {
    // PostgreSQL: a double click waits, then finds every mail queued (dedupeKey) instead of
    // racing into the unique key, which aborts the whole transaction there (SQLite: no-op).
    await lockEventOrganizing(tx, eventId);
    await recordAudit(tx, {
      actorId,
      action: "registrations.message",
      entityType: "Event",
      entityId: eventId,
      detail: { subject, recipients: people.length, ...(topic ? { topic } : {}) },
    });
    for (const p of people) {
      const mail = organizerMessageTemplate({ name: p.name, event: mailInfo(event), subject, body, pageUrl: registrationPageUrl(p.id) });
      const { created } = await enqueueEmail(
        { to: p.email, ...mail, kind: "registration-message", dedupeKey: topic ? `${topic}:${eventId}:${p.id}` : `message:${eventId}:${digest}:${p.id}` },
        tx,
      );
      if (created) queued++;
    }
  }, TX_OPTIONS);
  return queued;
}
