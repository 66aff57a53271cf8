import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { LOCKED_THREAD_MESSAGE, MAX_TAGS, NEW_MEMBER_DAYS, NEW_MEMBER_MAX_LINKS, NEW_MEMBER_POSTS } from "~/utils/discussion";
import { countExternalLinks, renderForWrite } from "~/utils/markdown.server";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { slugify } from "~/utils/slug";
import { recordAudit } from "./audit.server";
import { afterPostCreated, afterPostEdited, type CreatedPost } from "./discussion-notify.server";
import { lockPostVotes, lockThreads } from "./locks.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * Writing in discussions: threads, answers, comments, edits, votes and accepted
 * answers. Every change that touches a counter recomputes or adjusts it in the
 * same transaction as the change, so the numbers stay exact.
 *
 * Over 300 lines: every write here shares the thread locks (postInLockedThread),
 * the checks that a thread can be written to and the refusals (DiscussionError);
 * split up, each part would need them all, and the lock order must be read in one
 * place.
 */

/** A refusal the route shows as a Swedish message with the given status (on `field` of its form, when it names one). */
export class DiscussionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 400,
    readonly field: "form" | "body" | "category" | "tags" = "form",
  ) {
    super(message);
  }
}

const NOT_FOUND = "Inlägget eller tråden finns inte längre.";
const OTHER_THREAD = "Inlägget hör till en annan tråd.";

/** The HTML stored with a post (Post.bodyHtml); a text that cannot be rendered is refused with a 400. */
export function postHtml(body: string): string {
  const rendered = renderForWrite(body);
  if (!rendered.ok) throw new DiscussionError(rendered.message, 400, "body");
  return rendered.html;
}

// ---------------------------------------------------------------------------
// New members
// ---------------------------------------------------------------------------

/** True for accounts younger than NEW_MEMBER_DAYS days or with fewer than NEW_MEMBER_POSTS posts. */
export async function isNewMember(userId: string, now = new Date()): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { createdAt: true, role: true } });
  if (!user) return true;
  if (user.role !== "member") return false;
  if (now.getTime() - user.createdAt.getTime() < NEW_MEMBER_DAYS * 24 * 3600_000) return true;
  const posts = await prisma.post.count({ where: { authorId: userId }, take: NEW_MEMBER_POSTS });
  return posts < NEW_MEMBER_POSTS;
}

/**
 * The link limit for new members: a Swedish message, or null when the text is fine.
 * It counts the links in the rendered text, so every way of writing one counts
 * (a bare address, [text](https:host) without "//", an entity-encoded scheme).
 */
export function newMemberLinkProblem(text: string, newMember: boolean): string | null {
  if (!newMember) return null;
  const rendered = renderForWrite(text);
  const links = rendered.ok ? countExternalLinks(rendered.html) : 0;
  if (links <= NEW_MEMBER_MAX_LINKS) return null;
  return `Som ny medlem kan du ha högst ${NEW_MEMBER_MAX_LINKS} länkar i ett inlägg. Ta bort ${links - NEW_MEMBER_MAX_LINKS} och försök igen; gränsen försvinner efter några inlägg.`;
}

/**
 * Every post counts against the posting limit; new members also against a stricter
 * one (throws the 429 answer). Returns a Swedish message when the text cannot be
 * rendered or has more links than a new member may post, else null. Used for
 * every text a member publishes: questions, answers, comments, edits and
 * questions to a case owner.
 */
export async function enforcePostingLimits(userId: string, text: string): Promise<string | null> {
  const rendered = renderForWrite(text);
  if (!rendered.ok) return rendered.message;
  const newMember = await isNewMember(userId);
  const linkProblem = newMemberLinkProblem(text, newMember);
  if (linkProblem) return linkProblem;
  await enforceRateLimit("postingUser", userId);
  if (newMember) await enforceRateLimit("postingNewMember", userId);
  return null;
}

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

export type NewThread = {
  categoryId: string;
  authorId: string;
  title: string;
  body: string;
  /** postHtml(body), rendered before the transaction. */
  bodyHtml: string;
  tagIds?: string[];
  caseId?: string | null;
  eventId?: string | null;
};

const threadSlug = (title: string) => slugify(title) || "fraga";

/**
 * Creates a thread with its question inside a transaction the caller owns (also
 * used by "Fråga case-ägaren"); the asker follows the thread.
 */
