import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { SITE_NAME, emailLayout, type EmailBlock } from "~/utils/email-templates.server";
import { formatDateTime, TIME_ZONE } from "~/utils/format";
import { extractMentions } from "~/utils/handles";
import { threadHref } from "~/utils/links";
import { markdownExcerpt } from "~/utils/plain-text";
import { appUrl, discussionOptOutUrl } from "~/utils/signed-links.server";
import { countEmailsByKeyPrefix, enqueueEmail } from "./outbox.server";
import { afterCommit, transaction, type Tx } from "./transaction.server";

// Notifications for discussions (followers, category subscribers, @mentions, the
// weekly digest). The discussions model calls afterPostCreated (and afterPostEdited) inside the
// transaction that wrote the post, so queued notifications commit or roll back
// together with it. Follower mail is built by a background job instead, so each
// follower gets at most one mail per thread per hour (see runFollowerNotifications).


export type CreatedPost = {
  id: string;
  threadId: string;
  authorId: string;
  kind: "question" | "answer" | "comment";
  bodyMd: string;
};

/** At most one follower mail per thread and member in this period. */
export const FOLLOW_BATCH_MS = 60 * 60_000;
/** A post mentioning more members than this notifies only the first ones (against mass mail). */
export const MAX_MENTIONS_PER_POST = 10;

