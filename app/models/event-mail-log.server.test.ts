import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { failureReason, listEventSends, listGuestMail, listSendRecipients } from "./event-mail-log.server";
import { sendInvitations } from "./invitation.server";
import { claimBatch, markFailed, markSent, MAX_ATTEMPTS } from "./outbox.server";
import { messageConfirmed } from "./registration-admin.server";
import { sendEarlyReminder } from "./registration-reminders.server";
import { registerForEvent } from "./registration.server";

const HOUR = 3600_000;
let organizerId = "";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
  organizerId = (await prisma.user.create({ data: { email: "org@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } })).id;
});

async function makeEvent(slug: string) {
  const startsAt = new Date(Date.now() + 72 * HOUR);
  return prisma.event.create({
    data: {
      slug,
      title: `Forum ${slug}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      status: "published",
      capacity: null,
      joinUrl: "https://meet.example/p",
    },
    select: { id: true },
  });
}

async function register(eventId: string, email: string) {
  const r = await registerForEvent({
    eventId,
    email,
    name: email.split("@")[0]!,
    title: "Analytiker",
    municipalityCode: "2081",
    organisationName: "",
    userId: null,
    consentInvites: false,
  });
  if (r.outcome !== "confirmed") throw new Error(`expected a seat, got ${r.outcome}`);
  return r.registrationId;
}

describe("Skickade mejl on a forum", () => {
  it("groups the forum's sends with their states, lists a send's recipients, and keeps each guest's history", async () => {
    const event = await makeEvent("mejllogg");
    const other = await makeEvent("annat-forum");
    const anna = await register(event.id, "anna@borlange.example");
    await register(event.id, "bo@borlange.example");
    await register(other.id, "anna@borlange.example");
    await prisma.invitationSubscriber.create({ data: { email: "anna@borlange.example", confirmedAt: new Date() } });

    expect(await sendInvitations(event.id, organizerId)).toMatchObject({ outcome: "sent", queued: 1 });
    expect(await messageConfirmed(event.id, { subject: "Lokalen är bytt", body: "Vi ses i sal B." }, organizerId)).toBe(2);
    expect(await sendEarlyReminder(event.id, organizerId)).toEqual({ outcome: "sent", recipients: 2 });
    expect(await messageConfirmed(other.id, { subject: "Annat", body: "Inte detta forum." }, organizerId)).toBe(1);

    // The sender takes the mail; Anna's message goes out, Bo's reminder is refused for the last time.
    const claimed = await claimBatch(100);
    const annasMessage = claimed.find((m) => m.kind === "registration-message" && m.toAddress === "anna@borlange.example" && m.subject.includes("Lokalen"));
    const bosReminder = claimed.find((m) => m.kind === "registration-reminder" && m.toAddress === "bo@borlange.example");
    await markSent(annasMessage!.id);
    await prisma.outboxEmail.update({ where: { id: bosReminder!.id }, data: { attempts: MAX_ATTEMPTS } });
    expect(
      await markFailed(bosReminder!.id, new Error("550 5.1.1 <bo@borlange.example>: Recipient address rejected\n    at SMTPConnection._formatError")),
    ).toMatchObject({
      status: "failed",
    });

    const sends = await listEventSends(event.id);
    const byLabel = Object.fromEntries(sends.map((s) => [s.label, { total: s.total, queued: s.queued, sent: s.sent, failed: s.failed }]));
    expect(byLabel).toEqual({
      "Inbjudan till listan": { total: 1, queued: 1, sent: 0, failed: 0 },
      "Meddelande: Lokalen är bytt (Forum mejllogg) – Kommunforum Analytics": { total: 2, queued: 1, sent: 1, failed: 0 },
      "Påminnelse (skickad i förväg)": { total: 2, queued: 1, sent: 0, failed: 1 },
    });

    const reminder = sends.find((s) => s.label.startsWith("Påminnelse"))!;
    const recipients = await listSendRecipients(event.id, reminder.id);
    expect(recipients?.total).toBe(2);
    expect(recipients?.mails.map((m) => [m.toAddress, m.state, m.reason])).toEqual([
      ["bo@borlange.example", "failed", "Mejlservern tog inte emot adressen."],
      ["anna@borlange.example", "queued", null],
    ]);
    expect(await listSendRecipients(event.id, "meddelande-zz")).toBeNull();
    expect(await listSendRecipients(other.id, reminder.id)).toBeNull();

    const history = await listGuestMail(event.id, anna);
    expect(history?.guest.email).toBe("anna@borlange.example");
    expect(
      history?.mails.map((m) => [m.subject.includes("Lokalen") ? "meddelande" : m.subject.includes("nbjud") ? "inbjudan" : "annat", m.state]).sort(),
    ).toEqual(
      [
        ["annat", "queued"],
        ["inbjudan", "queued"],
        ["meddelande", "sent"],
      ].sort(),
    );
    // Another forum's guest is not reachable through this forum.
    expect(await listGuestMail(other.id, anna)).toBeNull();
  });

  it("says why a mail failed in words, never the server's text", () => {
    expect(failureReason("queued", "connect ECONNREFUSED 127.0.0.1:25")).toBe("Mejlservern gick inte att nå. Vi försöker igen.");
    expect(failureReason("failed", "421 4.7.0 Try again later")).toBe("Mejlservern bad oss vänta och försöka senare.");
    expect(failureReason("failed", "Error: something odd\n    at x.js:1")).toBe("Mejlet kunde inte lämnas till mejlservern.");
    expect(failureReason("sent", "old error")).toBeNull();
  });
});
