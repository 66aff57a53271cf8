import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { emailLayout, subjectFor, type EmailBlock } from "~/utils/email-templates.server";
import { formatDateTime, TIME_ZONE } from "~/utils/format";
import { DISCUSSIONS_HREF, threadHref } from "~/utils/links";
import { markdownExcerpt } from "~/utils/plain-text";
import { appUrl, discussionOptOutUrl } from "~/utils/signed-links.server";
import { visibleThread } from "./discussion.server";
import { reachableUser } from "./discussion-notify.server";
import { enqueueEmail } from "./outbox.server";
import { transaction } from "./transaction.server";

/**
 * Batched discussion mail, sent by the background jobs (app/jobs/discussion-jobs.server.ts):
 * followers get at most one mail per thread per hour with what was written since,
 * and members who asked for it the weekly digest. Both are safe with several
 * processes: each follow row, and each week, is claimed before its mail is queued.
 */

// ---------------------------------------------------------------------------
// Followers: at most one mail per thread and member per hour
// ---------------------------------------------------------------------------

/** At most one follower mail per thread and member in this period. */
export const FOLLOW_BATCH_MS = 60 * 60_000;

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
        ? `Nytt svar i ”${thread.title}”`
        : `Ny kommentar i ”${thread.title}”`
      : `${total} nya inlägg i ”${thread.title}”`;
  const lines: EmailBlock[] = posts.map((p) => {
    const who = p.author && !p.author.deletedAt ? p.author.name : "En tidigare medlem";
    const verb = p.kind === "answer" ? "svarade" : "kommenterade";
    return `${who} ${verb} ${formatDateTime(p.createdAt)}:\n${markdownExcerpt(p.bodyMd, 240)}`;
  });
  if (total > posts.length) lines.push(`… och ${total - posts.length} inlägg till.`);
  const optOut = discussionOptOutUrl({ kind: "trad", userId, targetId: thread.id });
  return emailLayout({
    subject: subjectFor(topic),
    name: user.name,
    blocks: [
      total === 1
        ? `Det har kommit ett nytt inlägg i en tråd som du bevakar: ”${thread.title}”.`
        : `Det har kommit ${total} nya inlägg${answers ? `, varav ${answers} svar,` : ""} i en tråd som du bevakar: ”${thread.title}”. Vi samlar nya inlägg i högst ett mejl i timmen per tråd.`,
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
    prisma.thread.findMany({
      where: { ...visibleThread, createdAt: { gt: weekAgo, lte: now } },
      orderBy: { createdAt: "desc" },
      take: 15,
      select: threadSelect,
    }),
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
          blocks.push({ label: "Till diskussionerna", url: appUrl(DISCUSSIONS_HREF) });
          const mail = emailLayout({ subject: subjectFor(`Veckans diskussioner, vecka ${week.slice(-2)}`), name: user.name, blocks, unsubscribeUrl: optOut });
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
