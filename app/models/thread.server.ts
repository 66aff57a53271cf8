import type { Prisma } from "@prisma/client";
import { verifiedAffiliationName } from "~/utils/affiliation";
import { prisma } from "~/utils/db.server";
import { ANSWERS_PER_PAGE, type AnswerSort } from "~/utils/discussion";

/**
 * Reading one thread. The page costs the same number of queries whatever the
 * thread's size: the thread (with its question and accepted answer), one page of
 * answers with their comments, and the viewer's votes on what is shown.
 */

const authorSelect = {
  select: {
    id: true,
    name: true,
    title: true,
    handle: true,
    deletedAt: true,
    affiliationStatus: true,
    municipality: { select: { code: true, name: true, officialName: true } },
    organisation: { select: { name: true } },
  },
} as const;

const postSelect = {
  id: true,
  kind: true,
  bodyMd: true,
  bodyHtml: true,
  voteCount: true,
  createdAt: true,
  editedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  author: authorSelect,
} satisfies Prisma.PostSelect;

const postWithCommentsSelect = {
  ...postSelect,
  comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: postSelect },
} satisfies Prisma.PostSelect;

type RawPost = Prisma.PostGetPayload<{ select: typeof postSelect }>;

export type PostAuthor = {
  id: string | null;
  name: string;
  title: string;
  handle: string | null;
  municipality: { code: string; name: string } | null;
  /** "Borlänge kommun" when the author is a verified member of it (the badge), else null. */
  affiliation: string | null;
};

export type ThreadPost = {
  id: string;
  kind: string;
  bodyMd: string;
  /** Rendered when the post was written; null when it could not be. */
  bodyHtml: string | null;
  voteCount: number;
  createdAt: Date;
  editedAt: Date | null;
  hidden: boolean;
  hiddenReason: string | null;
  author: PostAuthor;
};

export function toAuthor(author: RawPost["author"]): PostAuthor {
  if (!author || author.deletedAt) return { id: author?.id ?? null, name: "Borttagen medlem", title: "", handle: null, municipality: null, affiliation: null };
  const municipality = author.municipality ? { code: author.municipality.code, name: author.municipality.name } : null;
  return { id: author.id, name: author.name, title: author.title, handle: author.handle, municipality, affiliation: verifiedAffiliationName(author) };
}

function toPost(p: RawPost): ThreadPost {
  return {
    id: p.id,
    kind: p.kind,
    bodyMd: p.bodyMd,
    bodyHtml: p.bodyHtml,
    voteCount: p.voteCount,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    hidden: p.hiddenAt !== null,
    hiddenReason: p.hiddenReason,
    author: toAuthor(p.author),
  };
}

export type ThreadAnswer = ThreadPost & { comments: ThreadPost[] };

export type ThreadPage =
  | { kind: "merged"; target: { id: string; slug: string } }
  | {
      kind: "thread";
      thread: {
        id: string;
        slug: string;
        title: string;
        locked: boolean;
        pinned: boolean;
        hidden: boolean;
        answerCount: number;
        authorId: string | null;
        acceptedPostId: string | null;
        createdAt: Date;
        lastActivityAt: Date;
        category: { slug: string; name: string };
        tags: Array<{ slug: string; name: string }>;
        case: { slug: string; title: string } | null;
        event: { slug: string; title: string } | null;
      };
      question: ThreadPost | null;
      accepted: ThreadAnswer | null;
      answers: ThreadAnswer[];
      page: number;
      pageCount: number;
      votedPostIds: string[];
    };

