// Organizer actions on one event stay exact when they race: double clicks and two
// organizers at once. On PostgreSQL (`npm run test:pg -- <this file>`) each call
// runs on its own pooled connection, so "highest position + 1" or "already
// cancelled?" without a lock would write duplicates or fail with a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { parseVideoUrl } from "~/utils/video";
import { pollSchema } from "~/validation/poll";
import { addAgendaItem, addSpeaker } from "./event-program.server";
import { cancelEvent } from "./event-admin.server";
import { sendInvitations } from "./invitation.server";
import { createPoll } from "./poll-admin.server";
import { addMaterial, saveRecording } from "./recording.server";
import { messageConfirmed } from "./registration-admin.server";
import { registerForEvent } from "./registration.server";
import { upsertReferenceData } from "./reference.server";

let organizerId = "";
let n = 0;

beforeAll(async () => {
  await upsertReferenceData();
  organizerId = (await prisma.user.create({ data: { email: "org@races.example", name: "Arrangör", role: "organizer" }, select: { id: true } })).id;
});

async function makeEvent(startsAt = new Date(Date.now() + 10 * 24 * 3600_000), capacity: number | null = 5) {
  return prisma.event.create({
    data: { slug: `race-${++n}`, title: `Forum ${n}`, startsAt, endsAt: new Date(+startsAt + 90 * 60_000), status: "published", capacity },
    select: { id: true },
  });
}

const distinct = (values: number[]) => new Set(values).size === values.length;

describe("event lists under concurrency", () => {
  it("speakers, agenda items, polls and materials added at once get distinct positions", async () => {
    const { id } = await makeEvent();
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        addSpeaker(organizerId, id, { speakerName: `Talare ${i}`, speakerTitle: "", speakerOrganisation: "", speakerMunicipalityCode: null, speakerBio: "" }),
      ),
      ...Array.from({ length: 6 }, (_, i) => addAgendaItem(organizerId, id, { agendaTime: `13:0${i}`, agendaTitle: `Punkt ${i}`, agendaSpeakerId: null })),
      ...Array.from({ length: 6 }, (_, i) => createPoll(organizerId, id, pollSchema.parse({ question: `Fråga ${i}?`, options: "Ja\nNej\n" }))),
    ]);
    const speakers = (await prisma.speaker.findMany({ where: { eventId: id } })).map((s) => s.position);
    const agenda = (await prisma.agendaItem.findMany({ where: { eventId: id } })).map((a) => a.position);
    const polls = (await prisma.poll.findMany({ where: { eventId: id } })).map((p) => p.position);
    expect(speakers).toHaveLength(6);
    expect(agenda).toHaveLength(6);
    expect(polls).toHaveLength(6);
    expect(distinct(speakers) && distinct(agenda) && distinct(polls)).toBe(true);

    const past = await makeEvent(new Date(Date.now() - 10 * 24 * 3600_000));
    expect(
      (
        await saveRecording(organizerId, past.id, {
          source: parseVideoUrl("https://youtu.be/dQw4w9WgXcQ")!,
          durationSeconds: 5400,
          captionsUrl: null,
          publish: false,
        })
      ).ok,
    ).toBe(true);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => addMaterial(organizerId, past.id, { kind: "link", title: `Länk ${i}`, url: `https://example.se/${i}` })),
    );
    const materials = (await prisma.material.findMany({ where: { recording: { eventId: past.id } } })).map((m) => m.position);
    expect(materials).toHaveLength(6);
    expect(distinct(materials)).toBe(true);
  });

  it("a new poll after a deleted one does not share a position", async () => {
    const { id } = await makeEvent();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createPoll(organizerId, id, pollSchema.parse({ question: `Fråga ${i}?`, options: "Ja\nNej\n" })));
    await prisma.poll.delete({ where: { id: (made[0] as { id: string }).id } });
    await createPoll(organizerId, id, pollSchema.parse({ question: "Ny fråga?", options: "Ja\nNej\n" }));
    const polls = (await prisma.poll.findMany({ where: { eventId: id } })).map((p) => p.position);
    expect(distinct(polls)).toBe(true);
  });
});

