import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { parseHighlighted, queryTerms, searchBackend, toMatchQuery, type SearchKind } from "./search-index.server";

const find = async (query: string, kinds?: SearchKind[], now?: Date) => searchBackend.search({ query, kinds, limit: 50, offset: 0, now });
const ids = async (query: string, kinds?: SearchKind[]) => (await find(query, kinds)).hits.map((h) => `${h.kind}:${h.refId}`);
const plain = (h: Array<{ text: string }>) => h.map((p) => p.text).join("");

let smartVa = "";
let borlange = "";
let draft = "";
let eventId = "";
let recordingId = "";
let threadId = "";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "12", name: "Skåne län", shortName: "Skåne" } });
  await prisma.municipality.create({ data: { code: "1290", name: "Kristianstad", officialName: "Kristianstads kommun", countyCode: "12" } });
  const iot = await prisma.tag.create({ data: { slug: "iot", name: "IoT" } });
  smartVa = (
    await prisma.case.create({
      data: {
        slug: "smart-va",
        title: "Smart VA i Kristianstad",
        summary: "Bättre data och analys inom vatten och avlopp.",
        bodyMd: "## Bakgrund\n\nSensorer mäter flöden i ledningsnätet. Prediktiva modeller är nästa steg.",
        municipalityCode: "1290",
        status: "published",
        publishedAt: new Date("2026-10-01T08:00:00Z"),
        tags: { create: [{ tagId: iot.id }] },
      },
    })
  ).id;
  borlange = (
    await prisma.case.create({
      data: { slug: "bi", title: "Beslutsstöd i Borlänge", bodyMd: "Rapporter för förvaltningarna.", status: "published", publishedAt: new Date() },
    })
  ).id;
  draft = (await prisma.case.create({ data: { slug: "utkast", title: "Hemligt utkast om grundvattennivåer", bodyMd: "grundvattennivåer", status: "draft" } }))
    .id;
  const event = await prisma.event.create({
    data: {
      slug: "forum",
      title: "Kommunforum i maj",
      summary: "Två kommuner berättar.",
      startsAt: new Date("2021-05-06T11:00:00Z"),
      endsAt: new Date("2021-05-06T12:30:00Z"),
      status: "published",
      agenda: { create: [{ title: "Välkommen och omröstningar", startsAt: new Date("2021-05-06T11:00:00Z") }] },
    },
  });
  eventId = event.id;
  recordingId = (
    await prisma.recording.create({
      data: {
        eventId,
        videoUrl: "https://video.example/1",
        provider: "file",
        publishedAt: new Date("2021-05-10T08:00:00Z"),
        chapters: { create: [{ startSeconds: 0, title: "Kapitel om dataplattformen" }] },
      },
    })
  ).id;
  const category = await prisma.discussionCategory.create({ data: { slug: "allmant", name: "Allmänt" } });
  const thread = await prisma.thread.create({
    data: { categoryId: category.id, title: "Hur börjar man med öppna data?", slug: "oppna-data" },
  });
  threadId = thread.id;
  await prisma.post.create({ data: { threadId, kind: "question", bodyMd: "Vi funderar på en portal för öppna data." } });
  await prisma.post.create({ data: { threadId, kind: "answer", bodyMd: "Börja med ett litet dataset om badplatser." } });
});

describe("toMatchQuery", () => {
  it("quotes every word and makes words of three letters or more prefixes", () => {
    expect(toMatchQuery("Prediktiv analys")).toBe('"prediktiv"* "analys"*');
    expect(toMatchQuery("VA")).toBe('"va"');
  });

  it("turns FTS syntax into plain words", () => {
    expect(toMatchQuery('"smart" AND NEAR(va, data) -kommun title:x *')).toBe('"smart"* "and"* "near"* "va" "data"* "kommun"* "title"* "x"');
    expect(toMatchQuery('" ( ) * - :')).toBeNull();
    expect(toMatchQuery("   ")).toBeNull();
  });

  it("keeps å, ä and ö and caps the number of words", () => {
    expect(queryTerms("Älvkarleby ÅNGE öland")).toEqual(["älvkarleby", "ånge", "öland"]);
    expect(queryTerms(Array.from({ length: 30 }, (_, i) => `ord${i}`).join(" "))).toHaveLength(12);
  });
});

describe("parseHighlighted", () => {
  it("splits at the markers and keeps everything else as text", () => {
    expect(parseHighlighted("a \uE000<b>\uE001 c")).toEqual([
      { text: "a ", match: false },
      { text: "<b>", match: true },
      { text: " c", match: false },
    ]);
  });
});

