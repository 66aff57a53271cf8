import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { confirmInvitations, requestInvitations, sendInvitations } from "./invitation.server";
import { cancelRegistration, getEventForRegistration, getOwnRegistration, registerForEvent, type RegistrationInput } from "./registration.server";
import { countRegistrations, exportRegistrations, messageConfirmed, promoteManually, setAttendance } from "./registration-admin.server";
import { sendDueReminders, sendEarlyReminder } from "./registration-reminders.server";
import { registrationClosedReason } from "./registration-seats.server";

const HOUR = 3600_000;
const inDays = (d: number) => new Date(Date.now() + d * 24 * HOUR);

async function makeEvent(slug: string, data: { days?: number; capacity?: number | null; status?: string; deadlineDays?: number; joinUrl?: string } = {}) {
  const startsAt = inDays(data.days ?? 10);
  return prisma.event.create({
    data: {
      slug,
      title: `Forum ${slug}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1.5 * HOUR),
      status: data.status ?? "published",
      capacity: data.capacity === undefined ? 2 : data.capacity,
      joinUrl: data.joinUrl ?? "https://meet.example/hemlig",
      registrationDeadline: data.deadlineDays === undefined ? null : inDays(data.deadlineDays),
    },
    select: { id: true },
  });
}

const person = (eventId: string, n: number | string, extra: Partial<RegistrationInput> = {}): RegistrationInput => ({
  eventId,
  email: `person${n}@borlange.example`,
  name: `Person ${n}`,
  title: "Analytiker",
  municipalityCode: "2081",
  organisationName: "",
  userId: null,
  consentInvites: false,
  ...extra,
});

const mailsTo = (email: string) =>
  prisma.outboxEmail.findMany({
    where: { toAddress: email },
    orderBy: { createdAt: "asc" },
    select: { kind: true, subject: true, text: true, attachments: true },
  });

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
});

describe("registration", () => {
  it("confirms while seats last, then waitlists with positions, and mails each with an .ics", async () => {
    const { id } = await makeEvent("platser");
    const a = await registerForEvent(person(id, "a1"));
    const b = await registerForEvent(person(id, "a2"));
    const c = await registerForEvent(person(id, "a3"));
    const d = await registerForEvent(person(id, "a4", { municipalityCode: null, organisationName: "Region Dalarna" }));
    expect([a.outcome, b.outcome, c.outcome, d.outcome]).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect(c.outcome === "waitlisted" && c.position).toBe(1);
    expect(d.outcome === "waitlisted" && d.position).toBe(2);
    expect((await prisma.event.findUnique({ where: { id }, select: { seatsTaken: true } }))?.seatsTaken).toBe(2);

    const [confirmed] = await mailsTo("persona1@borlange.example");
    expect(confirmed?.kind).toBe("registration-confirmed");
    expect(confirmed?.text).toContain("https://meet.example/hemlig");
    expect(confirmed?.text).toMatch(/\/forum\/avanmal\?r=[^&\s]+&sig=/);
    expect(JSON.parse(confirmed!.attachments!)[0]).toMatchObject({ filename: "platser.ics", contentType: expect.stringContaining("text/calendar") });

    const [waiting] = await mailsTo("persona3@borlange.example");
    expect(waiting?.kind).toBe("registration-waitlisted");
    expect(waiting?.text).toContain("nummer 1");
    expect(waiting?.text).not.toContain("meet.example");
    expect(JSON.parse(waiting!.attachments!)[0].content).not.toContain("meet.example");
  });

  it("a claim costs few statements: the caller's event read is reused, a full event's seat update is skipped (issue 18)", async () => {
    const { id } = await makeEvent("fa-satser", { capacity: 1 });
    const event = await getEventForRegistration("fa-satser");
    const seat = await countQueries(() => registerForEvent(person(id, "q1"), new Date(), event));
    const queued = await countQueries(() => registerForEvent(person(id, "q2"), new Date(), event));
    expect([seat.result.outcome, queued.result]).toEqual(["confirmed", expect.objectContaining({ outcome: "waitlisted", position: 1 })]);
    // Outside: municipality, existing registration. Inside: BEGIN, event, seat or waitlist place, row, mail, COMMIT.
    expect(seat.queries).toBeLessThanOrEqual(8);
    expect(queued.queries).toBeLessThanOrEqual(8);
  });

  it("answers 'already' for the same email (any case) and keeps one row", async () => {
    const { id } = await makeEvent("dubbel", { capacity: 5 });
    const first = await registerForEvent(person(id, "d1"));
    const again = await registerForEvent(person(id, "d1", { email: "PERSOND1@Borlange.example" }));
    expect(first.outcome).toBe("confirmed");
    expect(again).toMatchObject({ outcome: "already", status: "confirmed" });
    expect(await prisma.registration.count({ where: { eventId: id } })).toBe(1);
    const all = await Promise.all(Array.from({ length: 20 }, () => registerForEvent(person(id, "d2"))));
    expect(all.filter((r) => r.outcome === "confirmed")).toHaveLength(1);
    expect(all.filter((r) => r.outcome === "already")).toHaveLength(19);
    expect(await prisma.registration.count({ where: { eventId: id, email: "persond2@borlange.example" } })).toBe(1);
  });

  it("cancelling frees the seat and promotes the first in line, who is mailed", async () => {
    const { id } = await makeEvent("avanmal", { capacity: 1 });
    const seat = await registerForEvent(person(id, "c1"));
    const q1 = await registerForEvent(person(id, "c2"));
    const q2 = await registerForEvent(person(id, "c3"));
    expect([seat.outcome, q1.outcome, q2.outcome]).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    if (seat.outcome !== "confirmed" || q1.outcome !== "waitlisted" || q2.outcome !== "waitlisted") throw new Error("unexpected");

    const result = await cancelRegistration(seat.registrationId);
    expect(result).toMatchObject({ outcome: "cancelled", wasStatus: "confirmed", promoted: [q1.registrationId] });
    expect((await getOwnRegistration(q1.registrationId))?.status).toBe("confirmed");
    expect((await getOwnRegistration(q1.registrationId))?.joinUrl).toBe("https://meet.example/hemlig");
    expect((await getOwnRegistration(q2.registrationId))?.position).toBe(1);
    expect((await getOwnRegistration(seat.registrationId))?.joinUrl).toBeNull();
    const promotedMail = (await mailsTo("personc2@borlange.example")).at(-1);
    expect(promotedMail?.kind).toBe("registration-promoted");
    expect(promotedMail?.subject).toContain("Du har fått en plats");
    expect(promotedMail?.text).toContain("https://meet.example/hemlig");
    expect((await prisma.event.findUnique({ where: { id }, select: { seatsTaken: true } }))?.seatsTaken).toBe(1);

    // A second cancel is a no-op; a waitlisted person's cancel frees no seat.
    expect(await cancelRegistration(seat.registrationId)).toEqual({ outcome: "not-active" });
    expect(await cancelRegistration(q2.registrationId)).toMatchObject({ outcome: "cancelled", wasStatus: "waitlisted", promoted: [] });
    // Re-registering after cancelling reuses the row and joins the back of the queue.
    const back = await registerForEvent(person(id, "c1"));
    expect(back).toMatchObject({ outcome: "waitlisted", registrationId: seat.registrationId, position: 1 });
  });

  it("is closed at the deadline, for cancelled, past and draft events", async () => {
    const late = await makeEvent("sent", { deadlineDays: -1 });
    const off = await makeEvent("installt", { status: "cancelled" });
    const past = await makeEvent("forbi", { days: -3 });
    const draft = await makeEvent("utkast", { status: "draft" });
    expect(await registerForEvent(person(late.id, "x"))).toEqual({ outcome: "closed", reason: "deadline" });
    expect(await registerForEvent(person(off.id, "x"))).toEqual({ outcome: "closed", reason: "cancelled" });
    expect(await registerForEvent(person(past.id, "x"))).toEqual({ outcome: "closed", reason: "past" });
    expect(await registerForEvent(person(draft.id, "x"))).toEqual({ outcome: "closed", reason: "not-found" });
    expect(await registerForEvent(person(late.id, "x", { municipalityCode: "9999" }))).toEqual({ outcome: "closed", reason: "deadline" });
    const open = await makeEvent("oppen");
    expect(await registerForEvent(person(open.id, "x", { municipalityCode: "9999" }))).toEqual({ outcome: "unknown-municipality" });
    expect(registrationClosedReason({ status: "published", startsAt: inDays(-0.01), endsAt: inDays(0.05), registrationDeadline: null })).toBe("started");
    expect(await prisma.registration.count({ where: { email: "personx@borlange.example" } })).toBe(0);
  });

  it("consent to invitations starts the double opt-in instead of subscribing at once", async () => {
    const { id } = await makeEvent("samtycke", { capacity: null });
    await registerForEvent(person(id, "i1", { consentInvites: true }));
    const sub = await prisma.invitationSubscriber.findUnique({ where: { email: "personi1@borlange.example" }, select: { confirmedAt: true, source: true } });
    expect(sub).toEqual({ confirmedAt: null, source: "registration" });
    const confirm = (await mailsTo("personi1@borlange.example")).find((m) => m.kind === "invitation-confirm");
    const token = /token=([\w-]+)/.exec(confirm?.text ?? "")?.[1];
    expect(token).toBeTruthy();
    expect(await confirmInvitations(token!)).toBe(true);
    expect(await confirmInvitations(token!)).toBe(false);

    const next = await makeEvent("inbjudan", { days: 20 });
    const organizer = await prisma.user.create({ data: { email: "org@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } });
    expect(await sendInvitations(next.id, organizer.id)).toEqual({ outcome: "sent", queued: 1 });
    expect(await sendInvitations(next.id, organizer.id)).toEqual({ outcome: "sent", queued: 0 });
    const invitations = (await mailsTo("personi1@borlange.example")).filter((m) => m.kind === "invitation");
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.text).toMatch(/\/inbjudan\/avsluta\?s=[^&\s]+&sig=/);
  });

  it("the invitation list's confirmation mail repeats no name typed into the form", async () => {
    expect(await requestInvitations({ email: "lista@third.example", name: "Besök spam.example", municipalityCode: null })).toBe("confirmation-sent");
    const [mail] = await mailsTo("lista@third.example");
    expect(mail?.kind).toBe("invitation-confirm");
    expect(mail?.text.startsWith("Hej!\n")).toBe(true);
    expect(mail?.text).not.toContain("spam.example");
  });

  it("organizer tools: manual promote, attendance, counts, export, message and a scheduled reminder that reaches each person once", async () => {
    const { id } = await makeEvent("arrangor", { capacity: 1, days: 0.5 });
    const org = await prisma.user.create({ data: { email: "org2@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } });
    const a = await registerForEvent(person(id, "o1"));
    const b = await registerForEvent(person(id, "o2", { municipalityCode: null, organisationName: "Länsstyrelsen" }));
    if (b.outcome !== "waitlisted" || a.outcome !== "confirmed") throw new Error("unexpected");
    expect(await promoteManually(b.registrationId, org.id)).toBe("promoted");
    expect(await promoteManually(b.registrationId, org.id)).toBe("not-waitlisted");
    expect(await prisma.event.findUnique({ where: { id }, select: { capacity: true, seatsTaken: true } })).toEqual({ capacity: 2, seatsTaken: 2 });

    const counts = await countRegistrations(id);
    expect(counts).toMatchObject({ confirmed: 2, waitlisted: 0 });
    expect(counts.byCounty).toEqual(
      expect.arrayContaining([
        { name: "Dalarnas län", count: 1 },
        { name: "Annan organisation", count: 1 },
      ]),
    );

    // Attendance only once the event has started.
    expect(await setAttendance(id, a.registrationId, true, org.id)).toBe(false);
    expect(await setAttendance(id, a.registrationId, true, org.id, inDays(0.6))).toBe(true);

    const rows = await exportRegistrations(id, org.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("persono1@borlange.example");
    // The time of registration as a sortable date and time, which Excel reads as a date.
    expect(rows[0]![8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    expect(await messageConfirmed(id, { subject: "Praktisk info", body: "Vi börjar 13.00." }, org.id)).toBe(2);
    expect(await messageConfirmed(id, { subject: "Praktisk info", body: "Vi börjar 13.00." }, org.id)).toBe(0);

    expect(await sendDueReminders()).toBe(2);
    expect(await sendDueReminders()).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { kind: "registration-reminder" } })).toBe(2);
    // An early send after the scheduled one is the organizer's own, to everyone with a seat.
    expect(await sendEarlyReminder(id, org.id)).toEqual({ outcome: "sent", recipients: 2 });
    const actions = (await prisma.auditLog.findMany({ where: { entityId: { in: [id, a.registrationId, b.registrationId] } }, select: { action: true } })).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["registration.promote", "registration.attended", "registrations.export", "registrations.message", "registrations.reminder"]),
    );
  });
});

describe("telling participants that the recording is available", () => {
  it("reaches everyone who had a seat once, however the text is edited or sent again", async () => {
    const { id } = await makeEvent("inspelning-finns");
    await registerForEvent(person(id, "r1"));
    await registerForEvent(person(id, "r2"));
    await registerForEvent(person(id, "r3")); // waitlisted: had no seat
    const org = await prisma.user.create({ data: { email: "org-rec@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } });
    const recording = { topic: "recording" as const };
    expect(await messageConfirmed(id, { subject: "Inspelningen finns nu", body: "Se den här." }, org.id, recording)).toBe(2);
    expect(await messageConfirmed(id, { subject: "Inspelningen finns nu!", body: "Rättad länk." }, org.id, recording)).toBe(0);
    expect(
      await prisma.outboxEmail.count({
        where: { kind: "registration-message", toAddress: { in: ["personr1@borlange.example", "personr3@borlange.example"] } },
      }),
    ).toBe(1);
    // An ordinary message is not held back by the recording notice.
    expect(await messageConfirmed(id, { subject: "Enkät", body: "Vad tyckte du?" }, org.id)).toBe(2);
  });
});
