import { uniqueHandle } from "./user.server";
import { prisma } from "~/utils/db.server";
import { formatShortDate, fromStockholmInputValue, toStockholmInputValue } from "~/utils/format";
import { renderForWrite } from "~/utils/markdown.server";
import { hashPassword } from "~/utils/password.server";
import {
  AREA_TAGS,
  DEMO_AFFILIATION_DOMAINS,
  DEMO_ARTICLE,
  DEMO_CASES,
  DEMO_POLL,
  DEMO_USERS,
  DEMO_THREADS,
  DISCUSSION_CATEGORIES,
  PAST_FORUM,
  PAST_FORUM_POLLS,
  UPCOMING_FORUM,
  type DemoAgendaItem,
  type DemoPost,
  type DemoSpeaker,
} from "../../prisma/seed-content";
import { ensureDemoAffiliationDomains } from "./affiliation-admin.server";
import { backfillMarkdownHtml } from "./markdown-backfill.server";
import { ensureDemoMaturity, ensureMaturityTags } from "./maturity.server";
import { upsertReferenceData } from "./reference.server";

/**
 * The seed behind `npm run db:seed` (and `npm start`, via db:setup).
 *
 * Idempotent: every row is found by its natural key (code, slug, email) and only
 * created when missing. Existing rows are left as they are, so a second run
 * changes nothing, edits made in the admin pages survive a restart, and
 * passwords are hashed only once. Reference data is the exception: it follows
 * the SCB files.
 */
export type SeedOptions = {
  /** The clock, for tests. */
  now?: Date;
  /** false: only reference data, tags and categories, no demo accounts or content. */
  demo?: boolean;
};

export type DemoCredential = { email: string; password: string; role: string };

export type SeedResult = {
  created: string[];
  credentials: DemoCredential[];
  counts: SeededRowCounts;
};

export async function seedDatabase(options: SeedOptions = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const created: string[] = [];

  await upsertReferenceData();
  await ensureTags(created);
  await ensureCategories(created);
  await ensureMaturityTags(created);

  if (options.demo ?? true) {
    const userIds = await ensureUsers(now, created);
    await ensureDemoAffiliationDomains(DEMO_AFFILIATION_DOMAINS, created);
    const pastForumId = await ensurePastForum(now, created);
    await ensureEventTags(pastForumId, PAST_FORUM.tagSlugs, created);
    await ensurePastForumPolls(pastForumId, created);
    const upcomingForumId = await ensureUpcomingForum(now, created);
    await ensureDemoPoll(upcomingForumId, created);
    await ensureCases(pastForumId, userIds, now, created);
    await ensureArticle(userIds, created);
    await ensureDemoMaturity(now, created);
    await ensureDemoThreads(userIds, now, created);
  }
  // Rows an earlier version wrote without their HTML (this seed writes it with each text).
  await backfillMarkdownHtml();

  return {
    created,
    credentials: (options.demo ?? true) ? DEMO_USERS.map(({ email, password, role }) => ({ email, password, role })) : [],
    counts: await countSeededRows(),
  };
}

/** Row counts of every table the seed writes, for the summary and the tests. */
export async function countSeededRows() {
  const [
    counties,
    municipalities,
    tags,
    categories,
    users,
    events,
    speakers,
    agendaItems,
    polls,
    pollOptions,
    pollResponses,
    cases,
    caseTags,
    articles,
    articleTags,
    eventTags,
    maturityAssessments,
  ] = await Promise.all([
    prisma.county.count(),
    prisma.municipality.count(),
    prisma.tag.count(),
    prisma.discussionCategory.count(),
    prisma.user.count(),
    prisma.event.count(),
    prisma.speaker.count(),
    prisma.agendaItem.count(),
    prisma.poll.count(),
    prisma.pollOption.count(),
    prisma.pollResponse.count(),
    prisma.case.count(),
    prisma.caseTag.count(),
    prisma.article.count(),
    prisma.articleTag.count(),
    prisma.eventTag.count(),
    prisma.maturityAssessment.count(),
  ]);
  return {
    counties,
    municipalities,
    tags,
    categories,
    users,
    events,
    speakers,
    agendaItems,
    polls,
    pollOptions,
    pollResponses,
    cases,
    caseTags,
    articles,
    articleTags,
    eventTags,
    maturityAssessments,
  };
}

export type SeededRowCounts = Awaited<ReturnType<typeof countSeededRows>>;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

