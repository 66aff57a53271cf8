import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { eventSchema } from "~/validation/event";
import { addAgendaItem, addSpeaker, deleteAgendaItem, moveAgendaItem } from "./event-program.server";
import { cancelEvent, createEvent, getEventForEdit, publishEvent, refusableEventChange, unpublishEvent, updateEvent } from "./event-admin.server";

const APP_URL = "http://localhost:3000";
let organizerId = "";
let n = 0;

beforeAll(async () => {
  const user = await prisma.user.create({ data: { email: "arrangor@test.example", name: "Arrangör", role: "organizer" }, select: { id: true } });
  organizerId = user.id;
  for (const slug of ["bi", "iot"]) await prisma.tag.create({ data: { slug, name: slug.toUpperCase(), kind: "area" } });
});

/** A valid form submission, through the real schema. */
function input(overrides: Record<string, unknown> = {}) {
  return eventSchema.parse({
    title: `Forum ${++n}`,
    slug: "",
    summary: "Kort om forumet.",
    descriptionMd: "Hej **alla**",
    startsAt: "2030-05-06T13:00",
    endsAt: "2030-05-06T14:30",
    format: "webinar",
    location: "På webben",
    joinUrl: "https://möte.example/abc",
    capacity: "",
    registrationDeadline: "",
    ...overrides,
  });
}

const auditRows = (entityId: string, action?: string) => prisma.auditLog.findMany({ where: { entityId, ...(action ? { action } : {}) } });

async function register(eventId: string, email: string, status: "confirmed" | "waitlisted" | "cancelled") {
  await prisma.registration.create({ data: { eventId, email, name: email.split("@")[0]!, status, consentedAt: new Date() } });
}

describe("event schema", () => {
  it("reads datetime-local values as Stockholm time, across summer and winter", () => {
    expect(input().startsAt.toISOString()).toBe("2030-05-06T11:00:00.000Z");
    expect(input({ startsAt: "2030-01-10T13:00", endsAt: "2030-01-10T14:00" }).startsAt.toISOString()).toBe("2030-01-10T12:00:00.000Z");
  });

  it("refuses an end before the start, an http join link and a capacity of zero, with Swedish messages", () => {
    const result = eventSchema.safeParse({
      title: "X",
      startsAt: "2030-05-06T13:00",
      endsAt: "2030-05-06T12:00",
      format: "webinar",
      joinUrl: "http://x.example",
      capacity: "0",
    });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(fields.joinUrl).toMatch(/https/);
    expect(fields.capacity).toMatch(/heltal/);
  });
});

