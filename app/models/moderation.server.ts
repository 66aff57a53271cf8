import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { renderForWrite } from "~/utils/markdown.server";
import { fail, type Result } from "~/utils/result";
import { recordAudit } from "./audit.server";
import { lockThreads } from "./locks.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * Moderation of discussions: moderators work the flag queue, hide and unhide posts,
 * and lock, pin, move, merge and hide threads. Every action writes its audit row
 * (actor, reason) in the same transaction as the change. Routes check the role
 * (requireRole) before calling anything here. Members flag posts in flag.server.ts;
 * suspensions are in suspension.server.ts.
 */

// ---------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------

export type QueueStatus = "open" | "resolved";

/** Flagged posts, most recently flagged first, each with its flags of the given status. */
export async function listFlagQueue(status: QueueStatus, take = 50) {
  const posts = await prisma.post.findMany({
    where: { flags: { some: { status } } },
    take: 500,
    select: {
      id: true,
      kind: true,
      bodyMd: true,
      hiddenAt: true,
      hiddenReason: true,
      createdAt: true,
      author: { select: { id: true, name: true, deletedAt: true } },
      thread: { select: { id: true, slug: true, title: true } },
      flags: {
        where: { status },
        orderBy: { createdAt: "desc" },
        select: { id: true, reason: true, createdAt: true, resolvedAt: true, reporter: { select: { name: true } }, resolvedBy: { select: { name: true } } },
      },
    },
  });
  return posts
    .map((p) => ({ ...p, latestFlagAt: p.flags[0]!.createdAt }))
    .sort((a, b) => b.latestFlagAt.getTime() - a.latestFlagAt.getTime())
    .slice(0, take);
}

/** Members whose suspension is still running. */
export async function listSuspendedMembers(now: Date = new Date()) {
  return prisma.user.findMany({
    where: { suspendedUntil: { gt: now } },
    orderBy: { suspendedUntil: "asc" },
    take: 100,
    select: { id: true, name: true, email: true, suspendedUntil: true },
  });
}

// ---------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------

export async function getPostForModeration(postId: string) {
  return prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      kind: true,
      bodyMd: true,
      bodyHtml: true,
      hiddenAt: true,
      hiddenReason: true,
      editedAt: true,
      createdAt: true,
      author: { select: { id: true, name: true, email: true, role: true, suspendedUntil: true, deletedAt: true } },
      thread: { select: { id: true, slug: true, title: true } },
      flags: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          reason: true,
          status: true,
          createdAt: true,
          resolvedAt: true,
          reporter: { select: { name: true } },
          resolvedBy: { select: { name: true } },
        },
      },
      revisions: { orderBy: { createdAt: "desc" }, take: 50, select: { id: true, bodyMd: true, createdAt: true, editor: { select: { name: true } } } },
    },
  });
}

async function resolveOpenFlags(tx: Tx, postId: string, actorId: string, now: Date) {
  const { count } = await tx.flag.updateMany({ where: { postId, status: "open" }, data: { status: "resolved", resolvedById: actorId, resolvedAt: now } });
  return count;
}

export async function hidePost(actorId: string, postId: string, reason: string, now: Date = new Date()): Promise<Result<{ threadId: string }>> {
  return transaction(async (tx) => {
    const post = await tx.post.findUnique({ where: { id: postId }, select: { threadId: true, hiddenAt: true } });
    if (!post) return fail("intent", "Inlägget finns inte.");
    if (post.hiddenAt) return fail("intent", "Inlägget är redan dolt.");
    await tx.post.update({ where: { id: postId }, data: { hiddenAt: now, hiddenReason: reason } });
    const resolvedFlags = await resolveOpenFlags(tx, postId, actorId, now);
    await recordAudit(tx, { actorId, action: "post.hide", entityType: "Post", entityId: postId, detail: { reason, threadId: post.threadId, resolvedFlags } });
    return { ok: true as const, threadId: post.threadId };
  });
}

export async function unhidePost(actorId: string, postId: string, reason: string): Promise<Result<{ threadId: string }>> {
  return transaction(async (tx) => {
    const post = await tx.post.findUnique({ where: { id: postId }, select: { threadId: true, hiddenAt: true, hiddenReason: true } });
    if (!post) return fail("intent", "Inlägget finns inte.");
    if (!post.hiddenAt) return fail("intent", "Inlägget är inte dolt.");
    await tx.post.update({ where: { id: postId }, data: { hiddenAt: null, hiddenReason: null } });
    await recordAudit(tx, {
      actorId,
      action: "post.unhide",
      entityType: "Post",
      entityId: postId,
      detail: { reason, threadId: post.threadId, previousReason: post.hiddenReason },
    });
    return { ok: true as const, threadId: post.threadId };
  });
}

