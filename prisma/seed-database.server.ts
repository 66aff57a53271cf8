import { backfillMarkdownHtml } from "~/models/markdown-backfill.server";
import { upsertReferenceData } from "~/models/reference.server";
import { prisma } from "~/utils/db.server";
import { AREA_TAGS, DEMO_AFFILIATION_DOMAINS, DEMO_USERS, DISCUSSION_CATEGORIES, PAST_FORUM } from "./seed-content";
import { ensureArticle, ensureCases, ensureDemoAffiliationDomains, ensureDemoThreads, ensureUsers } from "./seed-demo.server";
import { ensureDemoPoll, ensureEventTags, ensurePastForum, ensurePastForumPolls, ensurePastForumRecording, ensureUpcomingForum } from "./seed-forums.server";
import { ensureDemoMaturity, ensureMaturityTags } from "./seed-maturity.server";

/**
 * The seed behind `npm run db:seed` (and `npm start`, via db:setup).
 *
 * Idempotent: every row is found by its natural key (code, slug, email) and only
 * created when missing. Existing rows are left as they are, so a second run
 * changes nothing, edits made in the admin pages survive a restart, and
 * passwords are hashed only once. Reference data is the exception: it follows
 * the SCB files.
 *
 * The starter data every installation gets (reference data, tags, discussion
 * categories) is written here; the demo content by seed-demo.server.ts,
 * seed-forums.server.ts and seed-maturity.server.ts, from seed-content.ts.
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
    await ensurePastForumRecording(pastForumId, created);
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
  const counting = {
    counties: prisma.county.count(),
    municipalities: prisma.municipality.count(),
    tags: prisma.tag.count(),
    categories: prisma.discussionCategory.count(),
    users: prisma.user.count(),
    events: prisma.event.count(),
    speakers: prisma.speaker.count(),
    agendaItems: prisma.agendaItem.count(),
    polls: prisma.poll.count(),
    pollOptions: prisma.pollOption.count(),
    pollResponses: prisma.pollResponse.count(),
    cases: prisma.case.count(),
    caseTags: prisma.caseTag.count(),
    articles: prisma.article.count(),
    articleTags: prisma.articleTag.count(),
    eventTags: prisma.eventTag.count(),
    maturityAssessments: prisma.maturityAssessment.count(),
  };
  const counts = await Promise.all(Object.values(counting));
  return Object.fromEntries(Object.keys(counting).map((table, i) => [table, counts[i]!])) as Record<keyof typeof counting, number>;
}

export type SeededRowCounts = Awaited<ReturnType<typeof countSeededRows>>;

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