describe("search", () => {
  it("finds Swedish words, with å, ä and ö as themselves", async () => {
    expect(await ids("Smart VA")).toEqual([`case:${smartVa}`]);
    expect(await ids("vatten och avlopp")).toEqual([`case:${smartVa}`]);
    expect(await ids("Borlänge")).toEqual([`case:${borlange}`]);
    // Without diacritic folding, "borlange" is another word.
    expect(await ids("Borlange")).toEqual([]);
    expect(await ids("förvaltningarna")).toEqual([`case:${borlange}`]);
  });

  it("matches prefixes: prediktiv finds Prediktiva", async () => {
    expect(await ids("prediktiv")).toEqual([`case:${smartVa}`]);
  });

  it("highlights the matches in the title and the snippet", async () => {
    const [hit] = (await find("sensorer")).hits;
    expect(hit).toBeDefined();
    expect(hit!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(["Sensorer"]);
    expect(plain(hit!.title)).toBe("Smart VA i Kristianstad");
    const [titled] = (await find("smart")).hits;
    expect(titled!.title.find((p) => p.match)?.text).toBe("Smart");
  });

  it("searches tags and the municipality name of a case", async () => {
    expect(await ids("iot")).toEqual([`case:${smartVa}`]);
    expect(await ids("Kristianstad")).toEqual([`case:${smartVa}`]);
  });

  it("never throws on FTS syntax in the query", async () => {
    for (const q of ['"', "NEAR(", "smart AND", "va OR", "(((", "*", "-smart", "title:smart", "NOT", '"smart va"', "^va"]) {
      await expect(find(q)).resolves.toBeDefined();
    }
    // Operators are ordinary words that must occur, so they narrow instead of breaking the query.
    expect(await ids('"Smart')).toEqual([`case:${smartVa}`]);
    expect(await ids("smart NEAR(va")).toEqual([]);
  });

  it("does not find a draft", async () => {
    expect(await ids("grundvatten")).toEqual([]);
    await prisma.case.update({ where: { id: draft }, data: { status: "published", publishedAt: new Date() } });
    expect(await ids("grundvatten")).toEqual([`case:${draft}`]);
    await prisma.case.update({ where: { id: draft }, data: { status: "draft" } });
    expect(await ids("grundvatten")).toEqual([]);
  });

  it("sees a changed title at once, and forgets a deleted case", async () => {
    const c = await prisma.case.create({ data: { slug: "tillfalligt", title: "Tillfälligt case", status: "published", publishedAt: new Date() } });
    await prisma.case.update({ where: { id: c.id }, data: { title: "Skolskjutsar med optimering" } });
    expect(await ids("skolskjuts")).toEqual([`case:${c.id}`]);
    expect(await ids("tillfälligt")).toEqual([]);
    await prisma.case.delete({ where: { id: c.id } });
    expect(await ids("skolskjuts")).toEqual([]);
  });

  it("indexes events with their agenda, and recordings by chapter title", async () => {
    expect(await ids("omröstningar")).toEqual([`event:${eventId}`]);
    expect(await ids("dataplattformen")).toEqual([`recording:${recordingId}`]);
    expect(await ids("maj", ["recording"])).toEqual([`recording:${recordingId}`]);
    // Not before the recording's publication time.
    expect((await find("dataplattformen", undefined, new Date("2021-05-07T00:00:00Z"))).total).toBe(0);
  });

  it("indexes discussion threads with their visible posts", async () => {
    expect(await ids("badplatser")).toEqual([`thread:${threadId}`]);
    const answer = await prisma.post.findFirstOrThrow({ where: { threadId, kind: "answer" }, select: { id: true } });
    await prisma.post.update({ where: { id: answer.id }, data: { hiddenAt: new Date() } });
    expect(await ids("badplatser")).toEqual([]);
    expect(await ids("portal")).toEqual([`thread:${threadId}`]);
    await prisma.thread.update({ where: { id: threadId }, data: { hiddenAt: new Date() } });
    expect(await ids("portal")).toEqual([]);
    await prisma.thread.update({ where: { id: threadId }, data: { hiddenAt: null } });
    expect(await ids("portal")).toEqual([`thread:${threadId}`]);
  });

  it("filters by kind and counts all matches", async () => {
    // Not a one-letter word: PostgreSQL's Swedish configuration drops stop words such as "i".
    const all = await find("kristianstad");
    expect(all.total).toBeGreaterThan(0);
    expect(await ids("maj", ["event"])).toEqual([`event:${eventId}`]);
    expect(await ids("smart", ["thread"])).toEqual([]);
  });

  it("rebuilds the same documents from scratch", async () => {
    const before = await prisma.$queryRawUnsafe<Array<{ kind: string; refId: string; title: string; body: string }>>(
      `SELECT "kind", "refId", "title", "body" FROM "SearchIndex" ORDER BY "kind", "refId"`,
    );
    await prisma.$executeRawUnsafe(`DELETE FROM "SearchIndex"`);
    expect(await ids("prediktiv")).toEqual([]);
    const count = await searchBackend.rebuild();
    const after = await prisma.$queryRawUnsafe<typeof before>(`SELECT "kind", "refId", "title", "body" FROM "SearchIndex" ORDER BY "kind", "refId"`);
    expect(count).toBe(before.length);
    expect(after).toEqual(before);
    expect(await ids("prediktiv")).toEqual([`case:${smartVa}`]);
  });

  it("drops the recording's document when its forum is deleted", async () => {
    await prisma.event.delete({ where: { id: eventId } });
    expect(await ids("dataplattformen")).toEqual([]);
    expect(await ids("omröstningar")).toEqual([]);
  });
});
