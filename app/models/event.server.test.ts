import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { getNextEvent, getPublishedEventBySlug, listEventsWithRecording, listPastEvents, listUpcomingEvents, seatsLeft } from "./event.server";

const NOW = new Date("2026-11-28T12:00:00Z");
const HOUR = 3600_000;
const at = (daysFromNow: number) => new Date(NOW.getTime() + daysFromNow * 24 * HOUR);

async function event(slug: string, data: { days: number; status?: string; capacity?: number | null; seatsTaken?: number; joinUrl?: string }) {
  return prisma.event.create({
    data: {
      slug,
      title: `Forum ${slug}`,
      startsAt: at(data.days),
      endsAt: new Date(at(data.days).getTime() + 1.5 * HOUR),
      status: data.status ?? "published",
      capacity: data.capacity ?? null,
      seatsTaken: data.seatsTaken ?? 0,
      joinUrl: data.joinUrl ?? null,
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });

  await event("nasta", { days: 30, capacity: 100, seatsTaken: 37, joinUrl: "https://example.org/hemlig" });
  await event("senare", { days: 90 });
  await event("utkast-snart", { days: 2, status: "draft" });
  await event("installt-snart", { days: 1, status: "cancelled" });
  await event("pagar-nu", { days: -1 / 48 }); // started 30 minutes ago, ends in an hour
  const past = await event("maj-2021", { days: -2000 });
  await event("gammalt-utkast", { days: -10, status: "draft" });
  const pastNoRecording = await event("utan-inspelning", { days: -100 });
  const pastUnpublishedRecording = await event("inspelning-ej-publicerad", { days: -50 });

  await prisma.recording.create({ data: { eventId: past.id, videoUrl: "https://example.org/v", provider: "file", publishedAt: at(-1990) } });
  await prisma.recording.create({
    data: { eventId: pastUnpublishedRecording.id, videoUrl: "https://example.org/w", provider: "file", publishedAt: null },
  });
  void pastNoRecording;

  const speaker = await prisma.speaker.create({
    data: { eventId: past.id, name: "Anna Andersson", title: "BI-strateg", municipalityCode: "2081", bio: "Anna leder BI-arbetet i Borlänge.", position: 0 },
  });
  await prisma.speaker.create({ data: { eventId: past.id, name: "Bo Berg", organisationName: "Region Exempel", position: 1 } });
  await prisma.agendaItem.createMany({
    data: [
      { eventId: past.id, startsAt: at(-2000), title: "Välkommen", position: 0 },
      { eventId: past.id, startsAt: at(-2000), title: "Beslutsstöd i Borlänge", speakerId: speaker.id, position: 1 },
    ],
  });
  await prisma.case.create({ data: { slug: "publicerat", title: "Publicerat case", status: "published", eventId: past.id } });
  await prisma.case.create({ data: { slug: "utkast", title: "Utkast till case", status: "draft", eventId: past.id } });
});

describe("public event queries", () => {
  it("lists only published events that have not ended, soonest first", async () => {
    const upcoming = await listUpcomingEvents(NOW);
    expect(upcoming.map((e) => e.slug)).toEqual(["pagar-nu", "nasta", "senare"]);
  });

  it("picks the next published event, skipping drafts and cancelled ones", async () => {
    const next = await getNextEvent(NOW);
    expect(next?.slug).toBe("pagar-nu");
    const later = await getNextEvent(at(1));
    expect(later?.slug).toBe("nasta");
    expect(later?.seatsLeft).toBe(63);
  });

  it("returns null when no published event lies ahead", async () => {
    expect(await getNextEvent(at(1000))).toBeNull();
  });

  it("lists past published events newest first, with whether a published recording exists", async () => {
    const past = await listPastEvents(NOW);
    expect(past.map((e) => [e.slug, e.hasRecording])).toEqual([
      ["inspelning-ej-publicerad", false],
      ["utan-inspelning", false],
      ["maj-2021", true],
    ]);
  });

  it("lists only past published events with a published recording", async () => {
    const withRecording = await listEventsWithRecording(NOW);
    expect(withRecording.map((e) => e.slug)).toEqual(["maj-2021"]);
  });

  it("computes seats left from capacity and seats taken, and null without a limit", async () => {
    const [nasta, senare] = await Promise.all([getPublishedEventBySlug("nasta", NOW), getPublishedEventBySlug("senare", NOW)]);
    expect(nasta?.seatsLeft).toBe(63);
    expect(nasta?.capacity).toBe(100);
    expect(senare?.seatsLeft).toBeNull();
    expect(seatsLeft(10, 10)).toBe(0);
    expect(seatsLeft(10, 12)).toBe(0);
  });

  it("never exposes the join link", async () => {
    const nasta = await getPublishedEventBySlug("nasta", NOW);
    expect(nasta).not.toBeNull();
    expect(JSON.stringify(nasta)).not.toContain("hemlig");
    expect(nasta).not.toHaveProperty("joinUrl");
    expect(nasta).not.toHaveProperty("seatsTaken");
  });

  it("returns null for drafts, cancelled events and unknown slugs", async () => {
    expect(await getPublishedEventBySlug("utkast-snart", NOW)).toBeNull();
    expect(await getPublishedEventBySlug("installt-snart", NOW)).toBeNull();
    expect(await getPublishedEventBySlug("finns-inte", NOW)).toBeNull();
  });

  it("returns the agenda with speakers, speakers with municipality, county and the presentation they wrote, and only published cases", async () => {
    const event = await getPublishedEventBySlug("maj-2021", NOW);
    expect(event?.isUpcoming).toBe(false);
    expect(event?.hasRecording).toBe(true);
    expect(event?.agenda.map((a) => [a.title, a.speaker?.name ?? null])).toEqual([
      ["Välkommen", null],
      ["Beslutsstöd i Borlänge", "Anna Andersson"],
    ]);
    expect(event?.speakers).toEqual([
      {
        id: expect.any(String),
        name: "Anna Andersson",
        title: "BI-strateg",
        organisationName: "",
        bio: "Anna leder BI-arbetet i Borlänge.",
        municipality: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", county: { name: "Dalarnas län" } },
      },
      { id: expect.any(String), name: "Bo Berg", title: "", organisationName: "Region Exempel", bio: "", municipality: null },
    ]);
    expect(event?.cases.map((c) => c.slug)).toEqual(["publicerat"]);
  });

  it("treats an event in progress as upcoming", async () => {
    expect((await getPublishedEventBySlug("pagar-nu", NOW))?.isUpcoming).toBe(true);
  });
});