function stockholm(value: string): Date {
  const date = fromStockholmInputValue(value);
  if (!date) throw new Error(`Ogiltig tid i seed-innehållet: ${value}`);
  return date;
}

const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/** "YYYY-MM-DD" plus a number of calendar days. */
function addCalendarDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const TUESDAY = 2;

/** 13.00 Stockholm time on the first Tuesday that is at least 30 days after `now`. */
export function nextForumStart(now: Date): Date {
  const earliest = new Date(now.getTime() + 30 * 24 * 3600_000);
  const day = toStockholmInputValue(earliest).slice(0, 10);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const tuesday = addCalendarDays(day, (TUESDAY - weekday + 7) % 7);
  const start = stockholm(`${tuesday}T${UPCOMING_FORUM.startTime}`);
  // Same Tuesday but already past 13.00 on day 30: take the next one.
  return start < earliest ? stockholm(`${addCalendarDays(tuesday, 7)}T${UPCOMING_FORUM.startTime}`) : start;
}

/** 23.59 Stockholm time, two calendar days before the forum starts. */
export function registrationDeadlineFor(startsAt: Date): Date {
  const day = toStockholmInputValue(startsAt).slice(0, 10);
  return stockholm(`${addCalendarDays(day, -UPCOMING_FORUM.deadlineDaysBefore)}T${UPCOMING_FORUM.deadlineTime}`);
}

// ---------------------------------------------------------------------------
// Starter data
// ---------------------------------------------------------------------------

async function ensureTags(created: string[]) {
  for (const tag of AREA_TAGS) {
    const existing = await prisma.tag.findUnique({ where: { slug: tag.slug }, select: { id: true } });
    if (existing) continue;
    await prisma.tag.create({ data: { slug: tag.slug, name: tag.name, kind: "area" } });
    created.push(`tagg ${tag.slug}`);
  }
}

async function ensureCategories(created: string[]) {
  for (const [position, category] of DISCUSSION_CATEGORIES.entries()) {
    const existing = await prisma.discussionCategory.findUnique({ where: { slug: category.slug }, select: { id: true } });
    if (existing) continue;
    await prisma.discussionCategory.create({ data: { ...category, position } });
    created.push(`diskussionskategori ${category.slug}`);
  }
}

// ---------------------------------------------------------------------------
// Demo content
// ---------------------------------------------------------------------------

/** Creates missing demo accounts; returns every demo account's id by email. */
async function ensureUsers(now: Date, created: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing) {
      ids.set(user.email, existing.id);
      continue;
    }
    const row = await prisma.user.create({
      data: {
        email: user.email,
        emailVerifiedAt: now,
        passwordHash: await hashPassword(user.password),
        name: user.name,
        handle: await uniqueHandle(prisma, user.name),
        title: user.title,
        role: user.role,
        municipalityCode: user.municipalityCode,
        listedPublicly: user.listedPublicly,
      },
      select: { id: true },
    });
    ids.set(user.email, row.id);
    created.push(`användare ${user.email}`);
  }
  return ids;
}

type EventContent = {
  slug: string;
  title: string;
  summary: string;
  descriptionMd: string;
  startsAt: Date;
  endsAt: Date;
  format: string;
  location: string;
  capacity: number | null;
  registrationDeadline: Date | null;
  speakers: DemoSpeaker[];
  agenda: DemoAgendaItem[];
};

/** The stored HTML of demo text, rendered when it is written like any other text (ADR 011). */
function storedHtml(markdown: string): string | null {
  const rendered = renderForWrite(markdown);
  return rendered.ok ? rendered.html : null;
}

/** Creates the event with its speakers and agenda in one transaction, unless the slug exists. */
async function ensureEvent(content: EventContent, now: Date, created: string[]): Promise<string> {
  const existing = await prisma.event.findUnique({ where: { slug: content.slug }, select: { id: true } });
  if (existing) return existing.id;
  const { speakers, agenda, ...event } = content;
  const id = await prisma.$transaction(async (tx) => {
    const row = await tx.event.create({
      data: { ...event, descriptionHtml: storedHtml(event.descriptionMd), status: "published", publishedAt: now, isDemo: true },
      select: { id: true },
    });
    const speakerIds = new Map<string, string>();
    for (const [position, { key, ...speaker }] of speakers.entries()) {
      const s = await tx.speaker.create({ data: { ...speaker, position, eventId: row.id }, select: { id: true } });
      speakerIds.set(key, s.id);
    }
    for (const [position, item] of agenda.entries()) {
      await tx.agendaItem.create({
        data: {
          eventId: row.id,
          position,
          title: item.title,
          startsAt: addMinutes(content.startsAt, item.offsetMinutes),
          speakerId: item.speakerKey ? (speakerIds.get(item.speakerKey) ?? null) : null,
        },
      });
    }
    return row.id;
  });
  created.push(`forum ${content.slug}`);
  return id;
}