export async function insertThread(tx: Tx, input: NewThread) {
  const thread = await tx.thread.create({
    data: {
      categoryId: input.categoryId,
      authorId: input.authorId,
      title: input.title,
      slug: threadSlug(input.title),
      caseId: input.caseId ?? null,
      eventId: input.eventId ?? null,
      tags: input.tagIds?.length ? { create: [...new Set(input.tagIds)].slice(0, MAX_TAGS).map((tagId) => ({ tagId })) } : undefined,
      followers: { create: { userId: input.authorId } },
    },
    select: { id: true, slug: true },
  });
  const post = await tx.post.create({
    data: { threadId: thread.id, authorId: input.authorId, kind: "question", bodyMd: input.body, bodyHtml: input.bodyHtml },
    select: { id: true },
  });
  await afterPostCreated(tx, { id: post.id, threadId: thread.id, authorId: input.authorId, kind: "question", bodyMd: input.body });
  return { ...thread, postId: post.id };
}

/** What the ask form offers: categories, tags, and the prefilled case or forum. */
export async function askFormOptions({ caseSlug, eventSlug }: { caseSlug?: string; eventSlug?: string }) {
  const [categories, tags, linkedCase, linkedEvent] = await Promise.all([
    prisma.discussionCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { slug: true, name: true } }),
    prisma.tag.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { slug: true, name: true, kind: true } }),
    caseSlug ? prisma.case.findFirst({ where: { slug: caseSlug, status: "published" }, select: { slug: true, title: true } }) : null,
    eventSlug ? prisma.event.findFirst({ where: { slug: eventSlug, status: "published" }, select: { slug: true, title: true } }) : null,
  ]);
  return { categories, tags, linkedCase, linkedEvent };
}

export async function createThread(input: {
  authorId: string;
  categorySlug: string;
  title: string;
  body: string;
  tagSlugs: string[];
  caseSlug?: string;
  eventSlug?: string;
}) {
  const bodyHtml = postHtml(input.body);
  return transaction(async (tx) => {
    const category = await tx.discussionCategory.findUnique({ where: { slug: input.categorySlug }, select: { id: true } });
    if (!category) throw new DiscussionError("Välj en kategori i listan.", 400, "category");
    const tags = input.tagSlugs.length ? await tx.tag.findMany({ where: { slug: { in: input.tagSlugs.slice(0, 20) } }, select: { id: true } }) : [];
    if (tags.length > MAX_TAGS) throw new DiscussionError(`Välj högst ${MAX_TAGS} taggar.`, 400, "tags");
    const linkedCase = input.caseSlug ? await tx.case.findFirst({ where: { slug: input.caseSlug, status: "published" }, select: { id: true } }) : null;
    const linkedEvent = input.eventSlug ? await tx.event.findFirst({ where: { slug: input.eventSlug, status: "published" }, select: { id: true } }) : null;
    return insertThread(tx, {
      categoryId: category.id,
      authorId: input.authorId,
      title: input.title,
      body: input.body,
      bodyHtml,
      tagIds: tags.map((t) => t.id),
      caseId: linkedCase?.id ?? null,
      eventId: linkedEvent?.id ?? null,
    });
  });
}

/**
 * Reads a post after locking its thread (PostgreSQL; see lockThreads): a merge
 * can move the post to another thread while we wait, so the thread is read
 * again after the lock and the lock taken again if it moved. `thenLock` takes
 * further locks after the thread's (always in that order, against deadlocks).
 */
async function postInLockedThread<S extends Prisma.PostSelect>(tx: Tx, postId: string, select: S, thenLock?: () => Promise<void>) {
  let locked: string | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const where = await tx.post.findUnique({ where: { id: postId }, select: { threadId: true } });
    if (!where) return null;
    if (where.threadId === locked) break;
    await lockThreads(tx, [where.threadId]);
    locked = where.threadId;
  }
  await thenLock?.();
  return tx.post.findUnique({ where: { id: postId }, select });
}

type WritableThread = { id: string; locked: boolean; hiddenAt: Date | null; mergedIntoId: string | null };

function assertWritable(thread: WritableThread | null): asserts thread is WritableThread {
  if (!thread || thread.hiddenAt || thread.mergedIntoId) throw new DiscussionError(NOT_FOUND, 404);
  if (thread.locked) throw new DiscussionError(LOCKED_THREAD_MESSAGE, 403);
}