/** The flags were not a reason to act: close them, and log why. */
export async function dismissFlags(actorId: string, postId: string, reason: string, now: Date = new Date()): Promise<Result<{ dismissed: number }>> {
  return transaction(async (tx) => {
    const dismissed = await resolveOpenFlags(tx, postId, actorId, now);
    if (dismissed === 0) return fail("intent", "Inlägget har inga öppna flaggningar.");
    await recordAudit(tx, { actorId, action: "flag.dismiss", entityType: "Post", entityId: postId, detail: { reason, dismissed } });
    return { ok: true as const, dismissed };
  });
}

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

export async function getThreadForModeration(threadId: string) {
  const [thread, categories] = await Promise.all([
    prisma.thread.findUnique({
      where: { id: threadId },
      select: {
        id: true,
        slug: true,
        title: true,
        locked: true,
        pinned: true,
        hiddenAt: true,
        answerCount: true,
        createdAt: true,
        lastActivityAt: true,
        category: { select: { id: true, name: true } },
        author: { select: { name: true } },
        mergedInto: { select: { id: true, slug: true, title: true } },
        mergedFrom: { select: { id: true, slug: true, title: true } },
        _count: { select: { posts: true, followers: true } },
      },
    }),
    prisma.discussionCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  return thread ? { thread, categories } : null;
}

type ThreadFlagChange = "lock" | "unlock" | "pin" | "unpin" | "hide" | "unhide";

export async function setThreadState(actorId: string, threadId: string, change: ThreadFlagChange, reason: string, now: Date = new Date()): Promise<Result> {
  return transaction(async (tx) => {
    const thread = await tx.thread.findUnique({ where: { id: threadId }, select: { locked: true, pinned: true, hiddenAt: true, mergedIntoId: true } });
    if (!thread) return fail("intent", "Tråden finns inte.");
    const data: Prisma.ThreadUpdateInput =
      change === "lock"
        ? { locked: true }
        : change === "unlock"
          ? { locked: false }
          : change === "pin"
            ? { pinned: true }
            : change === "unpin"
              ? { pinned: false }
              : change === "hide"
                ? { hiddenAt: now }
                : { hiddenAt: null };
    const already =
      (change === "lock" && thread.locked) ||
      (change === "unlock" && !thread.locked) ||
      (change === "pin" && thread.pinned) ||
      (change === "unpin" && !thread.pinned) ||
      (change === "hide" && thread.hiddenAt) ||
      (change === "unhide" && !thread.hiddenAt);
    if (already) return fail("intent", "Tråden är redan i det läget.");
    // updatedAt would move on its own; lastActivityAt is left alone (moderation is not activity).
    await tx.thread.update({ where: { id: threadId }, data });
    await recordAudit(tx, { actorId, action: `thread.${change}`, entityType: "Thread", entityId: threadId, detail: { reason } });
    return { ok: true as const };
  });
}

export async function moveThread(actorId: string, threadId: string, categoryId: string, reason: string): Promise<Result> {
  return transaction(async (tx) => {
    const thread = await tx.thread.findUnique({ where: { id: threadId }, select: { categoryId: true } });
    if (!thread) return fail("intent", "Tråden finns inte.");
    const category = await tx.discussionCategory.findUnique({ where: { id: categoryId }, select: { id: true } });
    if (!category) return fail("categoryId", "Välj en kategori i listan.");
    if (thread.categoryId === categoryId) return fail("categoryId", "Tråden ligger redan i den kategorin.");
    await tx.thread.update({ where: { id: threadId }, data: { categoryId } });
    await recordAudit(tx, {
      actorId,
      action: "thread.move",
      entityType: "Thread",
      entityId: threadId,
      detail: { reason, from: thread.categoryId, to: categoryId },
    });
    return { ok: true as const };
  });
}

/**
 * Merges a duplicate thread (source) into another (target):
 * - every post moves to the target; the source's question becomes an answer there,
 *   with the source title as its first line (the old body is kept as a revision),
 *   and comments keep their answers;
 * - the target keeps its accepted answer; if it had none, the source's carries over;
 * - answerCount and lastActivityAt of the target are recomputed, tags are combined,
 *   and the source's followers follow the target (their batching state is kept);
 * - the source stays as a stub with mergedIntoId, so its address can lead onward.
 */
export async function mergeThreads(
  actorId: string,
  sourceId: string,
  targetId: string,
  reason: string,
  now: Date = new Date(),
): Promise<Result<{ target: { id: string; slug: string } }>> {
  if (sourceId === targetId) return fail("target", "En tråd kan inte slås ihop med sig själv.");
  return transaction(async (tx) => {
    // PostgreSQL: both threads locked (in id order) before anything is read, so a merge the
    // other way round waits and then sees this one, and no answer lands on the source while
    // its posts move or is left out of the target's recount (SQLite: no-op).
    await lockThreads(tx, [sourceId, targetId]);
    const select = { id: true, slug: true, title: true, mergedIntoId: true, hiddenAt: true, acceptedPostId: true, lastActivityAt: true } as const;
    const [source, target] = await Promise.all([
      tx.thread.findUnique({ where: { id: sourceId }, select }),
      tx.thread.findUnique({ where: { id: targetId }, select }),
    ]);
    if (!source) return fail("intent", "Tråden finns inte.");
    if (source.mergedIntoId) return fail("target", "Tråden är redan sammanslagen med en annan.");
    if (!target) return fail("target", "Hittade ingen tråd med den adressen eller id:t.");
    if (target.mergedIntoId) return fail("target", "Måltråden är själv sammanslagen. Välj tråden den slogs ihop med.");
    if (target.hiddenAt) return fail("target", "Måltråden är dold. Visa den först eller välj en annan.");

    const question = await tx.post.findFirst({ where: { threadId: sourceId, kind: "question" }, select: { id: true, bodyMd: true, authorId: true } });
    if (question) {
      await tx.postRevision.create({ data: { postId: question.id, editorId: actorId, bodyMd: question.bodyMd, createdAt: now } });
      const bodyMd = `**Sammanslagen fråga: ${source.title.replace(/[*_`]/g, "")}**\n\n${question.bodyMd}`;
      // Stored even if it cannot be rendered: readers then see a placeholder, moderators the text.
      const rendered = renderForWrite(bodyMd);
      await tx.post.update({
        where: { id: question.id },
        data: { kind: "answer", bodyMd, bodyHtml: rendered.ok ? rendered.html : null, editedAt: now },
      });
    }
    const moved = await tx.post.updateMany({ where: { threadId: sourceId }, data: { threadId: targetId } });

    // acceptedPostId is unique: release it on the source before the target takes it.
    await tx.thread.update({ where: { id: sourceId }, data: { acceptedPostId: null, mergedIntoId: targetId, answerCount: 0, locked: true, pinned: false } });
    const acceptedPostId = target.acceptedPostId ?? source.acceptedPostId;
    const answerCount = await tx.post.count({ where: { threadId: targetId, kind: "answer" } });
    const latest = await tx.post.findFirst({ where: { threadId: targetId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const lastActivityAt = new Date(Math.max(target.lastActivityAt.getTime(), source.lastActivityAt.getTime(), latest?.createdAt.getTime() ?? 0));
    await tx.thread.update({ where: { id: targetId }, data: { acceptedPostId, answerCount, lastActivityAt } });

    const tags = await tx.threadTag.findMany({ where: { threadId: sourceId }, select: { tagId: true } });
    for (const { tagId } of tags) {
      await tx.threadTag.upsert({ where: { threadId_tagId: { threadId: targetId, tagId } }, create: { threadId: targetId, tagId }, update: {} });
    }
    const followers = await tx.threadFollow.findMany({ where: { threadId: sourceId }, select: { userId: true, lastNotifiedAt: true, createdAt: true } });
    for (const f of followers) {
      await tx.threadFollow.upsert({
        where: { threadId_userId: { threadId: targetId, userId: f.userId } },
        create: { threadId: targetId, userId: f.userId, lastNotifiedAt: f.lastNotifiedAt, createdAt: f.createdAt },
        update: {},
      });
    }
    await tx.threadFollow.deleteMany({ where: { threadId: sourceId } });

    await recordAudit(tx, {
      actorId,
      action: "thread.merge",
      entityType: "Thread",
      entityId: sourceId,
      detail: { reason, into: targetId, movedPosts: moved.count, followers: followers.length, questionPostId: question?.id ?? null },
    });
    return { ok: true as const, target: { id: target.id, slug: target.slug } };
  });
}
