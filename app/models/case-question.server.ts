import { prisma } from "~/utils/db.server";
import type { CaseQuestionMailInput } from "~/utils/email-templates.server";
import { PUBLISHED } from "./case.server";
import { retryUniqueRace } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { insertThread, postHtml } from "./post.server";
import { transaction } from "./transaction.server";

/**
 * "Fråga case-ägaren": a member's question about a published case becomes a
 * discussion thread linked to the case, and its contact person is mailed.
 */

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

/** The mail to the contact person, given the thread's path (the caller makes it an address). */
export type CaseQuestionMail = (input: Omit<CaseQuestionMailInput, "threadUrl"> & { threadPath: string }) => { subject: string; text: string; html: string };

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
  return retryUniqueRace(() =>
    transaction(async (tx) => {
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
    }),
  );
}
