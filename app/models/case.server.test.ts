import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  applicableFilter,
  getCaseFilterOptions,
  getPublishedCaseBySlug,
  listCaseThreads,
  listLatestCases,
  listPublishedCases,
  listRelatedCases,
  needsReview,
  searchCases,
} from "./case.server";
import { askCaseOwner, categoryForTags } from "./case-question.server";
import {
  assignCaseEditor,
  createCase,
  getCaseForEditor,
  getCaseFormOptions,
  markCaseReviewed,
  setCaseStatus,
  UNPUBLISHED_EVENT_LABEL,
  updateCase,
} from "./case-admin.server";
import { CASE_SECTION_TEMPLATE, caseSchema, parseCaseFilter } from "~/validation/library";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "12", name: "Skåne län", shortName: "Skåne" } });
  await prisma.municipality.create({ data: { code: "1290", name: "Kristianstad", officialName: "Kristianstads kommun", countyCode: "12" } });
  const [iot, va] = await Promise.all([
    prisma.tag.create({ data: { slug: "iot", name: "IoT" } }),
    prisma.tag.create({ data: { slug: "va", name: "Vatten och avlopp", kind: "topic" } }),
  ]);
  const published = await prisma.event.create({
    data: {
      slug: "forum-maj",
      title: "Forum i maj",
      startsAt: new Date("2021-05-06T11:00:00Z"),
      endsAt: new Date("2021-05-06T12:30:00Z"),
      status: "published",
    },
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
    expect(card?.municipality).toEqual({ code: "1290", name: "Kristianstad", county: { code: "12", name: "Skåne län" } });
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
    expect(found?.contactEmail).toBeNull();
    expect(found?.hasContactEmail).toBe(true);
    expect(JSON.stringify(found)).not.toContain("karin@example.org");
  });

  it("gives the contact email only when the caller asks for a logged-in member", async () => {
    expect((await getPublishedCaseBySlug("smart-va", { includeContactEmail: true }))?.contactEmail).toBe("karin@example.org");
  });

  it("does not link to a forum that is not published", async () => {
    expect((await getPublishedCaseBySlug("aldre"))?.event).toBeNull();
  });

  it("returns null for drafts and unknown slugs", async () => {
    expect(await getPublishedCaseBySlug("hemligt-utkast")).toBeNull();
    expect(await getPublishedCaseBySlug("finns-inte")).toBeNull();
  });
});

const filter = (query: string) => parseCaseFilter(new URLSearchParams(query));

describe("the library's filters", () => {
  it("combines tag, domain, county and municipality, and pages the result", async () => {
    expect((await searchCases(filter("tagg=iot&lan=12"))).cases.map((c) => c.slug)).toEqual(["smart-va"]);
    expect((await searchCases(filter("tagg=iot&lan=20"))).total).toBe(0);
    expect((await searchCases(filter("verksamhet=VA&kommun=1290"))).cases.map((c) => c.slug)).toEqual(["smart-va"]);
    expect((await searchCases(filter("sortera=titel"))).cases.map((c) => c.slug)).toEqual(["smart-va", "aldre"]);
    const paged = await searchCases(filter("sida=2"), 1);
    expect(paged).toMatchObject({ total: 2, page: 2, pageCount: 2 });
    expect(paged.cases.map((c) => c.slug)).toEqual(["aldre"]);
    // A page past the end shows the last page rather than nothing.
    expect((await searchCases(filter("sida=99"), 1)).page).toBe(2);
  });

  it("drops filter values that match nothing instead of failing", async () => {
    const options = await getCaseFilterOptions();
    expect(options.counties).toEqual([{ code: "12", name: "Skåne län" }]);
    expect(options.domains).toEqual(["VA"]);
    const applied = applicableFilter(filter("tagg=finns-inte&lan=99&kommun=0000&verksamhet=%3Cscript%3E&sortera=x&sida=-3"), options);
    expect(applied).toEqual({ tag: null, domain: null, county: null, municipality: null, sort: "nytt", page: 1 });
  });
});

describe("the case page's neighbours", () => {
  it("finds related published cases by shared tags, and flags cases not reviewed in 18 months", async () => {
    const smart = await getPublishedCaseBySlug("smart-va");
    const other = await prisma.case.create({
      data: { slug: "granne", title: "Granne", status: "published", publishedAt: new Date(), tags: { create: { tag: { connect: { slug: "iot" } } } } },
      select: { id: true },
    });
    expect((await listRelatedCases(smart!.id, ["iot", "va"])).map((c) => c.slug)).toEqual(["granne"]);
    await prisma.case.delete({ where: { id: other.id } });
    const now = new Date("2026-11-28T12:00:00Z");
    expect(needsReview(null, new Date("2025-01-01T00:00:00Z"), now)).toBe(true);
    expect(needsReview(new Date("2026-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"), now)).toBe(false);
    expect(needsReview(null, null, now)).toBe(false);
  });
});

