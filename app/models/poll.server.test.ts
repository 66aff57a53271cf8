import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { subscribeToPoll } from "~/utils/poll-bus.server";
import { participantHashForToken } from "~/utils/poll-participant.server";
import { CODE_ALPHABET, normalizePollCode, pollSchema } from "~/validation/poll";
import { canTransition, changePollState, createPoll, deletePoll, getLiveResults, listFreeTextAnswers, updatePoll } from "./poll-admin.server";
import { castVote, getOwnResponse, getPollByCode } from "./poll-vote.server";
import { getBreakdowns, getPublishedPoll, getTrend, listPublishedPolls } from "./poll.server";
import { upsertReferenceData } from "./reference.server";

let organizerId = "";
let eventId = "";
let laterEventId = "";
let voter = 0;

async function createEvent(slug: string, startsAt: string) {
  const e = await prisma.event.create({
    data: { slug, title: `Forum ${slug}`, startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000), status: "published" },
    select: { id: true },
  });
  return e.id;
}

beforeAll(async () => {
  await upsertReferenceData();
  organizerId = (await prisma.user.create({ data: { email: "polls@test.example", name: "Arrangör", role: "organizer" }, select: { id: true } })).id;
  eventId = await createEvent("forum-poll-a", "2030-05-06T11:00:00Z");
  laterEventId = await createEvent("forum-poll-b", "2031-05-06T11:00:00Z");
});

function input(overrides: Record<string, string> = {}) {
  return pollSchema.parse({ question: "Har ni en analysplan?", options: "Ja\nNej\n", ...overrides });
}

async function openPoll(overrides: Record<string, string> = {}, event = eventId) {
  const created = await createPoll(organizerId, event, input(overrides));
  if (!created.ok) throw new Error(created.message);
  expect(await changePollState(organizerId, event, created.id, "open")).toEqual({ ok: true });
  const options = await prisma.pollOption.findMany({ where: { pollId: created.id }, orderBy: { position: "asc" }, select: { id: true, label: true } });
  return { id: created.id, code: created.code, options, event };
}

const nextHash = () => participantHashForToken(`deltagare-${++voter}-xxxxxxxxxxxx`);
const ballot = (pollId: string, optionIds: string[], extra: Partial<Parameters<typeof castVote>[0]> = {}) =>
  castVote({ pollId, participantHash: nextHash(), userId: null, optionIds, freeText: "", municipalityCode: null, ...extra });

describe("the poll form", () => {
  it("reads options one per line, refuses duplicates, single options and a typed Vet ej", () => {
    expect(input({ options: " Ja \r\n\r\nNej\nKanske" }).options).toEqual(["Ja", "Nej", "Kanske"]);
    expect(pollSchema.safeParse({ question: "Q", options: "Ja" }).success).toBe(false);
    expect(pollSchema.safeParse({ question: "Q", options: "Ja\nja" }).success).toBe(false);
    expect(pollSchema.safeParse({ question: "Q", options: "Ja\nVet ej" }).success).toBe(false);
    expect(pollSchema.safeParse({ question: "", options: "Ja\nNej" }).success).toBe(false);
  });

  it("normalizes codes typed by hand", () => {
    expect(normalizePollCode(" k21a ")).toBe("K21A");
    expect(normalizePollCode("ab-cd e")).toBe("ABCDE");
    expect(normalizePollCode("<script>")).toBeNull();
  });
});

