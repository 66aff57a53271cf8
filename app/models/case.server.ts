import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { retryUniqueRace } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { insertThread, postHtml } from "./post.server";
import { renderForWrite } from "~/utils/markdown.server";
import type { Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import type { CaseFilter, CaseInput } from "~/validation/library";
import { transaction, type Db } from "./transaction.server";

/**
 * Cases: public queries (only published cases, and the contact email only when the
 * caller says the reader is a logged-in member), the question to a case owner, and
 * the organizer's and the case editor's writes, each audited in its own transaction.
 */

const PUBLISHED = "published";
export const CASE_PAGE_SIZE = 12;
/** A case not reviewed for this many months gets a notice on its page. */
export const REVIEW_MONTHS = 18;


const cardSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  domain: true,
  publishedAt: true,
  municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } },
  organisation: { select: { name: true } },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.CaseSelect;

type CardRow = Prisma.CaseGetPayload<{ select: typeof cardSelect }>;

export type CaseSummary = Omit<CardRow, "tags"> & { tags: Array<{ slug: string; name: string }> };

function flattenTags<T extends { tags: Array<{ tag: { slug: string; name: string } }> }, Tag = T["tags"][number]["tag"]>(
  row: T,
): Omit<T, "tags"> & { tags: Tag[] } {
  return { ...row, tags: row.tags.map((t) => t.tag as Tag) };
}

const newestFirst: Prisma.CaseOrderByWithRelationInput[] = [{ publishedAt: "desc" }, { title: "asc" }];

export async function listLatestCases(n: number): Promise<CaseSummary[]> {
  const rows = await prisma.case.findMany({
    where: { status: PUBLISHED },
    orderBy: newestFirst,
    take: n,
    select: cardSelect,
  });
  return rows.map(flattenTags);
}

export async function listPublishedCases(): Promise<CaseSummary[]> {
  const rows = await prisma.case.findMany({ where: { status: PUBLISHED }, orderBy: newestFirst, select: cardSelect });
  return rows.map(flattenTags);
}

// ---------------------------------------------------------------------------
// The library: filters, sort and pages
// ---------------------------------------------------------------------------

export type CaseFilterOptions = {
  tags: Array<{ slug: string; name: string }>;
  domains: string[];
  counties: Array<{ code: string; name: string }>;
  municipalities: Array<{ code: string; name: string; countyCode: string }>;
};

/** What the filter selects offer: area tags, and the domains, counties and municipalities that have published cases. */
export async function getCaseFilterOptions(): Promise<CaseFilterOptions> {
  const [tags, rows] = await Promise.all([
    prisma.tag.findMany({
      where: { OR: [{ kind: "area" }, { cases: { some: { case: { status: PUBLISHED } } } }] },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
    prisma.case.findMany({
      where: { status: PUBLISHED },
      select: { domain: true, municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } } },
    }),
  ]);
  const domains = new Set<string>();
  const counties = new Map<string, string>();
  const municipalities = new Map<string, { code: string; name: string; countyCode: string }>();
  for (const row of rows) {
    if (row.domain) domains.add(row.domain);
    if (row.municipality) {
      counties.set(row.municipality.county.code, row.municipality.county.name);
      municipalities.set(row.municipality.code, { code: row.municipality.code, name: row.municipality.name, countyCode: row.municipality.county.code });
    }
  }
  const sv = (a: string, b: string) => a.localeCompare(b, "sv");
  return {
    tags,
    domains: [...domains].sort(sv),
    counties: [...counties].map(([code, name]) => ({ code, name })).sort((a, b) => sv(a.name, b.name)),
    municipalities: [...municipalities.values()].sort((a, b) => sv(a.name, b.name)),
  };
}

/** Drops filter values that match no option, so a stale or hand-edited URL still shows cases. */
export function applicableFilter(filter: CaseFilter, options: CaseFilterOptions): CaseFilter {
  return {
    ...filter,
    tag: options.tags.some((t) => t.slug === filter.tag) ? filter.tag : null,
    domain: filter.domain && options.domains.includes(filter.domain) ? filter.domain : null,
    county: options.counties.some((c) => c.code === filter.county) ? filter.county : null,
    municipality: options.municipalities.some((m) => m.code === filter.municipality) ? filter.municipality : null,
  };
}