const writableThreadSelect = { id: true, locked: true, hiddenAt: true, mergedIntoId: true } as const;

// ---------------------------------------------------------------------------
// Answers and comments
// ---------------------------------------------------------------------------

export async function createAnswer({ threadId, authorId, body, now = new Date() }: { threadId: string; authorId: string; body: string; now?: Date }) {
  const bodyHtml = postHtml(body);
  return transaction(async (tx) => {
    await lockThreads(tx, [threadId]); // PostgreSQL: not while the thread is merged, locked or hidden (SQLite: no-op)
    const thread = await tx.thread.findUnique({ where: { id: threadId }, select: writableThreadSelect });
    assertWritable(thread);
    const post = await tx.post.create({
      data: { threadId, authorId, kind: "answer", bodyMd: body, bodyHtml, createdAt: now },
      select: { id: true },
    });
    await tx.thread.update({ where: { id: threadId }, data: { answerCount: { increment: 1 }, lastActivityAt: now } });
    await tx.threadFollow.upsert({
      where: { threadId_userId: { threadId, userId: authorId } },
      update: {},
      create: { threadId, userId: authorId },
    });
    await afterPostCreated(tx, { id: post.id, threadId, authorId, kind: "answer", bodyMd: body });
    return post;
  });
}

/** `threadId`, when given, is the thread the member commented from: a parent in another thread is refused before anything is written. */
export async function createComment({
  parentId,
  authorId,
  body,
  threadId: expectedThreadId,
  now = new Date(),
}: {
  parentId: string;
  authorId: string;
  body: string;
  threadId?: string;
  now?: Date;
}) {
  const bodyHtml = postHtml(body);
  return transaction(async (tx) => {
    const parent = await postInLockedThread(tx, parentId, { id: true, kind: true, hiddenAt: true, thread: { select: writableThreadSelect } });
    if (!parent || parent.hiddenAt) throw new DiscussionError(NOT_FOUND, 404);
    if (expectedThreadId && parent.thread.id !== expectedThreadId) throw new DiscussionError(OTHER_THREAD, 400);
    if (parent.kind !== "answer") throw new DiscussionError("Det går bara att kommentera svar.", 400);
    assertWritable(parent.thread);
    const threadId = parent.thread.id;
    const post = await tx.post.create({
      data: { threadId, authorId, parentId, kind: "comment", bodyMd: body, bodyHtml, createdAt: now },
      select: { id: true },
    });
    await tx.thread.update({ where: { id: threadId }, data: { lastActivityAt: now } });
    await afterPostCreated(tx, { id: post.id, threadId, authorId, kind: "comment", bodyMd: body });
    return { ...post, threadId };
  });
}

/**
 * The author edits a post: its body, and for a question also the thread's title
 * (which renames the slug; old links redirect). The previous version is kept as a
 * revision, and members mentioned for the first time by the edit get the mention mail.
 */
export async function editPost({
  postId,
  editorId,
  body,
  title,
  now = new Date(),
}: {
  postId: string;
  editorId: string;
  body: string;
  title?: string;
  now?: Date;
}) {
  const bodyHtml = postHtml(body);
  return transaction(async (tx) => {
    // Locked (PostgreSQL), so two edits at once each keep the other's text as a revision, and a merge waits.
    const post = await postInLockedThread(tx, postId, {
      id: true,
      kind: true,
      authorId: true,
      bodyMd: true,
      hiddenAt: true,
      thread: { select: { ...writableThreadSelect, title: true } },
    });
    if (!post || post.hiddenAt) throw new DiscussionError(NOT_FOUND, 404);
    if (post.authorId !== editorId) throw new DiscussionError("Du kan bara redigera dina egna inlägg.", 403);
    assertWritable(post.thread);
    const newTitle = post.kind === "question" && title !== undefined && title !== post.thread.title ? title : null;
    if (post.bodyMd === body && newTitle === null) return { id: post.id, threadId: post.thread.id, changed: false };
    await tx.postRevision.create({ data: { postId, editorId, bodyMd: post.bodyMd, title: newTitle === null ? null : post.thread.title, createdAt: now } });
    await tx.post.update({ where: { id: postId }, data: { bodyMd: body, bodyHtml, editedAt: now } });
    if (newTitle !== null) await tx.thread.update({ where: { id: post.thread.id }, data: { title: newTitle, slug: threadSlug(newTitle) } });
    if (post.bodyMd !== body) {
      await afterPostEdited(
        tx,
        { id: post.id, threadId: post.thread.id, authorId: post.authorId, kind: post.kind as CreatedPost["kind"], bodyMd: body },
        post.bodyMd,
      );
    }
    return { id: post.id, threadId: post.thread.id, changed: true };
  });
}

