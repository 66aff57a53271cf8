import type { Prisma } from "@prisma/client";
import { emailLayout, subjectFor } from "~/utils/email-templates.server";
import { extractMentions } from "~/utils/handles";
import { threadHref } from "~/utils/links";
import { markdownExcerpt } from "~/utils/plain-text";
import { appUrl, discussionOptOutUrl } from "~/utils/signed-links.server";
import { countEmailsByKeyPrefix, enqueueEmail } from "./outbox.server";
import { afterCommit, type Tx } from "./transaction.server";

// Notifications for discussions, right after a post is written: the discussions
// model calls afterPostCreated (and afterPostEdited) inside the transaction that
// wrote the post, so queued mail to category subscribers and mentioned members
// commits or rolls back together with it. Followers get batched mail from a
// background job instead (discussion-digest.server.ts, with the weekly digest), at
// most one per thread per hour; members manage all of it in discussion-watch.server.ts.

export type CreatedPost = {
  id: string;
  threadId: string;
  authorId: string;
  kind: "question" | "answer" | "comment";
  bodyMd: string;
};

/** A post mentioning more members than this notifies only the first ones (against mass mail). */
export const MAX_MENTIONS_PER_POST = 10;

/** Mail goes only to members who still have an account and a confirmed address. */
export const reachableUser = { deletedAt: null, emailVerifiedAt: { not: null } } satisfies Prisma.UserWhereInput;

// ---------------------------------------------------------------------------
// Right after a post is written (inside its transaction)
// ---------------------------------------------------------------------------

export async function afterPostCreated(tx: Tx, post: CreatedPost): Promise<void> {
  const context = await postContext(tx, post);
  if (!context) return;
  if (post.kind === "question") await mailCategorySubscribers(tx, context);
  await mailMentions(tx, context, extractMentions(post.bodyMd).slice(0, MAX_MENTIONS_PER_POST));
  // Followers: the job builds their (batched) mail; wake it once this transaction has committed.
  if (post.kind !== "question") afterCommit(tx, wakeFollowerNotifications);
}

/**
 * After an author edits a post's body (inside the edit's transaction): members the
 * new text mentions and the previous text did not get the mention mail. Nobody is
 * mailed twice for one post, and the per-post cap counts every mention mail the post
 * has caused, so editing names in and out cannot mail more people.
 */
export async function afterPostEdited(tx: Tx, post: CreatedPost, previousBody: string): Promise<void> {
  const before = new Set(extractMentions(previousBody));
  const added = extractMentions(post.bodyMd).filter((handle) => !before.has(handle));
  if (!added.length) return;
  const mailed = await countEmailsByKeyPrefix(mentionKeyPrefix(post.id), tx);
  if (mailed >= MAX_MENTIONS_PER_POST) return;
  const context = await postContext(tx, post);
  if (context) await mailMentions(tx, context, added.slice(0, MAX_MENTIONS_PER_POST - mailed));
}

/** What the mails need about a new or edited post; null when it is hidden (hidden posts notify nobody). */
async function postContext(tx: Tx, post: CreatedPost): Promise<PostContext | null> {
  const row = await tx.post.findUnique({
    where: { id: post.id },
    select: {
      hiddenAt: true,
      author: { select: { name: true } },
      thread: { select: { id: true, slug: true, title: true, hiddenAt: true, mergedIntoId: true, category: { select: { id: true, name: true } } } },
    },
  });
  if (!row || row.hiddenAt || row.thread.hiddenAt || row.thread.mergedIntoId) return null;
  return { post, thread: row.thread, authorName: row.author?.name ?? "En medlem" };
}

type PostContext = {
  post: CreatedPost;
  thread: { id: string; slug: string; title: string; category: { id: string; name: string } };
  authorName: string;
};

async function mailCategorySubscribers(tx: Tx, { post, thread, authorName }: PostContext) {
  const subscribers = await tx.categorySubscription.findMany({
    where: { categoryId: thread.category.id, userId: { not: post.authorId }, user: reachableUser },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  for (const { user } of subscribers) {
    const optOut = discussionOptOutUrl({ kind: "kategori", userId: user.id, targetId: thread.category.id });
    const mail = emailLayout({
      subject: subjectFor(`Ny fråga i ${thread.category.name}`),
      name: user.name,
      blocks: [
        `${authorName} har ställt en ny fråga i kategorin ${thread.category.name}:`,
        thread.title,
        markdownExcerpt(post.bodyMd, 240),
        { label: "Läs och svara", url: appUrl(threadHref(thread)) },
        `Du får det här mejlet för att du bevakar kategorin ${thread.category.name}. Du kan ändra dina bevakningar på din profil.`,
      ],
      unsubscribeUrl: optOut,
    });
    await enqueueEmail({ to: user.email, kind: "discussion-category", dedupeKey: `discussion-category:${thread.id}:${user.id}`, ...mail }, tx);
  }
}

const mentionKeyPrefix = (postId: string) => `discussion-mention:${postId}:`;

/** The opt-out target of mention mails: all of them, for that member. */
export const MENTION_OPT_OUT_TARGET = "alla";

async function mailMentions(tx: Tx, { post, thread, authorName }: PostContext, handles: string[]) {
  if (!handles.length) return;
  const users = await tx.user.findMany({
    where: { handle: { in: handles }, id: { not: post.authorId }, mentionEmails: true, ...reachableUser },
    select: { id: true, name: true, email: true },
  });
  const what = post.kind === "question" ? "en fråga" : post.kind === "answer" ? "ett svar" : "en kommentar";
  for (const user of users) {
    const optOut = discussionOptOutUrl({ kind: "omnamnanden", userId: user.id, targetId: MENTION_OPT_OUT_TARGET });
    const mail = emailLayout({
      subject: subjectFor(`${authorName} nämnde dig i en diskussion`),
      name: user.name,
      blocks: [
        `${authorName} nämnde dig i ${what} i tråden ”${thread.title}”:`,
        markdownExcerpt(post.bodyMd, 400),
        { label: "Gå till inlägget", url: appUrl(`${threadHref(thread)}#inlagg-${post.id}`) },
        "Du får det här mejlet för att någon skrev ditt användarnamn med @ framför i ett inlägg. Du kan stänga av de här mejlen på din profil under Mina bevakningar.",
      ],
      unsubscribeUrl: optOut,
    });
    // One mail per mention per post, even if the hook were called twice.
    await enqueueEmail({ to: user.email, kind: "discussion-mention", dedupeKey: `${mentionKeyPrefix(post.id)}${user.id}`, ...mail }, tx);
  }
}

// ---------------------------------------------------------------------------
// Waking the follower job
// ---------------------------------------------------------------------------

let wakeHook: (() => void) | null = null;

/** Set by the background job in this process; null in tests and processes without jobs. */
export function setFollowerWakeHook(hook: (() => void) | null) {
  wakeHook = hook;
}

/** Asks the follower job in this process to run now; a no-op when none runs. */
export function wakeFollowerNotifications() {
  wakeHook?.();
}
