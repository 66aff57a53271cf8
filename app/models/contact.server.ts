import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { emailLayout } from "~/utils/email-templates.server";
import { recordAudit } from "./audit.server";
import { subscribeInTransaction } from "./invitation.server";
import { enqueueEmail } from "./outbox.server";
import { subjectLabel, type ContactStatus } from "~/validation/contact";
import { transaction, type Tx } from "./transaction.server";
import { inboxMessageHref } from "~/utils/links";
import { containsText } from "~/utils/dialect.server";

/**
 * Contact messages to the organizer and the organizer's inbox. A message is a
 * row before any email is attempted (both mails go through the outbox in the
 * same transaction), so nothing is lost while SMTP is down.
 */
export type NewContactMessage = {
  name: string;
  email: string;
  municipalityCode: string | null;
  organisationName: string;
  subject: string;
  body: string;
};

export async function createContactMessage(input: NewContactMessage) {
  const { ORGANIZER_EMAIL, APP_URL } = env();
  return transaction(async (tx) => {
    if (input.municipalityCode) {
      const known = await tx.municipality.findUnique({ where: { code: input.municipalityCode }, select: { code: true } });
      if (!known) input = { ...input, municipalityCode: null };
    }
    // "Jag vill få inbjudan": the sender joins the invitation list, after confirming by email.
    if (input.subject === "inbjudan") {
      await subscribeInTransaction(tx, { email: input.email, name: input.name, municipalityCode: input.municipalityCode, source: "contact" });
    }
    const row = await tx.contactMessage.create({
      data: { ...input, consentedAt: new Date() },
      select: { id: true },
    });
    const receipt = emailLayout({
      subject: "Vi har tagit emot ditt meddelande – Kommunforum Analytics",
      name: input.name,
      blocks: [
        `Tack för ditt meddelande om ”${subjectLabel(input.subject)}”. Forumansvarig läser det och svarar så snart som möjligt, oftast inom några arbetsdagar.`,
        // The message itself is not echoed: the form must not become a way to mail any text to any address.
        "Har du inte skrivit till oss? Då kan du bortse från det här mejlet.",
      ],
    });
    await enqueueEmail({ to: input.email, kind: "contact-receipt", ...receipt }, tx);
    const notice = emailLayout({
      subject: `Nytt meddelande: ${subjectLabel(input.subject)}`,
      blocks: [
        `${input.name} (${input.email}) har skrivit via kontaktformuläret.`,
        input.body,
        { label: "Öppna i inkorgen", url: new URL(inboxMessageHref(row.id), APP_URL).toString() },
      ],
    });
    await enqueueEmail({ to: ORGANIZER_EMAIL, kind: "contact-notice", ...notice }, tx);
    return row;
  });
}

export async function listContactMessages({ status, query, take = 50 }: { status?: ContactStatus; query?: string; take?: number }) {
  const q = query?.trim();
  return prisma.contactMessage.findMany({
    where: {
      ...(status ? { status } : {}),
      ...(q ? { OR: [{ name: containsText(q) }, { email: containsText(q) }, { body: containsText(q) }, { organisationName: containsText(q) }] } : {}),
    },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      email: true,
      subject: true,
      status: true,
      createdAt: true,
      organisationName: true,
      municipality: { select: { name: true } },
      assignedTo: { select: { name: true } },
      _count: { select: { replies: true } },
    },
  });
}

export async function countContactMessages() {
  const groups = await prisma.contactMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<ContactStatus, number>>;
}

/** A message with its replies, and the sender's other messages so a conversation stays together. */
export async function getContactMessage(id: string) {
  const message = await prisma.contactMessage.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      subject: true,
      body: true,
      status: true,
      createdAt: true,
      organisationName: true,
      assignedToId: true,
      municipality: { select: { name: true, county: { select: { name: true } } } },
      replies: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, direction: true, author: { select: { name: true } } } },
    },
  });
  if (!message) return null;
  const earlier = await prisma.contactMessage.findMany({
    where: { email: message.email, id: { not: id } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, subject: true, status: true, createdAt: true },
  });
  return { ...message, earlier };
}

export async function listOrganizers() {
  return prisma.user.findMany({
    where: { role: { in: ["organizer", "admin"] }, deletedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

async function audit(tx: Tx, actorId: string, id: string, action: string, detail: Record<string, unknown> = {}) {
  await recordAudit(tx, { actorId, action, entityType: "ContactMessage", entityId: id, detail });
}

/** Sends the organizer's reply by email, keeps it in the message's history and marks it answered. */
export async function replyToContactMessage(actorId: string, id: string, body: string) {
  return transaction(async (tx) => {
    const message = await tx.contactMessage.findUnique({ where: { id }, select: { name: true, email: true, subject: true } });
    if (!message) return false;
    await tx.contactReply.create({ data: { messageId: id, authorId: actorId, body, direction: "out" } });
    await tx.contactMessage.update({ where: { id }, data: { status: "besvarad", archivedAt: null } });
    const mail = emailLayout({
      subject: `Svar: ${subjectLabel(message.subject)} – Kommunforum Analytics`,
      name: message.name,
      blocks: [body, "Svara gärna på det här mejlet om du har fler frågor."],
    });
    await enqueueEmail({ to: message.email, kind: "contact-reply", ...mail }, tx);
    await audit(tx, actorId, id, "contact.reply");
    return true;
  });
}

export async function setContactStatus(actorId: string, id: string, status: ContactStatus) {
  return transaction(async (tx) => {
    const { count } = await tx.contactMessage.updateMany({
      where: { id },
      data: { status, archivedAt: status === "arkiverad" ? new Date() : null },
    });
    if (count) await audit(tx, actorId, id, "contact.status", { status });
    return count === 1;
  });
}

export async function assignContactMessage(actorId: string, id: string, assigneeId: string | null) {
  return transaction(async (tx) => {
    if (assigneeId) {
      const assignee = await tx.user.findFirst({ where: { id: assigneeId, role: { in: ["organizer", "admin"] } }, select: { id: true } });
      if (!assignee) return false;
    }
    const { count } = await tx.contactMessage.updateMany({ where: { id }, data: { assignedToId: assigneeId } });
    if (count) await audit(tx, actorId, id, "contact.assign", { assigneeId });
    return count === 1;
  });
}