export async function searchCases(filter: CaseFilter, pageSize = CASE_PAGE_SIZE) {
  const where: Prisma.CaseWhereInput = { status: PUBLISHED };
  if (filter.tag) where.tags = { some: { tag: { slug: filter.tag } } };
  if (filter.domain) where.domain = filter.domain;
  if (filter.municipality) where.municipalityCode = filter.municipality;
  if (filter.county) where.municipality = { countyCode: filter.county };
  const total = await prisma.case.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await prisma.case.findMany({
    where,
    orderBy: filter.sort === "titel" ? [{ title: "asc" }] : newestFirst,
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: cardSelect,
  });
  return { cases: rows.map(flattenTags), total, page, pageCount };
}

// ---------------------------------------------------------------------------
// The case page
// ---------------------------------------------------------------------------

export async function getPublishedCaseBySlug(slug: string, { includeContactEmail = false } = {}) {
  const row = await prisma.case.findFirst({
    where: { slug, status: PUBLISHED },
    select: {
      ...cardSelect,
      // Stored at write time (null: not renderable, or not yet backfilled); the page never renders.
      bodyHtml: true,
      technologies: true,
      contactName: true,
      contactTitle: true,
      contactEmail: true,
      editorId: true,
      lastReviewedAt: true,
      updatedAt: true,
      event: {
        select: {
          slug: true,
          title: true,
          startsAt: true,
          status: true,
          recording: { select: { publishedAt: true, durationSeconds: true } },
        },
      },
    },
  });
  if (!row) return null;
  const { event, contactEmail, ...rest } = flattenTags(row);
  // Link only to a forum that is itself public, and to its recording once published.
  const publicEvent =
    event && event.status === PUBLISHED
      ? {
          slug: event.slug,
          title: event.title,
          startsAt: event.startsAt,
          recording: event.recording?.publishedAt ? { durationSeconds: event.recording.durationSeconds } : null,
        }
      : null;
  return { ...rest, contactEmail: includeContactEmail ? contactEmail : null, hasContactEmail: contactEmail !== "", event: publicEvent };
}

export type PublicCase = NonNullable<Awaited<ReturnType<typeof getPublishedCaseBySlug>>>;

export function needsReview(lastReviewedAt: Date | null, publishedAt: Date | null, now = new Date()): boolean {
  const since = lastReviewedAt ?? publishedAt;
  if (!since) return false;
  const limit = new Date(now);
  limit.setMonth(limit.getMonth() - REVIEW_MONTHS);
  return since < limit;
}