describe("createEvent and updateEvent", () => {
  it("creates a draft with a slug from the title, tags, and an audit row", async () => {
    const tags = await prisma.tag.findMany({ select: { id: true } });
    const result = await createEvent(organizerId, input({ title: "Kommunforum Analytics i Borlänge", tagIds: tags.map((t) => t.id) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slug).toBe("kommunforum-analytics-i-borlange");
    const event = await getEventForEdit(result.id);
    expect(event?.status).toBe("draft");
    expect(event?.tags).toHaveLength(2);
    expect(await auditRows(result.id, "event.create")).toHaveLength(1);

    // Same title again: a free slug is chosen.
    const second = await createEvent(organizerId, input({ title: "Kommunforum Analytics i Borlänge" }));
    expect(second.ok && second.slug).toBe("kommunforum-analytics-i-borlange-2");
  });

  it("refuses a slug that another event has, and writes no audit row", async () => {
    const first = await createEvent(organizerId, input({ slug: "upptaget" }));
    expect(first.ok).toBe(true);
    const before = await prisma.auditLog.count();
    const second = await createEvent(organizerId, input({ slug: "upptaget" }));
    expect(second).toMatchObject({ ok: false, field: "slug" });
    expect(await prisma.auditLog.count()).toBe(before);
  });

  it("rolls the whole change back, audit row included, when a later step of it fails", async () => {
    const created = await createEvent(organizerId, input({ title: "Före" }));
    if (!created.ok) throw new Error("setup");
    // The event row is written first inside the transaction; the unknown tag fails after it.
    const result = await updateEvent(organizerId, created.id, input({ title: "Efter", tagIds: ["finnsinte"] }));
    expect(result).toMatchObject({ ok: false, field: "tagIds" });
    expect((await getEventForEdit(created.id))?.title).toBe("Före");
    expect(await auditRows(created.id, "event.update")).toHaveLength(0);

    const ok = await updateEvent(organizerId, created.id, input({ title: "Efter" }));
    expect(ok.ok).toBe(true);
    expect((await getEventForEdit(created.id))?.title).toBe("Efter");
    expect(await auditRows(created.id, "event.update")).toHaveLength(1);
  });

  it("refuses a capacity below the seats already taken, and so does the database", async () => {
    const created = await createEvent(organizerId, input({ capacity: "10" }));
    if (!created.ok) throw new Error("setup");
    await prisma.event.update({ where: { id: created.id }, data: { seatsTaken: 3 } });

    const result = await updateEvent(organizerId, created.id, input({ capacity: "2" }));
    expect(result).toMatchObject({ ok: false, field: "capacity" });
    if (!result.ok) expect(result.message).toMatch(/3 personer har redan fått plats/);
    expect((await getEventForEdit(created.id))?.capacity).toBe(10);
    expect(await auditRows(created.id, "event.update")).toHaveLength(0);

    // The trigger from the first migration (the driver adapter reports it as a constraint violation).
    const error = await prisma.event.update({ where: { id: created.id }, data: { capacity: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((await getEventForEdit(created.id))?.capacity).toBe(10);
    // A race past the check above still ends as the same form error, not a 500.
    expect(await refusableEventChange(() => prisma.event.update({ where: { id: created.id }, data: { capacity: 2 } }))).toMatchObject({
      ok: false,
      field: "capacity",
    });
    expect((await updateEvent(organizerId, created.id, input({ capacity: "3" }))).ok).toBe(true);
  });
});

describe("publish, unpublish and cancel", () => {
  it("publishes and unpublishes with one audit row each", async () => {
    const created = await createEvent(organizerId, input());
    if (!created.ok) throw new Error("setup");
    expect((await publishEvent(organizerId, created.id)).ok).toBe(true);
    const published = await getEventForEdit(created.id);
    expect(published?.status).toBe("published");
    expect(published?.publishedAt).not.toBeNull();
    expect((await unpublishEvent(organizerId, created.id)).ok).toBe(true);
    expect((await getEventForEdit(created.id))?.status).toBe("draft");
    expect(await unpublishEvent(organizerId, created.id)).toMatchObject({ ok: false });
    expect((await auditRows(created.id)).map((a) => a.action).sort()).toEqual(["event.create", "event.publish", "event.unpublish"]);
  });

  it("cancels and queues exactly one email per confirmed or waitlisted registrant, in the same transaction", async () => {
    const created = await createEvent(organizerId, input({ title: "Inställt forum" }));
    if (!created.ok) throw new Error("setup");
    await publishEvent(organizerId, created.id);
    await register(created.id, "anna@kommun.example", "confirmed");
    await register(created.id, "bo@kommun.example", "confirmed");
    await register(created.id, "cilla@kommun.example", "waitlisted");
    await register(created.id, "dan@kommun.example", "cancelled");

    const result = await cancelEvent(organizerId, created.id, APP_URL);
    expect(result).toMatchObject({ ok: true, emailed: 3 });
    const mails = await prisma.outboxEmail.findMany({ where: { kind: "event-cancelled", dedupeKey: { startsWith: `event-cancelled:${created.id}:` } } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["anna@kommun.example", "bo@kommun.example", "cilla@kommun.example"]);
    expect(mails[0]!.subject).toContain("Inställt: Inställt forum");
    expect(mails[0]!.text).toContain("http://localhost:3000/forum");

    const event = await getEventForEdit(created.id);
    expect(event?.status).toBe("cancelled");
    expect(event?.cancelledAt).not.toBeNull();
    const audit = await auditRows(created.id, "event.cancel");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ emailed: 3 });

    // A second cancel changes nothing and sends nothing more; a cancelled event stays cancelled.
    expect(await cancelEvent(organizerId, created.id, APP_URL)).toMatchObject({ ok: false });
    expect(await publishEvent(organizerId, created.id)).toMatchObject({ ok: false });
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: { startsWith: `event-cancelled:${created.id}:` } } })).toBe(3);
  });

  it("refuses to cancel a forum that has already taken place", async () => {
    const created = await createEvent(organizerId, input({ startsAt: "2021-05-06T13:00", endsAt: "2021-05-06T14:30" }));
    if (!created.ok) throw new Error("setup");
    expect(await cancelEvent(organizerId, created.id, APP_URL)).toMatchObject({ ok: false, message: expect.stringMatching(/redan ägt rum/) });
    expect((await getEventForEdit(created.id))?.status).toBe("draft");
  });

  it("leaves the event, the outbox and the audit log untouched when one email cannot be queued", async () => {
    const created = await createEvent(organizerId, input());
    if (!created.ok) throw new Error("setup");
    await publishEvent(organizerId, created.id);
    await register(created.id, "ok@kommun.example", "confirmed");
    await register(created.id, "inte en adress", "confirmed");

    await expect(cancelEvent(organizerId, created.id, APP_URL)).rejects.toThrow(/mottagaradress/);
    expect((await getEventForEdit(created.id))?.status).toBe("published");
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: { startsWith: `event-cancelled:${created.id}:` } } })).toBe(0);
    expect(await auditRows(created.id, "event.cancel")).toHaveLength(0);
  });
});

