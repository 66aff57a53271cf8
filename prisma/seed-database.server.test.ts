import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { toStockholmInputValue } from "~/utils/format";
import { verifyPassword } from "~/utils/password.server";
import { DEMO_USERS, PAST_FORUM, UPCOMING_FORUM } from "./seed-content";
import { countSeededRows, seedDatabase } from "./seed-database.server";
import { nextForumStart, registrationDeadlineFor } from "./seed-forums.server";
import { DEMO_MATURITY } from "./seed-maturity.server";

const weekdayInStockholm = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", weekday: "long" }).format(d);

describe("the upcoming forum's date", () => {
  it("is 13.00 Stockholm time on the first Tuesday at least 30 days ahead", () => {
    const check = (nowIso: string) => {
      const now = new Date(nowIso);
      const start = nextForumStart(now);
      const days = (start.getTime() - now.getTime()) / 86_400_000;
      expect(weekdayInStockholm(start)).toBe("Tuesday");
      expect(toStockholmInputValue(start).slice(11)).toBe("13:00");
      expect(days).toBeGreaterThanOrEqual(30);
      expect(days).toBeLessThan(37);
      return toStockholmInputValue(start);
    };
    // Saturday 28 Nov 2026 + 30 days = Monday 28 Dec → Tuesday 29 Dec (winter time, 12:00Z).
    expect(check("2026-11-28T12:00:00Z")).toBe("2026-12-29T13:00");
    expect(nextForumStart(new Date("2026-11-28T12:00:00Z")).toISOString()).toBe("2026-12-29T12:00:00.000Z");
    // Day 30 is a Tuesday before 13.00: that same day.
    expect(check("2026-11-29T08:00:00Z")).toBe("2026-12-29T13:00");
    // Day 30 is a Tuesday after 13.00: a week later.
    expect(check("2026-11-29T13:30:00Z")).toBe("2027-01-05T13:00");
    // Across the change to summer time (29 March 2026): 13.00 is 11:00Z.
    expect(nextForumStart(new Date("2026-03-01T10:00:00Z")).toISOString()).toBe("2026-03-31T11:00:00.000Z");
  });

  it("closes registration at 23.59 Stockholm time two days before", () => {
    const deadline = registrationDeadlineFor(new Date("2026-12-29T12:00:00Z"));
    expect(toStockholmInputValue(deadline)).toBe("2026-12-27T23:59");
  });
});