/** Published cases sharing at least one tag, those sharing most first. */
export async function listRelatedCases(caseId: string, tagSlugs: string[], n = 3): Promise<CaseSummary[]> {
  if (!tagSlugs.length) return [];
  const rows = await prisma.case.findMany({
    where: { status: PUBLISHED, id: { not: caseId }, tags: { some: { tag: { slug: { in: tagSlugs } } } } },
    orderBy: newestFirst,
    take: 20,
    select: cardSelect,
  });
  const shared = (row: CardRow) => row.tags.filter((t) => tagSlugs.includes(t.tag.slug)).length;
  return rows
    .map((row, i) => ({ row, i, n: shared(row) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, n)
    .map(({ row }) => flattenTags(row));
}

export async function listCaseThreads(caseId: string) {
  return prisma.thread.findMany({
    where: { caseId, hiddenAt: null, mergedIntoId: null },
    orderBy: { lastActivityAt: "desc" },
    take: 20,
    select: { id: true, slug: true, title: true, answerCount: true, lastActivityAt: true },
  });
}

// ---------------------------------------------------------------------------
// "Fråga case-ägaren"
// ---------------------------------------------------------------------------

/** The discussion category a question lands in, from the case's first matching area tag. */
const CATEGORY_BY_TAG: ReadonlyArray<readonly [tag: string, category: string]> = [
  ["iot", "iot-sensorer"],
  ["ai", "ai-prediktiv-analys"],
  ["bi", "bi-beslutsstod"],
  ["oppen-data", "oppen-data"],
  ["datadriven-styrning", "datastrategi-agarskap"],
  ["dataplattform", "datastrategi-agarskap"],
];
export const FALLBACK_CATEGORY = "ovrigt";

export function categoryForTags(tagSlugs: string[]): string {
  return CATEGORY_BY_TAG.find(([tag]) => tagSlugs.includes(tag))?.[1] ?? FALLBACK_CATEGORY;
}

export type CaseQuestionMail = (input: {
  caseTitle: string;
  contactName: string;
  askerName: string;
  askerMunicipality: string | null;
  questionTitle: string;
  questionBody: string;
  threadPath: string;
}) => { subject: string; text: string; html: string };

/**
 * A member's question becomes a thread linked to the case, with the question as its
 * first post; the asker follows the thread, and the contact person gets an email
 * queued in the same transaction.
 */
export async function askCaseOwner(input: {
  caseSlug: string;
  userId: string;
  title: string;
  body: string;
  threadPath: (thread: { id: string; slug: string }) => string;
  mail: CaseQuestionMail;
}) {
  const item = await prisma.case.findFirst({
    where: { slug: input.caseSlug, status: PUBLISHED },
    select: { id: true, title: true, contactName: true, contactEmail: true, tags: { select: { tag: { select: { slug: true } } } } },
  });
  if (!item) return null;
  const asker = await prisma.user.findUnique({
    where: { id: input.userId },
    select: { name: true, municipality: { select: { name: true } } },
  });
  if (!asker) return null;
  const bodyHtml = postHtml(input.body);
  const categorySlug = categoryForTags(item.tags.map((t) => t.tag.slug));
  // retryUniqueRace: the fallback category's upsert is a read then a write (PostgreSQL).
  return retryUniqueRace(() => transaction(async (tx) => {
    const category =
      (await tx.discussionCategory.findUnique({ where: { slug: categorySlug }, select: { id: true } })) ??
      (await tx.discussionCategory.upsert({
        where: { slug: FALLBACK_CATEGORY },
        update: {},
        create: { slug: FALLBACK_CATEGORY, name: "Övrigt", position: 99 },
        select: { id: true },
      }));
    const { id, slug } = await insertThread(tx, {
      categoryId: category.id,
      authorId: input.userId,
      title: input.title,
      body: input.body,
      bodyHtml,
      caseId: item.id,
    });
    const thread = { id, slug };
    let emailed = false;
    if (item.contactEmail) {
      const mail = input.mail({
        caseTitle: item.title,
        contactName: item.contactName,
        askerName: asker.name,
        askerMunicipality: asker.municipality?.name ?? null,
        questionTitle: input.title,
        questionBody: input.body,
        threadPath: input.threadPath(thread),
      });
      await enqueueEmail({ to: item.contactEmail, ...mail, kind: "case-question", dedupeKey: `case-question:${thread.id}` }, tx);
      emailed = true;
    }
    return { thread, emailed };
  }));
}

// ---------------------------------------------------------------------------
// Organizer and editor side
// ---------------------------------------------------------------------------

export async function listAllCasesForAdmin() {
  return prisma.case.findMany({
    orderBy: [{ updatedAt: "desc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      lastReviewedAt: true,
      municipality: { select: { name: true } },
      organisation: { select: { name: true } },
      editor: { select: { name: true, email: true } },
    },
  });
}

/** The cases a member maintains as their editor. */
export async function listCasesEditedBy(userId: string) {
  return prisma.case.findMany({
    where: { editorId: userId },
    orderBy: { title: "asc" },
    select: { id: true, slug: true, title: true, status: true, updatedAt: true },
  });
}

const editSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  bodyMd: true,
  domain: true,
  technologies: true,
  contactName: true,
  contactTitle: true,
  contactEmail: true,
  municipalityCode: true,
  organisationId: true,
  eventId: true,
  editorId: true,
  status: true,
  publishedAt: true,
  lastReviewedAt: true,
  updatedAt: true,
  editor: { select: { name: true, email: true } },
  tags: { select: { tag: { select: { slug: true, name: true, kind: true } } } },
} satisfies Prisma.CaseSelect;

export async function getCaseForEdit(id: string) {
  const row = await prisma.case.findUnique({ where: { id }, select: editSelect });
  return row ? flattenTags(row) : null;
}

/** The case, only when this member is its assigned editor: ownership in the where clause. */
export async function getCaseForEditor(id: string, editorId: string) {
  const row = await prisma.case.findFirst({ where: { id, editorId }, select: editSelect });
  return row ? flattenTags(row) : null;
}

export type CaseForEdit = NonNullable<Awaited<ReturnType<typeof getCaseForEdit>>>;

/** The forum already linked to a case, shown to its editor without the title or date of a forum that is not public. */
export const UNPUBLISHED_EVENT_LABEL = "Ett forum som inte är publicerat";

/**
 * Select options for the case form. A member editing their case (`forEditor`) sees
 * only published forums, plus the forum already linked, unnamed when it is not public.
 */
export async function getCaseFormOptions({ forEditor }: { forEditor?: { currentEventId: string | null } } = {}) {
  const [tags, organisations, rows] = await Promise.all([
    prisma.tag.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { slug: true, name: true, kind: true } }),
    prisma.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.event.findMany({ where: forEditor ? { status: PUBLISHED } : {}, orderBy: { startsAt: "desc" }, take: 200, select: { id: true, title: true, startsAt: true } }),
  ]);
  const events: Array<{ id: string; title: string; startsAt: Date | null }> = rows;
  const current = forEditor?.currentEventId;
  if (current && !events.some((e) => e.id === current)) events.push({ id: current, title: UNPUBLISHED_EVENT_LABEL, startsAt: null });
  return { tags, organisations, events };
}

