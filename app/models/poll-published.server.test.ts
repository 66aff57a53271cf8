import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { listPublishedPolls } from "./poll.server";

beforeAll(async () => {
  const forum = await prisma.event.create({
    data: {
      slug: "maj-2021",
      title: "Forum maj 2021",
      startsAt: new Date("2021-05-06T11:00:00Z"),
      endsAt: new Date("2021-05-06T12:30:00Z"),
      status: "published",
    },
  });
  const draft = await prisma.event.create({
    data: { slug: "utkast", title: "Utkast", startsAt: new Date("2027-01-01T11:00:00Z"), endsAt: new Date("2027-01-01T12:30:00Z"), status: "draft" },
  });
  await prisma.poll.create({
    data: {
      eventId: forum.id,
      code: "SAMORD",
      question: "Finns det en samordnare?",
      state: "published",
      imported: true,
      position: 0,
      options: {
        create: [
          { label: "Nej", importedPercent: 63, position: 0 },
          { label: "Ja", importedPercent: 10, position: 1 },
        ],
      },
    },
  });
  const live = await prisma.poll.create({
    data: {
      eventId: forum.id,
      code: "LIVE1",
      question: "Live-fråga",
      state: "published",
      position: 1,
      options: {
        create: [
          { label: "A", position: 0 },
          { label: "B", position: 1 },
        ],
      },
    },
    select: { id: true, options: { select: { id: true, label: true } } },
  });
  const a = live.options.find((o) => o.label === "A")!;
  for (const hash of ["p1", "p2"]) {
    await prisma.pollResponse.create({ data: { pollId: live.id, participantHash: hash, options: { create: [{ optionId: a.id }] } } });
  }
  await prisma.poll.create({ data: { eventId: forum.id, code: "OPPEN", question: "Pågår", state: "open", position: 2 } });
  await prisma.poll.create({ data: { eventId: draft.id, code: "DOLD", question: "Dold", state: "published" } });
});

describe("listPublishedPolls", () => {
  it("lists only published polls of published forums, in order", async () => {
    const polls = await listPublishedPolls();
    expect(polls.map((p) => p.question)).toEqual(["Finns det en samordnare?", "Live-fråga"]);
    expect(polls[0]?.event).toMatchObject({ slug: "maj-2021", title: "Forum maj 2021" });
  });

  it("gives imported percentages and counted answers, not individual responses", async () => {
    const [imported, live] = await listPublishedPolls();
    expect(imported?.options.map((o) => [o.label, o.importedPercent])).toEqual([
      ["Nej", 63],
      ["Ja", 10],
    ]);
    expect(live?.respondents).toBe(2);
    expect(live?.options.map((o) => [o.label, o.count])).toEqual([
      ["A", 2],
      ["B", 0],
    ]);
    expect(JSON.stringify(live)).not.toContain("p1");
  });
});
