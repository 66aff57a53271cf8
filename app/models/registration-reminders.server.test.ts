import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { registerForEvent, type RegistrationInput } from "./registration.server";
import { countEarlyReminderRecipients, reminderSchedule, sendDueReminders, sendEarlyReminder } from "./registration-reminders.server";

const HOUR = 3600_000;

async function makeEvent(slug: string, startsInHours: number) {
  const startsAt = new Date(Date.now() + startsInHours * HOUR);
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
    select: { id: true, startsAt: true },
  });
}

const person = (eventId: string, n: string): RegistrationInput => ({
  eventId,
  email: `p${n}@borlange.example`,
  name: `Person ${n}`,
  title: "Analytiker",
  municipalityCode: "2081",
  organisationName: "",
  userId: null,
  consentInvites: false,
});

async function register(eventId: string, n: string, now?: Date) {
  const r = await registerForEvent(person(eventId, n), now);
  if (r.outcome !== "confirmed") throw new Error(`expected a seat, got ${r.outcome}`);
  return r.registrationId;
}

const reminderKeys = async (eventId: string) =>
  (
    await prisma.outboxEmail.findMany({
      where: { kind: "registration-reminder", dedupeKey: { contains: eventId } },
      select: { toAddress: true, dedupeKey: true },
    })
  )
    .map((m) => `${m.dedupeKey!.startsWith("reminder-early:") ? "early" : "scheduled"} ${m.toAddress}`)
    .sort();

let organizerId = "";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
  organizerId = (await prisma.user.create({ data: { email: "org@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } })).id;
});

describe("reminders are a schedule", () => {
  it("an early send leaves the scheduled reminder to go, to everyone with a seat", async () => {
    const event = await makeEvent("tidig", 72);
    await register(event.id, "e1");
    await register(event.id, "e2");
    expect(await countEarlyReminderRecipients(event.id)).toBe(2);
    expect(await sendEarlyReminder(event.id, organizerId)).toEqual({ outcome: "sent", recipients: 2 });
    expect(await countEarlyReminderRecipients(event.id)).toBe(0);

    const pending = await reminderSchedule({ ...event, reminderSentAt: null });
    expect(pending).toMatchObject({ scheduledFor: new Date(event.startsAt.getTime() - 24 * HOUR), sentAt: null, received: 0, early: 2 });

    // 24 hours before the start the job still sends the scheduled one, to both.
    const dayBefore = new Date(event.startsAt.getTime() - 23 * HOUR);
    expect(await sendDueReminders(dayBefore)).toBe(2);
    expect(await reminderKeys(event.id)).toEqual([
      "early pe1@borlange.example",
      "early pe2@borlange.example",
      "scheduled pe1@borlange.example",
      "scheduled pe2@borlange.example",
    ]);
    const { reminderSentAt } = (await prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { reminderSentAt: true } }))!;
    expect(reminderSentAt).toEqual(dayBefore);
    expect(await reminderSchedule({ ...event, reminderSentAt })).toMatchObject({ sentAt: dayBefore, received: 2, early: 2 });
  });

  it("someone who registers after the scheduled send gets it on the next run, and nobody gets it twice", async () => {
    const event = await makeEvent("sen", 12);
    await register(event.id, "s1");
    expect(await sendDueReminders()).toBe(1);
    await register(event.id, "s2");
    expect(await sendDueReminders()).toBe(1);
    expect(await sendDueReminders()).toBe(0);
    expect(await reminderKeys(event.id)).toEqual(["scheduled ps1@borlange.example", "scheduled ps2@borlange.example"]);
    const audits = await prisma.auditLog.count({ where: { action: "registrations.reminder", entityId: event.id } });
    expect(audits).toBe(2);
  });

  it("two job runs at once send the scheduled reminder once per person", async () => {
    const event = await makeEvent("samtidigt", 6);
    for (const n of ["c1", "c2", "c3"]) await register(event.id, n);
    const [a, b] = await Promise.all([sendDueReminders(), sendDueReminders()]);
    expect(a + b).toBe(3);
    expect(await reminderKeys(event.id)).toEqual(["scheduled pc1@borlange.example", "scheduled pc2@borlange.example", "scheduled pc3@borlange.example"]);
    expect(await prisma.auditLog.count({ where: { action: "registrations.reminder", entityId: event.id } })).toBe(1);
  });

  it("no reminder for a forum that has started", async () => {
    const event = await makeEvent("borjat", 1);
    await register(event.id, "b1");
    expect(await sendEarlyReminder(event.id, organizerId, new Date(event.startsAt.getTime() + 1000))).toEqual({ outcome: "closed" });
  });
});
