import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { activityByMunicipality, codeFromSlug, getMunicipalityPage, listCountiesWithMunicipalities } from "./municipality.server";
import { upsertReferenceData } from "./reference.server";

const at = new Date("2021-05-06T11:00:00Z");

beforeAll(async () => {
  await upsertReferenceData();
  const forum = await prisma.event.create({
    data: { slug: "forum", title: "Forum i maj", startsAt: at, endsAt: at, status: "published" },
  });
  const draftForum = await prisma.event.create({ data: { slug: "utkast", title: "Utkast", startsAt: at, endsAt: at } });
  await prisma.speaker.createMany({
    data: [
      { eventId: forum.id, name: "Talare Ett", municipalityCode: "2081" },
      { eventId: forum.id, name: "Talare Två", municipalityCode: "2081" }, // same forum: counts once
      { eventId: draftForum.id, name: "Hemlig", municipalityCode: "2081" },
      { eventId: forum.id, name: "Skåning", municipalityCode: "1290" },
    ],
  });
  await prisma.case.createMany({
    data: [
      { slug: "bi", title: "BI i Borlänge", municipalityCode: "2081", status: "published", publishedAt: at },
      { slug: "bi-utkast", title: "Utkast", municipalityCode: "2081", status: "draft" },
      { slug: "va", title: "Smart VA", municipalityCode: "1290", status: "published", publishedAt: at },
    ],
  });
  const verified = new Date();
  const listed = await prisma.user.create({
    data: {
      email: "a@borlange.example",
      name: "Anna Andersson",
      title: "Controller",
      municipalityCode: "2081",
      listedPublicly: true,
      emailVerifiedAt: verified,
      affiliationStatus: "verified",
    },
  });
  await prisma.user.createMany({
    data: [
      { email: "b@borlange.example", name: "Bo Dold", municipalityCode: "2081", listedPublicly: false, emailVerifiedAt: verified },
      { email: "c@borlange.example", name: "Cecilia Overifierad", municipalityCode: "2081", listedPublicly: true },
      { email: "d@borlange.example", name: "Borttagen medlem", municipalityCode: "2081", listedPublicly: true, emailVerifiedAt: verified, deletedAt: verified },
    ],
  });
  const category = await prisma.discussionCategory.create({ data: { slug: "allmant", name: "Allmänt" } });
  await prisma.thread.createMany({
    data: [
      { categoryId: category.id, authorId: listed.id, title: "Hur mäter ni nyttan?", slug: "nyttan" },
      { categoryId: category.id, authorId: listed.id, title: "Dold tråd", slug: "dold", hiddenAt: verified },
    ],
  });
});

describe("activity counts", () => {
  it("counts published cases, distinct public forums, listed verified members and visible threads", async () => {
    const activity = await activityByMunicipality();
    expect(activity.get("2081")).toEqual({ cases: 1, forums: 1, members: 1, threads: 1 });
    expect(activity.get("1290")).toEqual({ cases: 1, forums: 1, members: 0, threads: 0 });
    expect(activity.has("0180")).toBe(false);
  });

  it("lists all 290 municipalities in 21 counties, with counts", async () => {
    const counties = await listCountiesWithMunicipalities();
    expect(counties).toHaveLength(21);
    expect(counties.reduce((n, c) => n + c.municipalities.length, 0)).toBe(290);
    expect(counties[0]!.name).toBe("Blekinge län");
    expect(counties.at(-1)!.name).toBe("Östergötlands län");
    const dalarna = counties.find((c) => c.name === "Dalarnas län")!;
    expect(dalarna.municipalities.find((m) => m.code === "2081")).toEqual({
      code: "2081",
      name: "Borlänge",
      cases: 1,
      forums: 1,
      members: 1,
      threads: 1,
    });
    // Swedish order: Älvdalen comes after Vansbro.
    const names = dalarna.municipalities.map((m) => m.name);
    expect(names.indexOf("Älvdalen")).toBeGreaterThan(names.indexOf("Vansbro"));
  });
});

describe("getMunicipalityPage", () => {
  it("shows only public things, and members by name and title only", async () => {
    const page = await getMunicipalityPage("2081");
    expect(page).not.toBeNull();
    expect(page!.name).toBe("Borlänge");
    expect(page!.county.name).toBe("Dalarnas län");
    expect(page!.cases.map((c) => c.slug)).toEqual(["bi"]);
    expect(page!.forums.map((f) => f.slug)).toEqual(["forum"]);
    expect(page!.forums[0]!.speakers.map((s) => s.name)).toEqual(["Talare Ett", "Talare Två"]);
    expect(page!.members).toEqual([{ id: expect.any(String), name: "Anna Andersson", title: "Controller", affiliation: "Borlänge kommun" }]);
    expect(page!.threads.map((t) => t.slug)).toEqual(["nyttan"]);
  });

  it("gives the verified badge only to members whose claim is verified", async () => {
    await prisma.user.update({ where: { email: "a@borlange.example" }, data: { affiliationStatus: "pending" } });
    try {
      expect((await getMunicipalityPage("2081"))!.members.map((m) => m.affiliation)).toEqual([null]);
    } finally {
      await prisma.user.update({ where: { email: "a@borlange.example" }, data: { affiliationStatus: "verified" } });
    }
  });

  it("returns null for unknown or malformed codes", async () => {
    expect(await getMunicipalityPage("9999")).toBeNull();
    expect(await getMunicipalityPage("20811")).toBeNull();
    expect(await getMunicipalityPage("abcd")).toBeNull();
  });
});

describe("codeFromSlug", () => {
  it("takes the leading four digits", () => {
    expect(codeFromSlug("2081-borlange")).toBe("2081");
    expect(codeFromSlug("2081")).toBe("2081");
    expect(codeFromSlug("2081-fel-namn")).toBe("2081");
    expect(codeFromSlug("20812-x")).toBeNull();
    expect(codeFromSlug("borlange")).toBeNull();
  });
});
