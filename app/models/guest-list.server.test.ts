import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addGuestByHand, GUEST_PAGE_SIZE, listGuests, parseGuestQuery } from "./guest-list.server";
import { registerForEvent } from "./registration.server";

const HOUR = 3600_000;

async function makeEvent(slug: string, capacity: number) {
  const startsAt = new Date(Date.now() + 10 * 24 * HOUR);
  return prisma.event.create({
    data: { slug, title: `Forum ${slug}`, startsAt, endsAt: new Date(+startsAt + HOUR), status: "published", capacity, joinUrl: "https://meet.example/x" },
    select: { id: true },
  });
}

const register = (eventId: string, n: number, municipalityCode = "2081") =>
  registerForEvent({
    eventId,
    email: `gast${n}@test.example`,
    name: `Gäst ${n}`,
    title: "",
    municipalityCode,
    organisationName: "",
    userId: null,
    consentInvites: false,
  });

beforeAll(async () => {
  await prisma.county.createMany({
    data: [
      { code: "20", name: "Dalarnas län", shortName: "Dalarna" },
      { code: "12", name: "Skåne län", shortName: "Skåne" },
    ],
  });
  await prisma.municipality.createMany({
    data: [
      { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" },
      { code: "1290", name: "Kristianstad", officialName: "Kristianstads kommun", countyCode: "12" },
    ],
  });
});

describe("the guest list", () => {
  it("reads its filters from the address and ignores what it does not know", () => {
    expect(parseGuestQuery(new URLSearchParams("visa=vantelista&kommun=2081&lan=20&sida=3&q=%20anna%20"))).toEqual({
      filter: "vantelista",
      q: "anna",
      municipalityCode: "2081",
      countyCode: "20",
      page: 3,
    });
    expect(parseGuestQuery(new URLSearchParams("visa=allt&kommun=x&lan=200&sida=-1"))).toEqual({
      filter: "alla",
      q: "",
      municipalityCode: "",
      countyCode: "",
      page: 1,
    });
  });

  it("filters by group, county and municipality, pages, and numbers the queue", async () => {
    const { id } = await makeEvent("gastlista", 2);
    for (let n = 1; n <= 5; n++) await register(id, n, n % 2 ? "2081" : "1290");
    const all = parseGuestQuery(new URLSearchParams());
    const list = await listGuests(id, all);
    expect(list.total).toBe(5);
    expect(list.rows.map((r) => [r.name, r.status, r.queuePosition])).toEqual([
      ["Gäst 1", "confirmed", null],
      ["Gäst 2", "confirmed", null],
      ["Gäst 3", "waitlisted", 1],
      ["Gäst 4", "waitlisted", 2],
      ["Gäst 5", "waitlisted", 3],
    ]);
    expect(list.counties.map((c) => c.name)).toEqual(["Dalarnas län", "Skåne län"]);
    const queue = await listGuests(id, { ...all, filter: "vantelista", countyCode: "12" });
    expect(queue.rows.map((r) => [r.name, r.queuePosition])).toEqual([["Gäst 4", 2]]);
    const borlange = await listGuests(id, { ...all, municipalityCode: "2081", q: "gäst 5" });
    expect(borlange.rows.map((r) => r.name)).toEqual(["Gäst 5"]);
    expect(GUEST_PAGE_SIZE).toBeGreaterThan(5);
    expect((await listGuests(id, { ...all, page: 2 })).rows).toEqual([]);
  });

  it("adds a person by hand with a seat or a place in the queue, mails them and logs who did it", async () => {
    const { id } = await makeEvent("for-hand", 1);
    const org = await prisma.user.create({ data: { email: "org@test.example", name: "Org", handle: "org", role: "organizer" }, select: { id: true } });
    const input = { name: "Telefon Tina", email: "tina@test.example", title: "", municipalityCode: "", organisationName: "Region Dalarna" };
    expect(await addGuestByHand(org.id, id, input)).toMatchObject({ outcome: "confirmed" });
    expect(await addGuestByHand(org.id, id, { ...input, email: "tor@test.example", name: "Telefon Tor" })).toMatchObject({
      outcome: "waitlisted",
      position: 1,
    });
    expect(await addGuestByHand(org.id, id, input)).toMatchObject({ outcome: "already" });
    expect(await prisma.outboxEmail.count({ where: { toAddress: { in: ["tina@test.example", "tor@test.example"] } } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { actorId: org.id, action: "registration.add" } })).toBe(2);
  });
});
