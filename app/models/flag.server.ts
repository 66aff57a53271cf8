import { prisma } from "~/utils/db.server";
import { formatFlagReason, type FlagReason } from "~/utils/flags";
import { fail, type Result } from "~/utils/result";
import { lockPostFlags } from "./locks.server";
import { transaction } from "./transaction.server";

/**
 * Members flag posts for the moderators (their queue is in moderation.server.ts):
 * one open flag per member and post, never on one's own post or a hidden one.
 */

/** The post a member is about to flag, with where to send them back. */
export async function getPostForFlagging(postId: string) {
  return prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      kind: true,
      bodyMd: true,
      authorId: true,
      hiddenAt: true,
      createdAt: true,
      author: { select: { name: true, deletedAt: true } },
      thread: { select: { id: true, slug: true, title: true, hiddenAt: true, mergedIntoId: true } },
    },
  });
}

export async function flagPost(reporterId: string, postId: string, reason: FlagReason, note: string): Promise<Result> {
  return transaction(async (tx) => {
    await lockPostFlags(tx, postId); // PostgreSQL: one "already flagged?" decision at a time (SQLite: no-op)
    const post = await tx.post.findUnique({ where: { id: postId }, select: { authorId: true, hiddenAt: true, thread: { select: { hiddenAt: true } } } });
    if (!post || post.thread.hiddenAt) return fail("reason", "Inlägget finns inte.");
    if (post.authorId === reporterId) return fail("reason", "Du kan inte flagga dina egna inlägg. Du kan ändra eller ta bort texten själv.");
    if (post.hiddenAt) return fail("reason", "Inlägget är redan dolt av en moderator.");
    const open = await tx.flag.findFirst({ where: { postId, reporterId, status: "open" }, select: { id: true } });
    if (open) return fail("reason", "Du har redan flaggat det här inlägget. En moderator tittar på det.");
    await tx.flag.create({ data: { postId, reporterId, reason: formatFlagReason(reason, note) } });
    return { ok: true as const };
  });
}