describe("organizer changes", () => {
  it("creates a draft with a short unambiguous code, the Vet ej option last, and an audit row", async () => {
    const created = await createPoll(organizerId, eventId, input({ dontKnow: "on", multipleChoice: "on" }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}$`));
    const poll = await prisma.poll.findUniqueOrThrow({
      where: { id: created.id },
      select: { state: true, multipleChoice: true, options: { orderBy: { position: "asc" }, select: { label: true, isDontKnow: true } } },
    });
    expect(poll).toEqual({
      state: "draft",
      multipleChoice: true,
      options: [
        { label: "Ja", isDontKnow: false },
        { label: "Nej", isDontKnow: false },
        { label: "Vet ej", isDontKnow: true },
      ],
    });
    expect(await prisma.auditLog.count({ where: { action: "poll.create", entityId: created.id, actorId: organizerId } })).toBe(1);
  });

  it("follows draft → open → closed → published, can reopen and unpublish, and refuses skips", async () => {
    expect(canTransition("draft", "published")).toBe(false);
    const created = await createPoll(organizerId, eventId, input());
    if (!created.ok) throw new Error();
    const step = (to: "open" | "closed" | "published") => changePollState(organizerId, eventId, created.id, to);
    expect(await step("published")).toMatchObject({ ok: false, status: 409 });
    expect(await step("closed")).toMatchObject({ ok: false });
    expect(await step("open")).toEqual({ ok: true });
    expect(await step("published")).toMatchObject({ ok: false });
    expect(await step("closed")).toEqual({ ok: true });
    expect(await step("open")).toEqual({ ok: true }); // reopened
    expect(await step("closed")).toEqual({ ok: true });
    expect(await step("published")).toEqual({ ok: true });
    const row = await prisma.poll.findUniqueOrThrow({ where: { id: created.id }, select: { state: true, publishedAt: true } });
    expect(row.state).toBe("published");
    expect(row.publishedAt).not.toBeNull();
    expect(await step("closed")).toEqual({ ok: true }); // unpublished
    expect((await prisma.poll.findUniqueOrThrow({ where: { id: created.id }, select: { publishedAt: true } })).publishedAt).toBeNull();
    const actions = await prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["poll.create", "poll.open", "poll.close", "poll.open", "poll.close", "poll.publish", "poll.close"]);
    // A poll from another forum cannot be changed through this one.
    expect(await changePollState(organizerId, laterEventId, created.id, "open")).toMatchObject({ ok: false, status: 404 });
  });

  it("edits and deletes only drafts", async () => {
    const created = await createPoll(organizerId, eventId, input());
    if (!created.ok) throw new Error();
    expect(await updatePoll(organizerId, eventId, created.id, input({ question: "Ändrad?", options: "A\nB\nC" }))).toEqual({ ok: true });
    expect(await prisma.pollOption.count({ where: { pollId: created.id } })).toBe(3);
    await changePollState(organizerId, eventId, created.id, "open");
    expect(await updatePoll(organizerId, eventId, created.id, input())).toMatchObject({ ok: false, status: 409 });
    expect(await deletePoll(organizerId, eventId, created.id)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("voting", () => {
  it("records a vote, and a changed vote replaces the earlier one", async () => {
    const poll = await openPoll();
    const hash = nextHash();
    const [ja, nej] = poll.options;
    const base = { pollId: poll.id, participantHash: hash, userId: null, freeText: "", municipalityCode: "2081" };
    expect(await castVote({ ...base, optionIds: [ja!.id] })).toEqual({ ok: true, changed: false });
    expect(await castVote({ ...base, optionIds: [nej!.id], municipalityCode: "1290" })).toEqual({ ok: true, changed: true });
    expect(await getOwnResponse(poll.id, hash)).toMatchObject({ optionIds: [nej!.id], municipalityCode: "1290" });
    const live = await getLiveResults(poll.id);
    expect(live?.respondents).toBe(1);
    expect(live?.rows.map((r) => [r.label, r.count, r.percent])).toEqual([
      ["Ja", 0, 0],
      ["Nej", 1, 100],
    ]);
  });

  it("tells the presenter stream about each vote", async () => {
    const poll = await openPoll();
    let heard = 0;
    const unsubscribe = subscribeToPoll(poll.id, () => heard++);
    await ballot(poll.id, [poll.options[0]!.id]);
    unsubscribe();
    await ballot(poll.id, [poll.options[0]!.id]);
    expect(heard).toBe(1);
  });

  it("validates single and multiple choice, and keeps Vet ej on its own", async () => {
    const single = await openPoll({ dontKnow: "on" });
    const [a, b, dontKnow] = single.options.map((o) => o.id);
    expect(await ballot(single.id, [a!, b!])).toMatchObject({ ok: false, field: "optionIds" });
    expect(await ballot(single.id, [])).toMatchObject({ ok: false, field: "optionIds" });
    const multi = await openPoll({ multipleChoice: "on", dontKnow: "on", options: "A\nB\nC" });
    const [ma, mb, , mDontKnow] = multi.options.map((o) => o.id);
    expect(await ballot(multi.id, [ma!, mb!])).toEqual({ ok: true, changed: false });
    expect(await ballot(multi.id, [ma!, mDontKnow!])).toMatchObject({ ok: false, field: "optionIds" });
    // An option of another poll is refused.
    expect(await ballot(multi.id, [a!])).toMatchObject({ ok: false, field: "optionIds" });
    expect(await ballot(single.id, [dontKnow!])).toEqual({ ok: true, changed: false });
    // Unknown municipality codes are refused rather than failing on the foreign key.
    expect(await ballot(single.id, [a!], { municipalityCode: "9999" })).toMatchObject({ ok: false, field: "municipalityCode" });
    const results = await getLiveResults(multi.id);
    expect(results?.respondents).toBe(1);
    expect(results?.rows.map((r) => r.percent)).toEqual([100, 100, 0, 0]);
  });

  it("refuses votes unless the poll is open, with a Swedish message", async () => {
    const created = await createPoll(organizerId, eventId, input());
    if (!created.ok) throw new Error();
    const option = await prisma.pollOption.findFirstOrThrow({ where: { pollId: created.id }, select: { id: true } });
    expect(await ballot(created.id, [option.id])).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("inte öppnat") });
    await changePollState(organizerId, eventId, created.id, "open");
    await changePollState(organizerId, eventId, created.id, "closed");
    expect(await ballot(created.id, [option.id])).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("stängd") });
  });

  it("a code shows nothing of a draft, nor of a poll whose forum is not published, and such a poll takes no votes", async () => {
    const draft = await createPoll(organizerId, eventId, input({ question: "Hemlig utkastfråga?" }));
    if (!draft.ok) throw new Error();
    expect(await getPollByCode(draft.code)).toBeNull();
    await changePollState(organizerId, eventId, draft.id, "open");
    expect((await getPollByCode(draft.code))?.question).toBe("Hemlig utkastfråga?");

    const draftEventId = (
      await prisma.event.create({
        data: {
          slug: "forum-utkast",
          title: "Hemligt forum",
          startsAt: new Date("2030-09-01T11:00:00Z"),
          endsAt: new Date("2030-09-01T12:30:00Z"),
          status: "draft",
        },
        select: { id: true },
      })
    ).id;
    const open = await openPoll({ question: "Fråga i ett utkast?" }, draftEventId);
    expect(await getPollByCode(open.code)).toBeNull();
    expect(await ballot(open.id, [open.options[0]!.id])).toMatchObject({ ok: false, status: 404 });
    expect(await prisma.pollResponse.count({ where: { pollId: open.id } })).toBe(0);
    await prisma.event.update({ where: { id: draftEventId }, data: { status: "cancelled" } });
    expect(await getPollByCode(open.code)).toBeNull();
    await prisma.event.update({ where: { id: draftEventId }, data: { status: "published" } });
    expect((await getPollByCode(open.code))?.event.title).toBe("Hemligt forum");
    expect(await ballot(open.id, [open.options[0]!.id])).toMatchObject({ ok: true });
  });

  it("keeps free-text answers for organizers only", async () => {
    const poll = await openPoll({ allowFreeText: "on" });
    await ballot(poll.id, [poll.options[0]!.id], { freeText: "Vi saknar en ägare." });
    expect((await listFreeTextAnswers(poll.id)).map((a) => a.text)).toEqual(["Vi saknar en ägare."]);
    await changePollState(organizerId, eventId, poll.id, "closed");
    await changePollState(organizerId, eventId, poll.id, "published");
    const published = await getPublishedPoll(poll.code);
    expect(JSON.stringify(published)).not.toContain("saknar en ägare");
    expect(JSON.stringify(await listPublishedPolls(eventId))).not.toContain("saknar en ägare");
  });
});

describe("breakdowns", () => {
  it("hides counties and municipality groups with fewer than 5 respondents", async () => {
    const poll = await openPoll();
    const [ja, nej] = poll.options;
    // Dalarna: 6 respondents (Borlänge, Falun). Skåne: 3 (Kristianstad). 2 without a municipality.
    for (const code of ["2081", "2081", "2081", "2080", "2080", "2080"]) await ballot(poll.id, [ja!.id], { municipalityCode: code });
    for (let i = 0; i < 3; i++) await ballot(poll.id, [nej!.id], { municipalityCode: "1290" });
    for (let i = 0; i < 2; i++) await ballot(poll.id, [nej!.id]);
    const { county, group } = await getBreakdowns(poll.id, poll.options, false);
    expect(county.groups.map((g) => [g.label, g.respondents])).toEqual([["Dalarnas län", 6]]);
    expect(county.groups[0]!.rows.map((r) => r.percent)).toEqual([100, 0]);
    expect(county.suppressedGroups).toBe(1);
    expect(county.ungrouped).toBe(2);
    expect(JSON.stringify(county)).not.toContain("Skåne");
    // Every shown municipality group has at least 5; the rest are only counted.
    for (const g of group.groups) expect(g.respondents).toBeGreaterThanOrEqual(5);
    expect(group.groups.reduce((s, g) => s + g.respondents, 0) + group.ungrouped).toBeLessThanOrEqual(11);
    expect(group.suppressedGroups + group.groups.length).toBeGreaterThan(0);
  });
});

describe("trends", () => {
  it("shows a repeated question over time, oldest first, and refuses loops", async () => {
    const first = await openPoll({ question: "Har ni en ägare av analysen?" });
    await ballot(first.id, [first.options[0]!.id]);
    await changePollState(organizerId, eventId, first.id, "closed");
    await changePollState(organizerId, eventId, first.id, "published");

    const repeat = await createPoll(organizerId, laterEventId, input({ question: "Har ni en ägare av analysen?", repeatOfId: first.id }));
    if (!repeat.ok) throw new Error(repeat.message);
    const options = await prisma.pollOption.findMany({ where: { pollId: repeat.id }, orderBy: { position: "asc" }, select: { id: true } });
    await changePollState(organizerId, laterEventId, repeat.id, "open");
    await ballot(repeat.id, [options[1]!.id]);
    await ballot(repeat.id, [options[0]!.id]);
    // Not published yet: no trend.
    expect(await getTrend(first.id)).toEqual([]);
    await changePollState(organizerId, laterEventId, repeat.id, "closed");
    await changePollState(organizerId, laterEventId, repeat.id, "published");

    const trend = await getTrend(repeat.id);
    expect(trend.map((p) => [p.code, p.respondents, p.rows.map((r) => r.percent)])).toEqual([
      [first.code, 1, [100, 0]],
      [repeat.code, 2, [50, 50]],
    ]);
    expect(await getTrend(first.id)).toEqual(trend);

    // A draft that the first poll would repeat cannot itself repeat the first: no loops.
    const draft = await createPoll(organizerId, eventId, input());
    if (!draft.ok) throw new Error();
    await prisma.poll.update({ where: { id: first.id }, data: { repeatOfId: draft.id } });
    expect(await updatePoll(organizerId, eventId, draft.id, input({ repeatOfId: repeat.id }))).toMatchObject({ ok: false, field: "repeatOfId" });
    expect(await updatePoll(organizerId, eventId, draft.id, input({ repeatOfId: draft.id }))).toMatchObject({ ok: false, field: "repeatOfId" });
  });
});