// ---------------------------------------------------------------------------
// Votes and accepted answers
// ---------------------------------------------------------------------------

/**
 * Toggles the member's upvote. The count is recomputed from the vote rows in the
 * same transaction, one vote on a post at a time (SQLite runs write transactions
 * one at a time; PostgreSQL locks the post row, locks.server.ts), so it is exact
 * however many members vote at once. Posts in hidden or merged threads (and, with
 * `threadId`, in any other thread than the one voted from) are refused before
 * anything is written.
 */
export async function toggleVote({ postId, userId, threadId }: { postId: string; userId: string; threadId?: string }) {
  return transaction(async (tx) => {
    // The thread first, as a merge does: a vote on a question also writes the thread row.
    const post = await postInLockedThread(
      tx,
      postId,
      { id: true, kind: true, authorId: true, hiddenAt: true, threadId: true, thread: { select: { hiddenAt: true, mergedIntoId: true } } },
      () => lockPostVotes(tx, postId),
    );
    if (!post || post.hiddenAt || post.kind === "comment" || post.thread.hiddenAt || post.thread.mergedIntoId) throw new DiscussionError(NOT_FOUND, 404);
    if (threadId && post.threadId !== threadId) throw new DiscussionError(OTHER_THREAD, 400);
    if (post.authorId === userId) throw new DiscussionError("Du kan inte rösta på ditt eget inlägg.", 403);
    const deleted = await tx.postVote.deleteMany({ where: { postId, userId } });
    if (deleted.count === 0) await tx.postVote.create({ data: { postId, userId } });
    const voteCount = await tx.postVote.count({ where: { postId } });
    await tx.post.update({ where: { id: postId }, data: { voteCount } });
    if (post.kind === "question") await tx.thread.update({ where: { id: post.threadId }, data: { voteCount } });
    return { voted: deleted.count === 0, voteCount, threadId: post.threadId };
  });
}

/**
 * Marks (or, with the same post again, unmarks) the accepted answer. The asker or a
 * moderator may; a moderator's choice on someone else's thread is audited.
 */
export async function acceptAnswer({ postId, actorId, isModerator, threadId }: { postId: string; actorId: string; isModerator: boolean; threadId?: string }) {
  return transaction(async (tx) => {
    // Locked, so two clicks at once toggle twice (as on SQLite) instead of both reading the same state.
    const post = await postInLockedThread(tx, postId, {
      id: true,
      kind: true,
      hiddenAt: true,
      thread: { select: { ...writableThreadSelect, authorId: true, acceptedPostId: true } },
    });
    if (!post || post.kind !== "answer" || post.thread.hiddenAt || post.thread.mergedIntoId) throw new DiscussionError(NOT_FOUND, 404);
    if (threadId && post.thread.id !== threadId) throw new DiscussionError(OTHER_THREAD, 400);
    const thread = post.thread;
    const isAsker = thread.authorId === actorId;
    if (!isAsker && !isModerator) throw new DiscussionError("Bara den som ställde frågan eller en moderator kan markera ett svar som accepterat.", 403);
    if (post.hiddenAt) throw new DiscussionError("Ett dolt svar kan inte markeras som accepterat.", 409);
    const acceptedPostId = thread.acceptedPostId === postId ? null : postId;
    await tx.thread.update({ where: { id: thread.id }, data: { acceptedPostId } });
    if (!isAsker) {
      await recordAudit(tx, {
        actorId,
        action: acceptedPostId ? "thread.accept" : "thread.unaccept",
        entityType: "thread",
        entityId: thread.id,
        detail: { postId, previous: thread.acceptedPostId },
      });
    }
    return { threadId: thread.id, accepted: acceptedPostId !== null };
  });
}

/** The id and slug of a thread, for redirects after a post action. */
export async function threadRef(threadId: string) {
  return prisma.thread.findUnique({ where: { id: threadId }, select: { id: true, slug: true } });
}