const visibleThread = { hiddenAt: null, mergedIntoId: null } satisfies Prisma.ThreadWhereInput;
const reachableUser = { deletedAt: null, emailVerifiedAt: { not: null } } satisfies Prisma.UserWhereInput;
const subject = (topic: string) => `${topic} – ${SITE_NAME}`;

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
      subject: subject(`Ny fråga i ${thread.category.name}`),
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
      subject: subject(`${authorName} nämnde dig i en diskussion`),
      name: user.name,
      blocks: [
        `${authorName} nämnde dig i ${what} i tråden "${thread.title}":`,
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
// Followers: at most one mail per thread and member per hour
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

const FOLLOWER_POST_KINDS = ["answer", "comment"];
const MAX_POSTS_IN_MAIL = 10;

/**
 * Queues one mail per follower and thread with the answers and comments by others
 * since the follower's last mail (or since they started following). A follower
 * mailed less than an hour ago waits; the next mail then sums up everything since.
 * Each follow row is claimed with a conditional update on lastNotifiedAt in the same
 * transaction as the mail, so two processes running this never mail twice.
 * Returns the number of mails queued.
 */
export async function runFollowerNotifications(now: Date = new Date()): Promise<number> {
  const dueBefore = new Date(now.getTime() - FOLLOW_BATCH_MS);
  const windowStart = new Date(now.getTime() - 7 * 24 * 3600_000);
  const follows = await prisma.threadFollow.findMany({
    where: {
      OR: [{ lastNotifiedAt: null }, { lastNotifiedAt: { lte: dueBefore } }],
      user: reachableUser,
      thread: {
        ...visibleThread,
        posts: { some: { kind: { in: FOLLOWER_POST_KINDS }, hiddenAt: null, createdAt: { gt: windowStart, lte: now } } },
      },
    },
    select: {
      threadId: true,
      userId: true,
      lastNotifiedAt: true,
      createdAt: true,
      user: { select: { name: true, email: true } },
      thread: { select: { id: true, slug: true, title: true } },
    },
    orderBy: { createdAt: "asc" },
    take: 500,
  });

  let queued = 0;
  for (const follow of follows) {
    const since = follow.lastNotifiedAt ?? follow.createdAt;
    const where: Prisma.PostWhereInput = {
      threadId: follow.threadId,
      kind: { in: FOLLOWER_POST_KINDS },
      hiddenAt: null,
      createdAt: { gt: since, lte: now },
      OR: [{ authorId: null }, { authorId: { not: follow.userId } }],
    };
    const [posts, total] = await Promise.all([
      prisma.post.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: MAX_POSTS_IN_MAIL,
        select: { id: true, kind: true, bodyMd: true, createdAt: true, author: { select: { name: true, deletedAt: true } } },
      }),
      prisma.post.count({ where }),
    ]);
    if (!posts.length) continue;
    const last = await prisma.post.findFirst({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const mail = followerMail({ user: follow.user, userId: follow.userId, thread: follow.thread, posts, total });
    const claimed = await transaction(async (tx) => {
      const claim = await tx.threadFollow.updateMany({
        where: { threadId: follow.threadId, userId: follow.userId, lastNotifiedAt: follow.lastNotifiedAt },
        data: { lastNotifiedAt: now },
      });
      if (claim.count !== 1) return false; // another process got there first
      await enqueueEmail(
        { to: follow.user.email, kind: "discussion-follow", dedupeKey: `discussion-follow:${follow.threadId}:${follow.userId}:${last!.id}`, ...mail },
        tx,
      );
      return true;
    });
    if (claimed) queued++;
  }
  return queued;
}

type MailPost = { id: string; kind: string; bodyMd: string; createdAt: Date; author: { name: string; deletedAt: Date | null } | null };

function followerMail({
  user,
  userId,
  thread,
  posts,
  total,
}: {
  user: { name: string };
  userId: string;
  thread: { id: string; slug: string; title: string };
  posts: MailPost[];
  total: number;
}) {
  const answers = posts.filter((p) => p.kind === "answer").length;
  const topic =
    total === 1
      ? posts[0]!.kind === "answer"
        ? `Nytt svar i "${thread.title}"`
        : `Ny kommentar i "${thread.title}"`
      : `${total} nya inlägg i "${thread.title}"`;
  const lines: EmailBlock[] = posts.map((p) => {
    const who = p.author && !p.author.deletedAt ? p.author.name : "En tidigare medlem";
    const verb = p.kind === "answer" ? "svarade" : "kommenterade";
    return `${who} ${verb} ${formatDateTime(p.createdAt)}:\n${markdownExcerpt(p.bodyMd, 240)}`;
  });
  if (total > posts.length) lines.push(`… och ${total - posts.length} inlägg till.`);
  const optOut = discussionOptOutUrl({ kind: "trad", userId, targetId: thread.id });
  return emailLayout({
    subject: subject(topic),
    name: user.name,
    blocks: [
      total === 1
        ? `Det har kommit ett nytt inlägg i en tråd som du bevakar: "${thread.title}".`
        : `Det har kommit ${total} nya inlägg${answers ? `, varav ${answers} svar,` : ""} i en tråd som du bevakar: "${thread.title}". Vi samlar nya inlägg i högst ett mejl i timmen per tråd.`,
      ...lines,
      { label: "Läs tråden", url: appUrl(threadHref(thread)) },
      { label: "Sluta bevaka tråden", url: optOut },
    ],
    unsubscribeUrl: optOut,
  });
}

// ---------------------------------------------------------------------------
// Weekly digest
// ---------------------------------------------------------------------------

/** Year, ISO week and weekday (1 = Monday) and hour in Swedish time. */
function stockholmParts(now: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const date = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
  const weekday = date.getUTCDay() || 7;
  // ISO week: the week with the year's first Thursday is week 1.
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { isoYear: thursday.getUTCFullYear(), week, weekday, hour: Number(parts.hour) };
}

/** "2026-W48": the digest's run key for the week `now` is in (Swedish time). */
export function digestWeekKey(now: Date): string {
  const { isoYear, week } = stockholmParts(now);
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

/** The digest goes out from Monday 07:00 Swedish time; a process that was down sends it at its first check later that week. */
export function isDigestDue(now: Date): boolean {
  const { weekday, hour } = stockholmParts(now);
  return !(weekday === 1 && hour < 7);
}

export type DigestResult = { week: string; recipients: number; newThreads: number; unanswered: number };

/**
 * Mails the week's new threads and the questions still waiting for an answer to
 * members who asked for the weekly digest. Runs once per week across processes:
 * the run is claimed in JobRun first, as the retention job does.
 */
export async function runWeeklyDigest(now: Date = new Date()): Promise<DigestResult | null> {
  if (!isDigestDue(now)) return null;
  const week = digestWeekKey(now);
  const key = `discussion-digest:${week}`;
  const claimed = await prisma.jobRun.createMany({ data: [{ key }] }).then(
    () => true,
    () => false, // another process has run (or is running) this week's digest
  );
  if (!claimed) return null;

  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const monthAgo = new Date(now.getTime() - 30 * 24 * 3600_000);
  const threadSelect = { id: true, slug: true, title: true, answerCount: true, category: { select: { name: true } } } as const;
  const [newThreads, unanswered] = await Promise.all([
    prisma.thread.findMany({ where: { ...visibleThread, createdAt: { gt: weekAgo, lte: now } }, orderBy: { createdAt: "desc" }, take: 15, select: threadSelect }),
    prisma.thread.findMany({
      where: { ...visibleThread, answerCount: 0, createdAt: { gt: monthAgo, lte: now } },
      orderBy: { createdAt: "asc" },
      take: 10,
      select: threadSelect,
    }),
  ]);

  let recipients = 0;
  if (newThreads.length || unanswered.length) {
    const line = (t: (typeof newThreads)[number]) => `• ${t.title} (${t.category.name})\n  ${appUrl(threadHref(t))}`;
    let cursor: string | undefined;
    for (;;) {
      const users = await prisma.user.findMany({
        where: { weeklyDigest: true, ...reachableUser },
        orderBy: { id: "asc" },
        take: 200,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, name: true, email: true },
      });
      if (!users.length) break;
      await transaction(async (tx) => {
        for (const user of users) {
          const optOut = discussionOptOutUrl({ kind: "sammanfattning", userId: user.id, targetId: "vecka" });
          const blocks: EmailBlock[] = ["Här är veckans sammanfattning av diskussionerna."];
          if (newThreads.length) blocks.push(`Nya trådar den senaste veckan:\n${newThreads.map(line).join("\n")}`);
          if (unanswered.length) blocks.push(`Frågor som väntar på svar – kanske kan du hjälpa till?\n${unanswered.map(line).join("\n")}`);
          blocks.push({ label: "Till diskussionerna", url: appUrl("/diskussioner") });
          const mail = emailLayout({ subject: subject(`Veckans diskussioner, vecka ${week.slice(-2)}`), name: user.name, blocks, unsubscribeUrl: optOut });
          await enqueueEmail({ to: user.email, kind: "discussion-digest", dedupeKey: `discussion-digest:${week}:${user.id}`, ...mail }, tx);
        }
      });
      recipients += users.length;
      cursor = users.at(-1)!.id;
    }
  }
  const result = { week, recipients, newThreads: newThreads.length, unanswered: unanswered.length };
  await prisma.jobRun.update({ where: { key }, data: { detail: JSON.stringify(result) } });
  return result;
}

// ---------------------------------------------------------------------------
// The member's own settings (/profil/bevakningar) and one-click opt-outs
// ---------------------------------------------------------------------------

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
    return { email: user.email, label: `tråden "${thread.title}"`, active: !!follow };
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
