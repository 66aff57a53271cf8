import { prisma } from "~/utils/db.server";
import { confirmInvitationsTemplate, invitationTemplate } from "~/utils/forum-email-templates.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { eventPlaceLabel } from "~/utils/labels";
import { eventHref } from "~/utils/links";
import { appUrl, unsubscribeUrl } from "~/utils/signed-links.server";
import { recordAudit } from "./audit.server";
import { consumeToken, createToken } from "./auth-token.server";
import { lockEventOrganizing, lockName } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { transaction, TX_OPTIONS, type Tx } from "./transaction.server";

/**
 * "Få inbjudan till nästa forum": a double opt-in list. Nobody gets an invitation
 * before they have clicked the link in the confirmation mail, and every invitation
 * carries a signed one-click unsubscribe link.
 */

export type SubscribeInput = { email: string; name?: string; municipalityCode?: string | null; source: "form" | "registration" | "contact" };
export type SubscribeOutcome = "confirmation-sent" | "already-subscribed";

/**
 * Adds (or refreshes) a subscriber and mails the confirmation link, inside the
 * caller's transaction. An active, confirmed subscriber is left as is.
 * The first statement is a write, so the transaction holds SQLite's write lock
 * before it reads.
 */
export async function subscribeInTransaction(tx: Tx, input: SubscribeInput): Promise<SubscribeOutcome> {
  const email = input.email.trim().toLowerCase();
  const details = { name: input.name?.trim() ?? "", municipalityCode: input.municipalityCode || null };
  // PostgreSQL: the update below locks nothing when there is no row yet, so the same
  // address asked for twice at once (or registered for two forums at once) would be
  // inserted twice and fail on the unique key (SQLite: no-op).
  await lockName(tx, "invitation", email);
  const { count } = await tx.invitationSubscriber.updateMany({
    where: { email, OR: [{ confirmedAt: null }, { unsubscribedAt: { not: null } }] },
    data: details,
  });
  if (count === 0) {
    const existing = await tx.invitationSubscriber.findUnique({ where: { email }, select: { id: true } });
    if (existing) return "already-subscribed";
    await tx.invitationSubscriber.create({ data: { email, ...details, source: input.source } });
  }
  const token = await createToken("confirm-invitations", { email }, tx);
  // The address is not proven yet: a neutral greeting, nothing typed into the form.
  const mail = confirmInvitationsTemplate({ url: appUrl(`/inbjudan/bekrafta?token=${encodeURIComponent(token)}`) });
  await enqueueEmail({ to: email, ...mail, kind: "invitation-confirm" }, tx);
  return "confirmation-sent";
}

export async function requestInvitations(input: Omit<SubscribeInput, "source">): Promise<SubscribeOutcome | "unknown-municipality"> {
  if (input.municipalityCode) {
    const known = await prisma.municipality.findUnique({ where: { code: input.municipalityCode }, select: { code: true } });
    if (!known) return "unknown-municipality";
  }
  return transaction((tx) => subscribeInTransaction(tx, { ...input, source: "form" }), TX_OPTIONS);
}

/** Follows the confirmation link: the address is on the list from now on. */
export async function confirmInvitations(token: string, now: Date = new Date()): Promise<boolean> {
  return transaction(async (tx) => {
    const used = await consumeToken("confirm-invitations", token, tx);
    if (!used) return false;
    const { count } = await tx.invitationSubscriber.updateMany({ where: { email: used.email }, data: { confirmedAt: now, unsubscribedAt: null } });
    return count === 1;
  }, TX_OPTIONS);
}

export async function getSubscriberForUnsubscribe(subscriberId: string) {
  return prisma.invitationSubscriber.findUnique({ where: { id: subscriberId }, select: { id: true, email: true, unsubscribedAt: true } });
}

export async function unsubscribe(subscriberId: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.invitationSubscriber.updateMany({ where: { id: subscriberId, unsubscribedAt: null }, data: { unsubscribedAt: now } });
  return count === 1;
}

export async function countActiveSubscribers(): Promise<number> {
  return prisma.invitationSubscriber.count({ where: { confirmedAt: { not: null }, unsubscribedAt: null } });
}

export async function countInvitationsSent(eventId: string): Promise<number> {
  return prisma.invitationSend.count({ where: { eventId } });
}

/**
 * Organizer action: queues the invitation to an upcoming, published event for every
 * confirmed subscriber who has not had it yet. Repeating the action sends nothing
 * twice: InvitationSend is unique per (event, subscriber), and each mail has a dedupeKey.
 */
export async function sendInvitations(
  eventId: string,
  actorId: string,
  now: Date = new Date(),
): Promise<{ outcome: "sent"; queued: number } | { outcome: "not-open" }> {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    select: { id: true, slug: true, title: true, summary: true, startsAt: true, endsAt: true, format: true, location: true, status: true },
  });
  if (!event || event.status !== "published" || event.startsAt <= now) return { outcome: "not-open" };
  const info = {
    title: event.title,
    summary: event.summary,
    when: `${formatDateTime(event.startsAt)}–${formatTime(event.endsAt)}`,
    place: eventPlaceLabel(event.format, event.location),
    eventUrl: appUrl(eventHref(event)),
  };
  return transaction(async (tx) => {
    await lockEventOrganizing(tx, eventId); // PostgreSQL: a second send waits, then finds everyone invited
    await recordAudit(tx, { actorId, action: "invitations.send", entityType: "Event", entityId: eventId }); // write first: takes the lock (SQLite)
    const subscribers = await tx.invitationSubscriber.findMany({
      where: { confirmedAt: { not: null }, unsubscribedAt: null, sends: { none: { eventId } } },
      select: { id: true, email: true, name: true },
      take: 20_000,
    });
    for (const s of subscribers) {
      await tx.invitationSend.create({ data: { eventId, subscriberId: s.id } });
      const mail = invitationTemplate({ name: s.name, event: info, unsubscribeUrl: unsubscribeUrl(s.id) });
      await enqueueEmail({ to: s.email, ...mail, kind: "invitation", dedupeKey: `invitation:${eventId}:${s.id}` }, tx);
    }
    return { outcome: "sent" as const, queued: subscribers.length };
  }, TX_OPTIONS);
}