describe("recordings under concurrency", () => {
  it("saving a new recording twice at once stores one recording, without an error", async () => {
    const settings = { source: parseVideoUrl("https://youtu.be/dQw4w9WgXcQ")!, durationSeconds: 5400, captionsUrl: null, publish: true };
    for (let round = 0; round < 5; round++) {
      const past = await makeEvent(new Date(Date.now() - 10 * 24 * 3600_000));
      const results = await Promise.all(Array.from({ length: 4 }, () => saveRecording(organizerId, past.id, settings)));
      expect(results).toEqual(Array.from({ length: 4 }, () => ({ ok: true })));
      expect(await prisma.recording.count({ where: { eventId: past.id } })).toBe(1);
    }
  });
});

describe("event sends under concurrency", () => {
  it("cancelling twice at once cancels once: one mail per registrant, one audit row, a clean refusal", async () => {
    const { id } = await makeEvent();
    for (let i = 0; i < 3; i++) {
      await registerForEvent({
        eventId: id,
        email: `inst${i}@example.se`,
        name: `Inst ${i}`,
        title: "",
        municipalityCode: "2081",
        organisationName: "",
        userId: null,
        consentInvites: false,
      });
    }
    const results = await Promise.all([cancelEvent(organizerId, id, "http://localhost"), cancelEvent(organizerId, id, "http://localhost")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: expect.stringMatching(/redan inställt/) });
    expect(await prisma.outboxEmail.count({ where: { kind: "event-cancelled", toAddress: { startsWith: "inst" } } })).toBe(3);
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "event.cancel" } })).toBe(1);
  });

  it("the same message sent twice at once is queued once per person, without an error", async () => {
    const { id } = await makeEvent();
    for (let i = 0; i < 3; i++) {
      await registerForEvent({
        eventId: id,
        email: `medd${i}@example.se`,
        name: `Medd ${i}`,
        title: "",
        municipalityCode: "2081",
        organisationName: "",
        userId: null,
        consentInvites: false,
      });
    }
    const message = { subject: "Ändrad länk", body: "Vi byter möteslänk." };
    const queued = await Promise.all([messageConfirmed(id, message, organizerId), messageConfirmed(id, message, organizerId)]);
    expect(queued.sort()).toEqual([0, 3]);
    expect(await prisma.outboxEmail.count({ where: { kind: "registration-message", toAddress: { startsWith: "medd" } } })).toBe(3);
  });

  it("sending invitations twice at once invites each subscriber once, without an error", async () => {
    const { id } = await makeEvent();
    for (let i = 0; i < 3; i++) {
      await prisma.invitationSubscriber.create({ data: { email: `prenumerant${i}@example.se`, confirmedAt: new Date() } });
    }
    const results = await Promise.all([sendInvitations(id, organizerId), sendInvitations(id, organizerId)]);
    expect(results.map((r) => (r.outcome === "sent" ? r.queued : -1)).sort()).toEqual([0, 3]);
    expect(await prisma.invitationSend.count({ where: { eventId: id } })).toBe(3);
  });

  it("registrations racing a cancellation: everyone who got a place or a queue number is told about the cancellation", async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await makeEvent(undefined, 3);
      const emails = Array.from({ length: 6 }, (_, i) => `kapp${round}-${i}@example.se`);
      const [cancelled, ...registered] = await Promise.all([
        cancelEvent(organizerId, id, "http://localhost"),
        ...emails.map((email) =>
          registerForEvent({
            eventId: id,
            email,
            name: "Kapp",
            title: "",
            municipalityCode: "2081",
            organisationName: "",
            userId: null,
            consentInvites: false,
          }),
        ),
      ]);
      expect(cancelled.ok).toBe(true);
      const accepted = emails.filter((_, i) => registered[i]!.outcome === "confirmed" || registered[i]!.outcome === "waitlisted");
      const told = (await prisma.outboxEmail.findMany({ where: { kind: "event-cancelled", toAddress: { in: emails } }, select: { toAddress: true } })).map(
        (m) => m.toAddress,
      );
      expect(told.sort()).toEqual(accepted.sort());
    }
  });
});
