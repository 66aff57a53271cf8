import { prisma } from "~/utils/db.server";
import { visibleThread } from "./discussion.server";
import { MENTION_OPT_OUT_TARGET } from "./discussion-notify.server";
import { transaction } from "./transaction.server";

/**
 * What a member follows in the discussions and which mail they get: the settings
 * on /profil/bevakningar, and the one-click opt-out links in every such mail.
 */

export async function getWatchSettings(userId: string) {
  const [user, follows, categories, subscriptions] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { weeklyDigest: true, mentionEmails: true, handle: true } }),
    prisma.threadFollow.findMany({
      where: { userId, thread: visibleThread },
      orderBy: { thread: { lastActivityAt: "desc" } },
      take: 200,
      select: { createdAt: true, thread: { select: { id: true, slug: true, title: true, lastActivityAt: true, category: { select: { name: true } } } } },
    }),
    prisma.discussionCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    prisma.categorySubscription.findMany({ where: { userId }, select: { categoryId: true } }),
  ]);
  return {
    weeklyDigest: user?.weeklyDigest ?? false,
    mentionEmails: user?.mentionEmails ?? true,
    handle: user?.handle ?? null,
    follows: follows.map((f) => ({ ...f.thread, followedAt: f.createdAt })),
    categories,
    subscribedCategoryIds: subscriptions.map((s) => s.categoryId),
  };
}

export async function unfollowThread(userId: string, threadId: string): Promise<boolean> {
  const { count } = await prisma.threadFollow.deleteMany({ where: { userId, threadId } });
  return count > 0;
}

/** Replaces the member's category subscriptions, digest and mention-mail choices (one form on the profile). */
export async function saveSubscriptions(
  userId: string,
  { categoryIds, weeklyDigest, mentionEmails }: { categoryIds: string[]; weeklyDigest: boolean; mentionEmails?: boolean },
) {
  await transaction(async (tx) => {
    // The member's row first: on PostgreSQL its lock makes a second submission wait and then
    // see the rows this one inserts, instead of inserting them again (a unique violation).
    await tx.user.update({ where: { id: userId }, data: { weeklyDigest, ...(mentionEmails === undefined ? {} : { mentionEmails }) } });
    const valid = await tx.discussionCategory.findMany({ where: { id: { in: categoryIds } }, select: { id: true } });
    await tx.categorySubscription.deleteMany({ where: { userId, categoryId: { notIn: valid.map((c) => c.id) } } });
    const existing = new Set((await tx.categorySubscription.findMany({ where: { userId }, select: { categoryId: true } })).map((s) => s.categoryId));
    for (const { id } of valid) if (!existing.has(id)) await tx.categorySubscription.create({ data: { userId, categoryId: id } });
  });
}

export type OptOutKind = "trad" | "kategori" | "sammanfattning" | "omnamnanden";

/** What a signed opt-out link would stop, for the confirmation page; null if the member or target is gone. */
export async function describeOptOut(kind: OptOutKind, userId: string, targetId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, weeklyDigest: true, mentionEmails: true, deletedAt: true } });
  if (!user || user.deletedAt) return null;
  if (kind === "trad") {
    const thread = await prisma.thread.findUnique({ where: { id: targetId }, select: { title: true } });
    if (!thread) return null;
    const follow = await prisma.threadFollow.findUnique({ where: { threadId_userId: { threadId: targetId, userId } }, select: { userId: true } });
    return { email: user.email, label: `tråden ”${thread.title}”`, active: !!follow };
  }
  if (kind === "kategori") {
    const category = await prisma.discussionCategory.findUnique({ where: { id: targetId }, select: { name: true } });
    if (!category) return null;
    const sub = await prisma.categorySubscription.findUnique({ where: { categoryId_userId: { categoryId: targetId, userId } }, select: { userId: true } });
    return { email: user.email, label: `nya frågor i kategorin ${category.name}`, active: !!sub };
  }
  if (kind === "omnamnanden") {
    if (targetId !== MENTION_OPT_OUT_TARGET) return null;
    return { email: user.email, label: "inlägg där någon nämner dig med @", active: user.mentionEmails };
  }
  return { email: user.email, label: "veckans sammanfattning av diskussionerna", active: user.weeklyDigest };
}

export async function applyOptOut(kind: OptOutKind, userId: string, targetId: string) {
  if (kind === "trad") await prisma.threadFollow.deleteMany({ where: { userId, threadId: targetId } });
  else if (kind === "kategori") await prisma.categorySubscription.deleteMany({ where: { userId, categoryId: targetId } });
  else if (kind === "omnamnanden") await prisma.user.updateMany({ where: { id: userId }, data: { mentionEmails: false } });
  else await prisma.user.updateMany({ where: { id: userId }, data: { weeklyDigest: false } });
}