describe("agenda and speakers", () => {
  it("adds items on the event's day in Stockholm time, reorders and deletes them, each with an audit row", async () => {
    const created = await createEvent(organizerId, input());
    if (!created.ok) throw new Error("setup");
    expect(
      (
        await addSpeaker(organizerId, created.id, {
          speakerName: "Eva",
          speakerTitle: "",
          speakerOrganisation: "Borlänge kommun",
          speakerMunicipalityCode: null,
          speakerBio: "",
        })
      ).ok,
    ).toBe(true);
    const speaker = (await getEventForEdit(created.id))!.speakers[0]!;
    await addAgendaItem(organizerId, created.id, { agendaTime: "13:00", agendaTitle: "Välkommen", agendaSpeakerId: null });
    await addAgendaItem(organizerId, created.id, { agendaTime: "13:10", agendaTitle: "Borlänge", agendaSpeakerId: speaker.id });

    let agenda = (await getEventForEdit(created.id))!.agenda;
    expect(agenda.map((a) => a.title)).toEqual(["Välkommen", "Borlänge"]);
    expect(agenda[1]!.startsAt.toISOString()).toBe("2030-05-06T11:10:00.000Z");
    expect(agenda[1]!.speaker?.name).toBe("Eva");

    await moveAgendaItem(organizerId, created.id, agenda[1]!.id, "up");
    agenda = (await getEventForEdit(created.id))!.agenda;
    expect(agenda.map((a) => a.title)).toEqual(["Borlänge", "Välkommen"]);

    // A speaker of another event, or an item of another event, is refused.
    const other = await createEvent(organizerId, input());
    if (!other.ok) throw new Error("setup");
    expect(await addAgendaItem(organizerId, other.id, { agendaTime: "13:00", agendaTitle: "X", agendaSpeakerId: speaker.id })).toMatchObject({
      ok: false,
      field: "agendaSpeakerId",
    });
    expect(await deleteAgendaItem(organizerId, other.id, agenda[0]!.id)).toMatchObject({ ok: false });

    expect((await deleteAgendaItem(organizerId, created.id, agenda[0]!.id)).ok).toBe(true);
    expect((await getEventForEdit(created.id))!.agenda).toHaveLength(1);
    const actions = (await prisma.auditLog.findMany({ where: { action: { startsWith: "event.agenda." } }, select: { action: true } })).map((a) => a.action);
    expect(actions.sort()).toEqual(["event.agenda.add", "event.agenda.add", "event.agenda.delete", "event.agenda.move"]);
  });
});
