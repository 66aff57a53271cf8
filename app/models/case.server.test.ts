import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { getPublishedCaseBySlug, listLatestCases, listPublishedCases } from "./case.server";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "12", name: "Skåne län", shortName: "Skåne" } });
  await prisma.municipality.create({ data: { code: "1290", name: "Kristianstad", officialName: "Kristianstads kommun", countyCode: "12" } });
  const [iot, va] = await Promise.all([
    prisma.tag.create({ data: { slug: "iot", name: "IoT" } }),
    prisma.tag.create({ data: { slug: "va", name: "Vatten och avlopp", kind: "topic" } }),
  ]);
  const published = await prisma.event.create({
    data: { slug: "forum-maj", title: "Forum i maj", startsAt: new Date("2021-05-06T11:00:00Z"), endsAt: new Date("2021-05-06T12:30:00Z"), status: "published" },
  });
  const draftEvent = await prisma.event.create({
    data: { slug: "forum-utkast", title: "Forum utkast", startsAt: new Date("2027-05-06T11:00:00Z"), endsAt: new Date("2027-05-06T12:30:00Z") },
  });

  await prisma.case.create({
    data: {
      slug: "smart-va",
      title: "Smart VA",
      summary: "Sensorer i ledningsnätet.",
      bodyMd: "Första stycket.\n\nAndra stycket.",
      municipalityCode: "1290",
      domain: "VA",
      technologies: "IoT-sensorer, LoRaWAN",
      contactName: "Karin Kontakt",
      contactTitle: "VA-ingenjör",
      contactEmail: "karin@example.org",
      status: "published",
      publishedAt: new Date("2026-10-01T08:00:00Z"),
      eventId: published.id,
      tags: { create: [{ tagId: va.id }, { tagId: iot.id }] },
    },
  });
  await prisma.case.create({
    data: { slug: "aldre", title: "Äldre case", status: "published", publishedAt: new Date("2025-01-01T08:00:00Z"), eventId: draftEvent.id },
  });
  await prisma.case.create({ data: { slug: "hemligt-utkast", title: "Utkast", status: "draft", publishedAt: new Date("2026-11-01T08:00:00Z") } });
});

describe("public case queries", () => {
  it("lists the newest published cases, without drafts", async () => {
    expect((await listLatestCases(5)).map((c) => c.slug)).toEqual(["smart-va", "aldre"]);
    expect((await listLatestCases(1)).map((c) => c.slug)).toEqual(["smart-va"]);
    expect((await listPublishedCases()).map((c) => c.slug)).toEqual(["smart-va", "aldre"]);
  });

  it("gives cards their municipality, county and tags sorted by name", async () => {
    const [card] = await listLatestCases(1);
    expect(card?.municipality).toEqual({ code: "1290", name: "Kristianstad", county: { name: "Skåne län" } });
    expect(card?.tags).toEqual([
      { slug: "iot", name: "IoT" },
      { slug: "va", name: "Vatten och avlopp" },
    ]);
  });

  it("returns a published case with its facts and forum, but never the contact email", async () => {
    const found = await getPublishedCaseBySlug("smart-va");
    expect(found).toMatchObject({
      title: "Smart VA",
      technologies: "IoT-sensorer, LoRaWAN",
      contactName: "Karin Kontakt",
      contactTitle: "VA-ingenjör",
      event: { slug: "forum-maj", title: "Forum i maj" },
    });
    expect(found).not.toHaveProperty("contactEmail");
    expect(JSON.stringify(found)).not.toContain("karin@example.org");
  });

  it("does not link to a forum that is not published", async () => {
    expect((await getPublishedCaseBySlug("aldre"))?.event).toBeNull();
  });

  it("returns null for drafts and unknown slugs", async () => {
    expect(await getPublishedCaseBySlug("hemligt-utkast")).toBeNull();
    expect(await getPublishedCaseBySlug("finns-inte")).toBeNull();
  });
});
