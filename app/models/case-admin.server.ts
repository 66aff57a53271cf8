import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import type { CaseInput } from "~/validation/library";
import { recordAudit } from "./audit.server";
import { flattenTags, PUBLISHED } from "./case.server";
import { withoutUnfilledSections } from "~/utils/case-sections";
import { listTagsForForm, renderBody, resolveTagIds, setLibraryStatus } from "./library.server";
import { retryUniqueRace } from "./locks.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * Cases, the organizer's and the case editor's side: the lists, the form, and the
 * writes, each audited in its own transaction. A member edits only a case assigned
 * to them (ownership in the where clause). Callers have checked the role.
 */

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
    listTagsForForm(),
    prisma.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.event.findMany({
      where: forEditor ? { status: PUBLISHED } : {},
      orderBy: { startsAt: "desc" },
      take: 200,
      select: { id: true, title: true, startsAt: true },
    }),
  ]);
  const events: Array<{ id: string; title: string; startsAt: Date | null }> = rows;
  const current = forEditor?.currentEventId;
  if (current && !events.some((e) => e.id === current)) events.push({ id: current, title: UNPUBLISHED_EVENT_LABEL, startsAt: null });
  return { tags, organisations, events };
}

type SaveResult = Result<{ id: string; slug: string }>;

/** `editor`: a member may link only a published forum, or keep the one the case already has. */
async function checkReferences(tx: Tx, input: CaseInput, editor?: { keepEventId: string | null }): Promise<SaveResult | null> {
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

export async function createCase(actorId: string, input: CaseInput): Promise<SaveResult> {
  const body = renderBody(withoutUnfilledSections(input.bodyMd));
  if (!body.ok) return body;
  const slug = input.slug || slugify(input.title);
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() =>
    transaction(async (tx) => {
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
    }),
  );
}

/**
 * Saves the case's content. An editor (not an organizer) passes `editorId`, so the
 * update only touches a case assigned to them, and cannot change its address.
 */
export async function updateCase(id: string, actorId: string, input: CaseInput, { editorId }: { editorId?: string } = {}): Promise<SaveResult | null> {
  const body = renderBody(withoutUnfilledSections(input.bodyMd));
  if (!body.ok) return body;
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() =>
    transaction(async (tx) => {
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
    }),
  );
}

export function setCaseStatus(id: string, actorId: string, status: "draft" | "published") {
  return setLibraryStatus("case", id, actorId, status);
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
export async function assignCaseEditor(id: string, actorId: string, editorEmail: string): Promise<Result | null> {
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