function ensurePastForum(now: Date, created: string[]): Promise<string> {
  return ensureEvent(
    {
      slug: PAST_FORUM.slug,
      title: PAST_FORUM.title,
      summary: PAST_FORUM.summary,
      descriptionMd: PAST_FORUM.descriptionMd,
      startsAt: stockholm(PAST_FORUM.startsAt),
      endsAt: stockholm(PAST_FORUM.endsAt),
      format: PAST_FORUM.format,
      location: PAST_FORUM.location,
      capacity: null,
      registrationDeadline: null,
      speakers: PAST_FORUM.speakers,
      agenda: PAST_FORUM.agenda,
    },
    now,
    created,
  );
}

/**
 * Area tags for a forum, only while it has none: an organizer who later changes
 * the tags in the admin pages keeps that choice across restarts.
 */
async function ensureEventTags(eventId: string, tagSlugs: readonly string[], created: string[]) {
  const existing = await prisma.eventTag.count({ where: { eventId } });
  if (existing) return;
  const tags = await prisma.tag.findMany({ where: { slug: { in: [...tagSlugs] } }, select: { id: true } });
  if (!tags.length) return;
  await prisma.eventTag.createMany({ data: tags.map((t) => ({ eventId, tagId: t.id })) });
  created.push(`forumtaggar ${tagSlugs.join(", ")}`);
}

/** The polls of 6 May 2021 as imported aggregate results: percentages, no individual votes. */
async function ensurePastForumPolls(eventId: string, created: string[]) {
  const publishedAt = stockholm(PAST_FORUM.endsAt);
  for (const [position, poll] of PAST_FORUM_POLLS.entries()) {
    const existing = await prisma.poll.findUnique({ where: { code: poll.code }, select: { id: true } });
    if (existing) continue;
    await prisma.poll.create({
      data: {
        eventId,
        code: poll.code,
        question: poll.question,
        state: "published",
        position,
        imported: true,
        resultNote: poll.resultNote,
        publishedAt,
        options: {
          create: poll.options.map((option, i) => ({
            label: option.label,
            position: i,
            isDontKnow: option.isDontKnow ?? false,
            importedPercent: option.percent,
          })),
        },
      },
    });
    created.push(`omröstning ${poll.code}`);
  }
}

/** A draft poll on the upcoming forum, for trying the live polls (created once, then left alone). */
async function ensureDemoPoll(eventId: string, created: string[]) {
  const existing = await prisma.poll.findUnique({ where: { code: DEMO_POLL.code }, select: { id: true } });
  if (existing) return;
  const repeatOf = await prisma.poll.findUnique({ where: { code: DEMO_POLL.repeatOfCode }, select: { id: true } });
  const labels = [...DEMO_POLL.options, ...(DEMO_POLL.dontKnow ? ["Vet ej"] : [])];
  await prisma.poll.create({
    data: {
      eventId,
      code: DEMO_POLL.code,
      question: DEMO_POLL.question,
      state: "draft",
      repeatOfId: repeatOf?.id ?? null,
      options: { create: labels.map((label, position) => ({ label, position, isDontKnow: label === "Vet ej" })) },
    },
  });
  created.push(`omröstning ${DEMO_POLL.code} (utkast)`);
}

/** The date is chosen on the first run only; later runs find the slug and keep it. */
function ensureUpcomingForum(now: Date, created: string[]): Promise<string> {
  const startsAt = nextForumStart(now);
  return ensureEvent(
    {
      slug: UPCOMING_FORUM.slug,
      title: `${UPCOMING_FORUM.titlePrefix} ${formatShortDate(startsAt)}`,
      summary: UPCOMING_FORUM.summary,
      descriptionMd: UPCOMING_FORUM.descriptionMd,
      startsAt,
      endsAt: addMinutes(startsAt, UPCOMING_FORUM.durationMinutes),
      format: UPCOMING_FORUM.format,
      location: UPCOMING_FORUM.location,
      capacity: UPCOMING_FORUM.capacity,
      registrationDeadline: registrationDeadlineFor(startsAt),
      speakers: [],
      agenda: UPCOMING_FORUM.agenda,
    },
    now,
    created,
  );
}

