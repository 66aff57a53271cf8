import { prisma } from "~/utils/db.server";

/**
 * "Skickade mejl" on a forum's registrations page: each send about the forum with
 * its mails counted by state, who got one send, and what one person got.
 *
 * A send is found by the outbox dedupe keys the forum's mailings use
 * (`invitation:<event>:…`, `reminder:<event>:…`, `reminder-early:<event>:…`,
 * `message:<event>:<digest>:…`, `event-cancelled:<event>:…`). Mail without such a key
 * (the confirmation on registration) is not tied to a forum in the outbox and is not shown.
 * "Bounced" is not known here: the sender only sees what the SMTP server says at hand-off,
 * so a refusal then is "failed"; a later bounce goes to the sender address's inbox.
 */

export type MailState = "queued" | "sent" | "failed";

/** Rows read to count the sends of one forum; a forum's mailings are far fewer. */
const SEND_ROWS_CAP = 20_000;
export const RECIPIENTS_CAP = 200;
export const PERSON_HISTORY_CAP = 50;

const FIXED_SENDS = [
  { id: "inbjudan", key: "invitation", label: "Inbjudan till listan" },
  { id: "tidig-paminnelse", key: "reminder-early", label: "Påminnelse (skickad i förväg)" },
  { id: "paminnelse", key: "reminder", label: "Påminnelse" },
  { id: "installt", key: "event-cancelled", label: "Forumet är inställt" },
] as const;
const MESSAGE_ID = /^meddelande-([0-9a-f]{16})$/;

const eventPrefixes = (eventId: string) => [...FIXED_SENDS.map((s) => `${s.key}:${eventId}:`), `message:${eventId}:`];
const aboutEvent = (eventId: string) => ({ OR: eventPrefixes(eventId).map((prefix) => ({ dedupeKey: { startsWith: prefix } })) });

/** The key prefix of one send by its id in the URL, or null when the id is not one. */
function sendPrefix(eventId: string, sendId: string): string | null {
  const fixed = FIXED_SENDS.find((s) => s.id === sendId);
  if (fixed) return `${fixed.key}:${eventId}:`;
  const digest = MESSAGE_ID.exec(sendId)?.[1];
  return digest ? `message:${eventId}:${digest}:` : null;
}

/** Which send a mail belongs to, from its dedupe key. */
function sendOf(eventId: string, dedupeKey: string): { id: string; label: string | null } | null {
  for (const s of FIXED_SENDS) if (dedupeKey.startsWith(`${s.key}:${eventId}:`)) return { id: s.id, label: s.label };
  const digest = dedupeKey.startsWith(`message:${eventId}:`) ? dedupeKey.split(":")[2] : undefined;
  return digest ? { id: `meddelande-${digest}`, label: null } : null;
}

/** "sending" is still on its way: to the organizer it is in the queue. */
export const mailState = (status: string): MailState => (status === "sent" ? "sent" : status === "failed" ? "failed" : "queued");

/** Why a mail did not go out, in words: never the server's raw text. */
export function failureReason(status: string, lastError: string | null): string | null {
  if (!lastError || status === "sent") return null;
  const retry = status === "failed" ? "" : " Vi försöker igen.";
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|timeout|greeting/i.test(lastError)) return `Mejlservern gick inte att nå.${retry}`;
  if (/\b55[0-3]\b|recipient|mailbox|user unknown|no such user/i.test(lastError)) return `Mejlservern tog inte emot adressen.${retry}`;
  if (/\b4\d\d\b/.test(lastError)) return `Mejlservern bad oss vänta och försöka senare.${retry}`;
  if (/\b5\d\d\b|reject/i.test(lastError)) return `Mejlservern avvisade mejlet.${retry}`;
  return `Mejlet kunde inte lämnas till mejlservern.${retry}`;
}

export type EventSend = { id: string; label: string; firstAt: Date; lastAt: Date; total: number } & Record<MailState, number>;

/** The forum's sends, newest first, each with its mails counted by state. */
export async function listEventSends(eventId: string): Promise<EventSend[]> {
  const rows = await prisma.outboxEmail.findMany({
    where: aboutEvent(eventId),
    select: { dedupeKey: true, status: true, subject: true, createdAt: true },
    orderBy: { createdAt: "asc" },
    take: SEND_ROWS_CAP,
  });
  const sends = new Map<string, EventSend>();
  for (const row of rows) {
    const send = sendOf(eventId, row.dedupeKey ?? "");
    if (!send) continue;
    const entry = sends.get(send.id) ?? {
      id: send.id,
      label: send.label ?? `Meddelande: ${row.subject}`,
      firstAt: row.createdAt,
      lastAt: row.createdAt,
      total: 0,
      queued: 0,
      sent: 0,
      failed: 0,
    };
    entry.lastAt = row.createdAt;
    entry.total += 1;
    entry[mailState(row.status)] += 1;
    sends.set(send.id, entry);
  }
  return [...sends.values()].sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}

export type SentMail = { id: string; toAddress: string; subject: string; state: MailState; reason: string | null; sentAt: Date | null; createdAt: Date };

const mailSelect = { id: true, toAddress: true, subject: true, status: true, lastError: true, sentAt: true, createdAt: true } as const;
const toSentMail = ({ status, lastError, ...row }: { status: string; lastError: string | null } & Omit<SentMail, "state" | "reason">): SentMail => ({
  ...row,
  state: mailState(status),
  reason: failureReason(status, lastError),
});

/** Who got one send and how it went, failed first; null when there is no such send. */
export async function listSendRecipients(eventId: string, sendId: string) {
  const prefix = sendPrefix(eventId, sendId);
  if (!prefix) return null;
  const where = { dedupeKey: { startsWith: prefix } };
  const [rows, total] = await Promise.all([
    // "failed" < "queued" < "sending" < "sent": the ones that need a look come first.
    prisma.outboxEmail.findMany({ where, select: mailSelect, orderBy: [{ status: "asc" }, { toAddress: "asc" }, { id: "asc" }], take: RECIPIENTS_CAP }),
    prisma.outboxEmail.count({ where }),
  ]);
  if (total === 0) return null;
  return { id: sendId, total, mails: rows.map(toSentMail) };
}

/** The mails about this forum sent to one guest's address, newest first; null when the guest is not on this forum's list. */
export async function listGuestMail(eventId: string, registrationId: string) {
  const guest = await prisma.registration.findFirst({ where: { id: registrationId, eventId }, select: { id: true, name: true, email: true } });
  if (!guest) return null;
  const rows = await prisma.outboxEmail.findMany({
    where: { toAddress: guest.email, ...aboutEvent(eventId) },
    select: mailSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PERSON_HISTORY_CAP,
  });
  return { guest, mails: rows.map(toSentMail) };
}