describe("seedDatabase", () => {
  it("can run twice without creating or changing anything the second time", async () => {
    const now = new Date();
    const first = await seedDatabase({ now });
    const before = await countSeededRows();
    const upcomingBefore = await prisma.event.findUniqueOrThrow({ where: { slug: UPCOMING_FORUM.slug } });

    // Ten days later the computed date would differ; the stored one must not.
    const second = await seedDatabase({ now: new Date(now.getTime() + 10 * 86_400_000) });
    const after = await countSeededRows();
    const upcomingAfter = await prisma.event.findUniqueOrThrow({ where: { slug: UPCOMING_FORUM.slug } });

    expect(first.created.length).toBeGreaterThan(0);
    expect(second.created).toEqual([]);
    expect(after).toEqual(before);
    expect(upcomingAfter).toEqual(upcomingBefore);
    expect(before).toMatchObject({
      counties: 21,
      municipalities: 290,
      tags: 11, // 7 area tags + 4 maturity topic tags
      categories: 7,
      users: 4,
      events: 2,
      speakers: 2,
      agendaItems: PAST_FORUM.agenda.length + UPCOMING_FORUM.agenda.length,
      polls: 5, // the four imported 2021 polls and the demo draft (DATA7)
      pollOptions: 6,
      pollResponses: 0,
      cases: 2,
      caseTags: 4,
      articles: 1,
      articleTags: 2,
      eventTags: 2,
      maturityAssessments: DEMO_MATURITY.thisYear.length + DEMO_MATURITY.lastYear.length,
    });

    // Passwords were hashed once and still verify after the second run.
    for (const user of DEMO_USERS) {
      const row = await prisma.user.findUniqueOrThrow({
        where: { email: user.email },
        select: { passwordHash: true, emailVerifiedAt: true, role: true },
      });
      expect(row.emailVerifiedAt).not.toBeNull();
      expect(row.role).toBe(user.role);
      expect(await verifyPassword(row.passwordHash!, user.password)).toBe(true);
    }
    // The demo members' addresses are on their municipality's registered domain: verified.
    const members = await prisma.user.findMany({
      where: { municipalityCode: { not: null } },
      orderBy: { email: "asc" },
      select: { email: true, affiliationStatus: true, affiliationVerifiedBy: true },
    });
    expect(members).toEqual([
      { email: "anna.demo@borlange.example", affiliationStatus: "verified", affiliationVerifiedBy: "domain" },
      { email: "erik.demo@kristianstad.example", affiliationStatus: "verified", affiliationVerifiedBy: "domain" },
    ]);
    expect(await prisma.affiliationDomain.count()).toBe(2);
  });

  it("publishes an upcoming forum in the future that is open for registration", async () => {
    await seedDatabase();
    const event = await prisma.event.findUniqueOrThrow({ where: { slug: UPCOMING_FORUM.slug } });
    const now = Date.now();
    expect(event.status).toBe("published");
    expect(event.isDemo).toBe(true);
    expect(event.startsAt.getTime()).toBeGreaterThan(now);
    expect(event.registrationDeadline!.getTime()).toBeGreaterThan(now);
    expect(event.registrationDeadline!.getTime()).toBeLessThan(event.startsAt.getTime());
    expect(event.endsAt.getTime() - event.startsAt.getTime()).toBe(90 * 60_000);
    expect(event.capacity).toBe(100);
    expect(event.title).toMatch(/^Kommunforum Analytics \d{1,2} \p{L}+ \d{4}$/u);
    expect(event.descriptionMd).toContain("Demoinnehåll");
  });

  it("stores the 6 May 2021 forum with its imported poll results and no invented figures", async () => {
    await seedDatabase();
    const event = await prisma.event.findUniqueOrThrow({
      where: { slug: PAST_FORUM.slug },
      select: {
        startsAt: true,
        endsAt: true,
        status: true,
        speakers: { select: { municipalityCode: true, organisationName: true }, orderBy: { position: "asc" } },
        polls: {
          orderBy: { position: "asc" },
          select: {
            code: true,
            imported: true,
            state: true,
            publishedAt: true,
            resultNote: true,
            _count: { select: { responses: true } },
            options: { orderBy: { position: "asc" }, select: { label: true, importedPercent: true, isDontKnow: true } },
          },
        },
      },
    });
    expect(event.startsAt.toISOString()).toBe("2021-05-06T11:00:00.000Z");
    expect(event.endsAt.toISOString()).toBe("2021-05-06T12:30:00.000Z");
    expect(event.status).toBe("published");
    expect(event.speakers).toEqual([
      { municipalityCode: "2081", organisationName: "Borlänge kommun" },
      { municipalityCode: "1290", organisationName: "Kristianstads kommun" },
    ]);
    expect(event.polls.map((p) => p.code)).toEqual(["K21A", "K21B", "K21C", "K21D"]);
    // Its recording entry: chapters from the agenda, 1.5 hours, and no video address (the source gives none).
    const recording = await prisma.recording.findFirstOrThrow({
      where: { event: { slug: PAST_FORUM.slug } },
      select: { videoUrl: true, durationSeconds: true, publishedAt: true, chapters: { orderBy: { startSeconds: "asc" }, select: { startSeconds: true } } },
    });
    expect(recording).toMatchObject({ videoUrl: "", durationSeconds: 5400 });
    expect(recording.publishedAt).not.toBeNull();
    expect(recording.chapters.map((c) => c.startSeconds)).toEqual([0, 600, 2400, 4200]);
    for (const poll of event.polls) {
      expect(poll).toMatchObject({ imported: true, state: "published", _count: { responses: 0 } });
      expect(poll.publishedAt).not.toBeNull();
    }
    const [coordination, potential, challenges, predictive] = event.polls;
    // The unreported 12 % get no option of their own.
    expect(coordination!.options).toEqual([
      { label: "Ja", importedPercent: 10, isDontKnow: false },
      { label: "Nej", importedPercent: 63, isDontKnow: false },
      { label: "Vet ej", importedPercent: 15, isDontKnow: true },
    ]);
    for (const poll of [potential!, challenges!, predictive!]) {
      expect(poll.options).toEqual([]);
      expect(poll.resultNote).not.toBe("");
    }
    expect(challenges!.resultNote).toContain("bristande kompetens i verksamheten");
    expect(challenges!.resultNote).toContain("samverkan verksamhet – it");
  });

  it("publishes the demo cases and the article with their tags, clearly marked as demo", async () => {
    await seedDatabase();
    const cases = await prisma.case.findMany({
      orderBy: { slug: "asc" },
      select: {
        slug: true,
        municipalityCode: true,
        status: true,
        isDemo: true,
        bodyMd: true,
        lastReviewedAt: true,
        event: { select: { slug: true } },
        tags: { select: { tag: { select: { slug: true } } } },
      },
    });
    expect(cases.map((c) => [c.slug, c.municipalityCode, c.tags.map((t) => t.tag.slug).sort()])).toEqual([
      ["borlange-bi-beslutsstod", "2081", ["bi", "datadriven-styrning"]],
      ["kristianstad-smart-va", "1290", ["dataplattform", "iot"]],
    ]);
    for (const c of cases) {
      expect(c).toMatchObject({ status: "published", isDemo: true, event: { slug: PAST_FORUM.slug } });
      expect(c.lastReviewedAt).not.toBeNull();
      expect(c.bodyMd).toContain("Demoinnehåll");
      const headings = [...c.bodyMd.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      // Only sections with content: no "Att fylla i av kommunen." on the page or in its table of contents.
      expect(headings).toEqual(c.slug === "kristianstad-smart-va" ? ["Bakgrund", "Lösning"] : ["Bakgrund"]);
      expect(c.bodyMd).not.toContain("Att fylla i");
    }

    const article = await prisma.article.findUniqueOrThrow({
      where: { slug: "sammanfattning-kommunforum-2021-05-06" },
      select: {
        status: true,
        isDemo: true,
        bodyMd: true,
        author: { select: { email: true, role: true } },
        tags: { select: { tag: { select: { slug: true } } } },
      },
    });
    expect(article).toMatchObject({ status: "published", isDemo: true, author: { email: "arrangor@kommunforum.local", role: "organizer" } });
    expect(article.tags.map((t) => t.tag.slug).sort()).toEqual(["ai", "datadriven-styrning"]);
    expect(article.bodyMd).toContain("Demoinnehåll");
  });

  it("leaves an edited demo row alone on the next run", async () => {
    await seedDatabase();
    await prisma.case.update({ where: { slug: "kristianstad-smart-va" }, data: { title: "Ändrad av redaktören" } });
    await seedDatabase();
    const row = await prisma.case.findUniqueOrThrow({ where: { slug: "kristianstad-smart-va" }, select: { title: true } });
    expect(row.title).toBe("Ändrad av redaktören");
  });
});