describe("asking the case owner", () => {
  it("opens a thread linked to the case, followed by the asker, and mails the contact in the same transaction", async () => {
    await prisma.discussionCategory.createMany({
      data: [
        { slug: "iot-sensorer", name: "IoT & sensorer" },
        { slug: "ovrigt", name: "Övrigt" },
      ],
    });
    const asker = await prisma.user.create({ data: { email: "fragare@example.org", name: "Frida Frågare", municipalityCode: "1290" }, select: { id: true } });
    const result = await askCaseOwner({
      caseSlug: "smart-va",
      userId: asker.id,
      title: "Hur valde ni sensorer?",
      body: "Vi står inför samma val.",
      threadPath: (t) => `/diskussioner/${t.id}/${t.slug}`,
      mail: (m) => ({ subject: `Fråga om ${m.caseTitle}`, text: `${m.askerName}: ${m.questionBody} ${m.threadPath}`, html: "<p>x</p>" }),
    });
    expect(result?.emailed).toBe(true);
    const thread = await prisma.thread.findUniqueOrThrow({
      where: { id: result!.thread.id },
      select: {
        slug: true,
        case: { select: { slug: true } },
        category: { select: { slug: true } },
        posts: { select: { kind: true, bodyMd: true, authorId: true } },
        followers: { select: { userId: true } },
      },
    });
    expect(thread).toEqual({
      slug: "hur-valde-ni-sensorer",
      case: { slug: "smart-va" },
      category: { slug: "iot-sensorer" },
      posts: [{ kind: "question", bodyMd: "Vi står inför samma val.", authorId: asker.id }],
      followers: [{ userId: asker.id }],
    });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { kind: "case-question" }, select: { toAddress: true, subject: true, text: true } });
    expect(mail.toAddress).toBe("karin@example.org");
    expect(mail.text).toContain(`/diskussioner/${result!.thread.id}/hur-valde-ni-sensorer`);
    expect((await listCaseThreads((await getPublishedCaseBySlug("smart-va"))!.id)).map((t) => t.title)).toEqual(["Hur valde ni sensorer?"]);
  });

  it("puts questions in Övrigt when no tag matches a category, and refuses drafts", async () => {
    expect(categoryForTags(["rpa"])).toBe("ovrigt");
    expect(categoryForTags(["va", "ai"])).toBe("ai-prediktiv-analys");
    const asker = await prisma.user.findFirstOrThrow({ where: { email: "fragare@example.org" }, select: { id: true } });
    const refused = await askCaseOwner({
      caseSlug: "hemligt-utkast",
      userId: asker.id,
      title: "Fråga",
      body: "Om ett utkast.",
      threadPath: () => "/",
      mail: () => ({ subject: "", text: "", html: "" }),
    });
    expect(refused).toBeNull();
  });
});