type SaveResult = Result<{ id: string; slug: string }>;

async function resolveTagIds(tx: Db, slugs: string[], extra: string[]): Promise<string[]> {
  const ids: string[] = [];
  if (slugs.length) {
    const found = await tx.tag.findMany({ where: { slug: { in: slugs } }, select: { id: true } });
    ids.push(...found.map((t) => t.id));
  }
  for (const name of extra) {
    const slug = slugify(name, 60);
    if (!slug) continue;
    const tag = await tx.tag.upsert({ where: { slug }, update: {}, create: { slug, name, kind: "topic" }, select: { id: true } });
    ids.push(tag.id);
  }
  return [...new Set(ids)];
}

/** `editor`: a member may link only a published forum, or keep the one the case already has. */
async function checkReferences(tx: Db, input: CaseInput, editor?: { keepEventId: string | null }): Promise<SaveResult | null> {
  if (input.municipalityCode && !(await tx.municipality.findUnique({ where: { code: input.municipalityCode }, select: { code: true } }))) {
    return { ok: false, field: "municipalityCode", message: "Välj en kommun i listan." };
  }
  if (input.organisationId && !(await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } }))) {
    return { ok: false, field: "organisationId", message: "Välj en organisation i listan." };
  }
  const eventWhere = editor && input.eventId !== editor.keepEventId ? { id: input.eventId ?? "", status: PUBLISHED } : { id: input.eventId ?? "" };
  if (input.eventId && !(await tx.event.findFirst({ where: eventWhere, select: { id: true } }))) {
    return { ok: false, field: "eventId", message: "Välj ett forum i listan." };
  }
  return null;
}

function caseData(input: CaseInput, bodyHtml: string) {
  return {
    title: input.title,
    summary: input.summary,
    bodyMd: input.bodyMd,
    bodyHtml,
    domain: input.domain,
    technologies: input.technologies,
    contactName: input.contactName,
    contactTitle: input.contactTitle,
    contactEmail: input.contactEmail,
    municipalityCode: input.municipalityCode,
    organisationId: input.organisationId,
    eventId: input.eventId,
  };
}

/** The case text rendered for storing, or the refusal shown on its field. */
function renderCaseBody(input: CaseInput): Result<{ html: string }> {
  const rendered = renderForWrite(input.bodyMd);
  return rendered.ok ? rendered : { ok: false, field: "bodyMd", message: rendered.message };
}