export async function getThreadPage({
  threadId,
  sort,
  page,
  viewerId,
  includeHidden,
  pageSize = ANSWERS_PER_PAGE,
}: {
  threadId: string;
  sort: AnswerSort;
  page: number;
  viewerId: string | null;
  /** Moderators see hidden threads. */
  includeHidden: boolean;
  pageSize?: number;
}): Promise<ThreadPage | null> {
  const thread = await prisma.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      slug: true,
      title: true,
      locked: true,
      pinned: true,
      hiddenAt: true,
      answerCount: true,
      authorId: true,
      acceptedPostId: true,
      createdAt: true,
      lastActivityAt: true,
      mergedInto: { select: { id: true, slug: true } },
      category: { select: { slug: true, name: true } },
      tags: { select: { tag: { select: { slug: true, name: true } } } },
      case: { select: { slug: true, title: true, status: true } },
      event: { select: { slug: true, title: true, status: true } },
      acceptedPost: { select: postWithCommentsSelect },
    },
  });
  if (!thread) return null;
  if (thread.mergedInto) return { kind: "merged", target: thread.mergedInto };
  if (thread.hiddenAt && !includeHidden) return null;

  const answersWithoutAccepted = Math.max(0, thread.answerCount - (thread.acceptedPostId ? 1 : 0));
  const pageCount = Math.max(1, Math.ceil(answersWithoutAccepted / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const [questionRows, answerRows] = await Promise.all([
    prisma.post.findMany({ where: { threadId, kind: "question" }, orderBy: { createdAt: "asc" }, take: 1, select: postSelect }),
    prisma.post.findMany({
      where: { threadId, kind: "answer", ...(thread.acceptedPostId ? { id: { not: thread.acceptedPostId } } : {}) },
      orderBy: sort === "roster" ? [{ voteCount: "desc" }, { createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "asc" }, { id: "asc" }],
      skip: (current - 1) * pageSize,
      take: pageSize,
      select: postWithCommentsSelect,
    }),
  ]);
  const toAnswer = (p: Prisma.PostGetPayload<{ select: typeof postWithCommentsSelect }>): ThreadAnswer => ({
    ...toPost(p),
    comments: p.comments.map(toPost),
  });
  const accepted = thread.acceptedPost ? toAnswer(thread.acceptedPost) : null;
  const answers = answerRows.map(toAnswer);
  const question = questionRows[0] ? toPost(questionRows[0]) : null;

  const shownIds = [question?.id, accepted?.id, ...answers.map((a) => a.id)].filter((id): id is string => !!id);
  const votes =
    viewerId && shownIds.length ? await prisma.postVote.findMany({ where: { userId: viewerId, postId: { in: shownIds } }, select: { postId: true } }) : [];

  return {
    kind: "thread",
    thread: {
      id: thread.id,
      slug: thread.slug,
      title: thread.title,
      locked: thread.locked,
      pinned: thread.pinned,
      hidden: thread.hiddenAt !== null,
      answerCount: thread.answerCount,
      authorId: thread.authorId,
      acceptedPostId: thread.acceptedPostId,
      createdAt: thread.createdAt,
      lastActivityAt: thread.lastActivityAt,
      category: thread.category,
      tags: thread.tags.map((t) => t.tag),
      case: thread.case?.status === "published" ? { slug: thread.case.slug, title: thread.case.title } : null,
      event: thread.event?.status === "published" ? { slug: thread.event.slug, title: thread.event.title } : null,
    },
    question,
    accepted,
    answers,
    page: current,
    pageCount,
    votedPostIds: votes.map((v) => v.postId),
  };
}

/** A post for its edit form; null unless it exists. */
export async function getPostForEdit(postId: string) {
  return prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      kind: true,
      bodyMd: true,
      authorId: true,
      hiddenAt: true,
      thread: { select: { id: true, slug: true, title: true, locked: true, hiddenAt: true, mergedIntoId: true } },
    },
  });
}

/** A post's edit history for moderators: the current text and every earlier version, newest first. */
export async function getPostHistory(postId: string) {
  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      kind: true,
      bodyMd: true,
      createdAt: true,
      editedAt: true,
      author: authorSelect,
      thread: { select: { id: true, slug: true, title: true } },
      revisions: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, bodyMd: true, title: true, createdAt: true, editor: { select: { name: true } } },
      },
    },
  });
  if (!post) return null;
  return { ...post, author: toAuthor(post.author) };
}

// ---------------------------------------------------------------------------
// What the page gets: the HTML stored with each post (never rendered here), and
// no text of hidden posts for members
// ---------------------------------------------------------------------------

export type ShownPost = Omit<ThreadPost, "bodyMd" | "bodyHtml"> & {
  /** Null when the reader may not see the text, or when no HTML could be stored. */
  html: string | null;
  /** The text has no HTML: readers see a placeholder. */
  unrenderable: boolean;
  /** Moderators only, for a post without HTML: the text as written. */
  rawText: string | null;
};
export type ShownAnswer = ShownPost & { comments: ShownPost[] };

export function presentPost(post: ThreadPost, isModerator: boolean): ShownPost {
  const { bodyMd, bodyHtml, ...rest } = post;
  const mayRead = !post.hidden || isModerator;
  const unrenderable = mayRead && bodyHtml === null;
  return { ...rest, html: mayRead ? bodyHtml : null, unrenderable, rawText: unrenderable && isModerator ? bodyMd : null };
}

export function presentAnswer(answer: ThreadAnswer, isModerator: boolean): ShownAnswer {
  return { ...presentPost(answer, isModerator), comments: answer.comments.map((c) => presentPost(c, isModerator)) };
}