describe("organizer and editor writes", () => {
  const input = (fields: Record<string, unknown>) => caseSchema.parse({ title: "Nytt case från Kristianstad", ...fields });

  it("creates a draft, publishes it, marks it reviewed, each with an audit entry", async () => {
    const organizer = await prisma.user.create({ data: { email: "org@example.org", name: "Org", role: "organizer" }, select: { id: true } });
    const created = await createCase(organizer.id, input({ municipalityCode: "1290", tags: ["iot"], extraTags: "Sensorer" }));
    expect(created).toMatchObject({ ok: true, slug: "nytt-case-fran-kristianstad" });
    if (!created.ok) return;
    expect(await createCase(organizer.id, input({}))).toMatchObject({ ok: false, field: "slug" });
    expect(await createCase(organizer.id, input({ slug: "annat", municipalityCode: "9999" }))).toMatchObject({ ok: false, field: "municipalityCode" });
    expect(await getPublishedCaseBySlug(created.slug)).toBeNull();
    await setCaseStatus(created.id, organizer.id, "published");
    const published = await getPublishedCaseBySlug(created.slug);
    expect(published?.tags.map((t) => t.slug).sort()).toEqual(["iot", "sensorer"]);
    expect(published?.publishedAt).toBeTruthy();
    await markCaseReviewed(created.id, organizer.id);
    const audit = await prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audit.map((a) => a.action)).toEqual(["case.create", "case.publish", "case.review"]);
    expect(audit.every((a) => a.actorId === organizer.id)).toBe(true);
  });

  it("stores the page without the template's sections that are still to be filled in, and keeps them in the Markdown", async () => {
    const organizer = await prisma.user.findFirstOrThrow({ where: { email: "org@example.org" }, select: { id: true } });
    const bodyMd = CASE_SECTION_TEMPLATE.replace("## Lösning\n\nAtt fylla i av kommunen.", "## Lösning\n\nSensorer i ledningsnätet.");
    const created = await createCase(organizer.id, input({ slug: "mall-case", bodyMd }));
    if (!created.ok) throw new Error(created.message);
    const stored = await prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { bodyMd: true, bodyHtml: true } });
    expect(stored.bodyMd).toBe(bodyMd);
    expect(stored.bodyHtml).toBe('<h2 id="losning">Lösning</h2>\n<p>Sensorer i ledningsnätet.</p>\n');
  });

  it("lets an assigned editor change only that case, and not its address", async () => {
    const organizer = await prisma.user.findFirstOrThrow({ where: { email: "org@example.org" }, select: { id: true } });
    const editor = await prisma.user.create({ data: { email: "redaktor@example.org", name: "Red Aktör" }, select: { id: true } });
    const target = await prisma.case.findUniqueOrThrow({ where: { slug: "smart-va" }, select: { id: true } });
    const other = await prisma.case.findUniqueOrThrow({ where: { slug: "aldre" }, select: { id: true } });

    expect(await assignCaseEditor(target.id, organizer.id, "finns-inte@example.org")).toMatchObject({ ok: false, field: "editorEmail" });
    expect(await assignCaseEditor(target.id, organizer.id, "redaktor@example.org")).toEqual({ ok: true });
    expect(await getCaseForEditor(target.id, editor.id)).not.toBeNull();
    expect(await getCaseForEditor(other.id, editor.id)).toBeNull();

    expect(await updateCase(other.id, editor.id, input({ title: "Kapat" }), { editorId: editor.id })).toBeNull();
    expect((await prisma.case.findUniqueOrThrow({ where: { id: other.id }, select: { title: true } })).title).toBe("Äldre case");

    const saved = await updateCase(target.id, editor.id, input({ title: "Smart VA, uppdaterat", slug: "nytt-namn", municipalityCode: "1290" }), {
      editorId: editor.id,
    });
    expect(saved).toEqual({ ok: true, id: target.id, slug: "smart-va" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: target.id, action: "case.update" }, select: { actorId: true, detail: true } });
    expect(audit.actorId).toBe(editor.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ asEditor: true });
  });

  it("a case editor sees only published forums, the draft forum already linked without its title, and cannot link another", async () => {
    const organizer = await prisma.user.findFirstOrThrow({ where: { email: "org@example.org" }, select: { id: true } });
    const editor = await prisma.user.create({ data: { email: "redaktor2@example.org", name: "Red Två" }, select: { id: true } });
    const aldre = await prisma.case.findUniqueOrThrow({ where: { slug: "aldre" }, select: { id: true, eventId: true } });
    const draftEvent = await prisma.event.findUniqueOrThrow({ where: { slug: "forum-utkast" }, select: { id: true } });
    const published = await prisma.event.findUniqueOrThrow({ where: { slug: "forum-maj" }, select: { id: true } });
    expect(aldre.eventId).toBe(draftEvent.id);

    expect((await getCaseFormOptions()).events.map((e) => e.title)).toContain("Forum utkast"); // organizers see every forum
    const titles = async (currentEventId: string | null) => (await getCaseFormOptions({ forEditor: { currentEventId } })).events;
    expect((await titles(null)).map((e) => e.title)).toEqual(["Forum i maj"]);
    const withDraft = await titles(draftEvent.id);
    expect(withDraft.map((e) => e.title)).not.toContain("Forum utkast");
    expect(withDraft).toContainEqual({ id: draftEvent.id, title: UNPUBLISHED_EVENT_LABEL, startsAt: null });

    expect(await assignCaseEditor(aldre.id, organizer.id, "redaktor2@example.org")).toEqual({ ok: true });
    const save = (eventId: string) => updateCase(aldre.id, editor.id, input({ title: "Äldre case", eventId }), { editorId: editor.id });
    expect(await save(draftEvent.id)).toMatchObject({ ok: true }); // keeps the forum it has
    expect(await save(published.id)).toMatchObject({ ok: true });
    expect(await save(draftEvent.id)).toMatchObject({ ok: false, field: "eventId" });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: aldre.id }, select: { eventId: true } })).eventId).toBe(published.id);
  });
});