export async function createCase(actorId: string, input: CaseInput): Promise<SaveResult> {
  const body = renderCaseBody(input);
  if (!body.ok) return body;
  const slug = input.slug || slugify(input.title);
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() => transaction(async (tx) => {
    if (await tx.case.findUnique({ where: { slug }, select: { id: true } })) {
      return { ok: false, field: "slug", message: "Det finns redan ett case med den adressen. Välj en annan." };
    }
    const refused = await checkReferences(tx, input);
    if (refused) return refused;
    const tagIds = await resolveTagIds(tx, input.tags, input.extraTags);
    const created = await tx.case.create({
      data: { ...caseData(input, body.html), slug, status: "draft", tags: { create: tagIds.map((tagId) => ({ tagId })) } },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, { actorId, action: "case.create", entityType: "Case", entityId: created.id, detail: { slug } });
    return { ok: true, ...created };
  }));
}

/**
 * Saves the case's content. An editor (not an organizer) passes `editorId`, so the
 * update only touches a case assigned to them, and cannot change its address.
 */
export async function updateCase(
  id: string,
  actorId: string,
  input: CaseInput,
  { editorId }: { editorId?: string } = {},
): Promise<SaveResult | null> {
  const body = renderCaseBody(input);
  if (!body.ok) return body;
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() => transaction(async (tx) => {
    const existing = await tx.case.findFirst({ where: editorId ? { id, editorId } : { id }, select: { id: true, slug: true, eventId: true } });
    if (!existing) return null;
    const slug = editorId ? existing.slug : input.slug || existing.slug;
    if (slug !== existing.slug && (await tx.case.findUnique({ where: { slug }, select: { id: true } }))) {
      return { ok: false, field: "slug", message: "Det finns redan ett case med den adressen. Välj en annan." };
    }
    const refused = await checkReferences(tx, input, editorId ? { keepEventId: existing.eventId } : undefined);
    if (refused) return refused;
    const tagIds = await resolveTagIds(tx, input.tags, input.extraTags);
    await tx.caseTag.deleteMany({ where: { caseId: id } });
    await tx.case.update({
      where: { id },
      data: { ...caseData(input, body.html), slug, tags: { create: tagIds.map((tagId) => ({ tagId })) } },
    });
    await recordAudit(tx, {
      actorId,
      action: "case.update",
      entityType: "Case",
      entityId: id,
      detail: editorId ? { slug, asEditor: true } : { slug },
    });
    return { ok: true, id, slug };
  }));
}

export async function setCaseStatus(id: string, actorId: string, status: "draft" | "published") {
  return transaction(async (tx) => {
    const existing = await tx.case.findUnique({ where: { id }, select: { id: true, status: true, publishedAt: true } });
    if (!existing) return false;
    await tx.case.update({
      where: { id },
      // The first publication date stays when a case is taken down and published again.
      data: { status, publishedAt: status === "published" ? (existing.publishedAt ?? new Date()) : existing.publishedAt },
    });
    await recordAudit(tx, {
      actorId,
      action: status === "published" ? "case.publish" : "case.unpublish",
      entityType: "Case",
      entityId: id,
      detail: { from: existing.status },
    });
    return true;
  });
}

export async function markCaseReviewed(id: string, actorId: string, now = new Date()) {
  return transaction(async (tx) => {
    const { count } = await tx.case.updateMany({ where: { id }, data: { lastReviewedAt: now } });
    if (!count) return false;
    await recordAudit(tx, { actorId, action: "case.review", entityType: "Case", entityId: id });
    return true;
  });
}

/** Gives the case to a member to maintain; an empty email removes the editor. */
export async function assignCaseEditor(
  id: string,
  actorId: string,
  editorEmail: string,
): Promise<Result | null> {
  return transaction(async (tx) => {
    const existing = await tx.case.findUnique({ where: { id }, select: { id: true } });
    if (!existing) return null;
    let editorId: string | null = null;
    if (editorEmail) {
      const user = await tx.user.findFirst({ where: { email: editorEmail, deletedAt: null }, select: { id: true } });
      if (!user) return { ok: false, field: "editorEmail", message: "Det finns inget konto med den e-postadressen. Be personen skapa ett konto först." };
      editorId = user.id;
    }
    await tx.case.update({ where: { id }, data: { editorId } });
    await recordAudit(tx, { actorId, action: "case.editor", entityType: "Case", entityId: id, detail: { editorId } });
    return { ok: true };
  });
}