async function ensureCases(eventId: string, userIds: Map<string, string>, now: Date, created: string[]) {
  for (const { tagSlugs, editorEmail, ...content } of DEMO_CASES) {
    const existing = await prisma.case.findUnique({ where: { slug: content.slug }, select: { id: true } });
    if (existing) continue;
    await prisma.case.create({
      data: {
        ...content,
        bodyHtml: storedHtml(content.bodyMd),
        eventId,
        editorId: editorEmail ? (userIds.get(editorEmail) ?? null) : null,
        status: "published",
        publishedAt: now,
        lastReviewedAt: now,
        isDemo: true,
        tags: { create: tagSlugs.map((slug) => ({ tag: { connect: { slug } } })) },
      },
    });
    created.push(`case ${content.slug}`);
  }
}

async function ensureArticle(userIds: Map<string, string>, created: string[]) {
  const existing = await prisma.article.findUnique({ where: { slug: DEMO_ARTICLE.slug }, select: { id: true } });
  if (existing) return;
  const author = DEMO_USERS.find((u) => u.email === DEMO_ARTICLE.authorEmail);
  await prisma.article.create({
    data: {
      slug: DEMO_ARTICLE.slug,
      title: DEMO_ARTICLE.title,
      summary: DEMO_ARTICLE.summary,
      bodyMd: DEMO_ARTICLE.bodyMd,
      bodyHtml: storedHtml(DEMO_ARTICLE.bodyMd),
      authorId: userIds.get(DEMO_ARTICLE.authorEmail) ?? null,
      authorName: author?.name ?? "",
      status: "published",
      publishedAt: stockholm(DEMO_ARTICLE.publishedAt),
      isDemo: true,
      tags: { create: DEMO_ARTICLE.tagSlugs.map((slug) => ({ tag: { connect: { slug } } })) },
    },
  });
  created.push(`artikel ${DEMO_ARTICLE.slug}`);
}

/** Demo discussions with answers, comments and one accepted answer; skipped when the thread id exists. */
async function ensureDemoThreads(userIds: Map<string, string>, now: Date, created: string[]) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 24 * 3600_000);
  for (const demo of DEMO_THREADS) {
    const existing = await prisma.thread.findUnique({ where: { id: demo.id }, select: { id: true } });
    if (existing) continue;
    await prisma.$transaction(async (tx) => {
      const category = await tx.discussionCategory.findUniqueOrThrow({ where: { slug: demo.categorySlug }, select: { id: true } });
      const tags = await tx.tag.findMany({ where: { slug: { in: demo.tagSlugs } }, select: { id: true } });
      const author = (email: string) => userIds.get(email) ?? null;
      const posts = [demo.question, ...demo.answers, ...demo.answers.flatMap((a) => a.comments ?? [])];
      const last = Math.min(...posts.map((p) => p.daysAgo));
      await tx.thread.create({
        data: {
          id: demo.id,
          slug: demo.slug,
          categoryId: category.id,
          authorId: author(demo.question.authorEmail),
          title: demo.title,
          answerCount: demo.answers.length,
          createdAt: at(demo.question.daysAgo),
          lastActivityAt: at(last),
          tags: { create: tags.map((t) => ({ tagId: t.id })) },
        },
      });
      const followers = new Set<string>();
      const write = async (post: DemoPost, kind: "question" | "answer" | "comment", parentId: string | null) => {
        const authorId = author(post.authorEmail);
        await tx.post.create({
          data: { id: post.id, threadId: demo.id, authorId, parentId, kind, bodyMd: post.bodyMd, bodyHtml: storedHtml(post.bodyMd), createdAt: at(post.daysAgo) },
        });
        if (authorId && kind !== "comment") followers.add(authorId);
      };
      await write(demo.question, "question", null);
      for (const answer of demo.answers) {
        await write(answer, "answer", null);
        for (const comment of answer.comments ?? []) await write(comment, "comment", answer.id);
      }
      if (demo.acceptedAnswerId) await tx.thread.update({ where: { id: demo.id }, data: { acceptedPostId: demo.acceptedAnswerId } });
      for (const userId of followers) await tx.threadFollow.create({ data: { threadId: demo.id, userId } });
    });
    created.push(`diskussionstråd ${demo.slug}`);
  }
}
