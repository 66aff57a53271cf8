import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { searchSite } from "./search.server";
import { findSimilarThreads, listThreads } from "./discussion.server";
import {
  acceptAnswer,
  createAnswer,
  createComment,
  createThread,
  DiscussionError,
  editPost,
  isNewMember,
  newMemberLinkProblem,
  toggleVote,
} from "./post.server";
import { getPostHistory, getThreadPage } from "./thread.server";

let asker: string;
let answerer: string;
let other: string;
let moderator: string;

const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600_000);

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
  const user = (email: string, name: string, extra: Record<string, unknown> = {}) =>
    prisma.user
      .create({ data: { email, name, title: "Analytiker", municipalityCode: "2081", emailVerifiedAt: new Date(), createdAt: daysAgo(30), ...extra } })
      .then((u) => u.id);
  asker = await user("asker@example.org", "Asta Frågare");
  answerer = await user("answer@example.org", "Bo Svarare");
  other = await user("other@example.org", "Cilla Annan");
  moderator = await user("mod@example.org", "Mona Moderator", { role: "moderator" });
  await prisma.discussionCategory.create({ data: { slug: "ai-prediktiv-analys", name: "AI & prediktiv analys" } });
  await prisma.discussionCategory.create({ data: { slug: "iot-sensorer", name: "IoT & sensorer" } });
  await prisma.tag.create({ data: { slug: "ai", name: "AI" } });
});

async function thread(title = "Prognoser för hemtjänsten, hur började ni?", body = "Vi vill prognostisera behovet av hemtjänsttimmar.") {
  return createThread({ authorId: asker, categorySlug: "ai-prediktiv-analys", title, body, tagSlugs: ["ai", "finns-inte"] });
}

describe("asking, answering and commenting", () => {
  it("creates a thread with its question, tags and the asker as follower", async () => {
    const t = await thread();
    const row = await prisma.thread.findUniqueOrThrow({
      where: { id: t.id },
      select: {
        slug: true,
        answerCount: true,
        tags: { select: { tag: { select: { slug: true } } } },
        followers: { select: { userId: true } },
        posts: { select: { kind: true } },
      },
    });
    expect(row.slug).toBe("prognoser-for-hemtjansten-hur-borjade-ni");
    expect(row.tags.map((x) => x.tag.slug)).toEqual(["ai"]);
    expect(row.followers.map((f) => f.userId)).toEqual([asker]);
    expect(row.posts.map((p) => p.kind)).toEqual(["question"]);
    expect(row.answerCount).toBe(0);
  });

  it("refuses an unknown category", async () => {
    await expect(createThread({ authorId: asker, categorySlug: "nej", title: "En fråga här", body: "x", tagSlugs: [] })).rejects.toBeInstanceOf(
      DiscussionError,
    );
  });

  it("counts answers, bumps last activity and makes the answerer a follower", async () => {
    const t = await thread();
    const later = new Date(Date.now() + 60_000);
    await createAnswer({ threadId: t.id, authorId: answerer, body: "Vi började med beviljade timmar." });
    await createAnswer({ threadId: t.id, authorId: answerer, body: "Och en säsongsmodell.", now: later });
    const row = await prisma.thread.findUniqueOrThrow({
      where: { id: t.id },
      select: { answerCount: true, lastActivityAt: true, followers: { select: { userId: true } } },
    });
    expect(row.answerCount).toBe(2);
    expect(row.lastActivityAt.getTime()).toBe(later.getTime());
    expect(row.followers.map((f) => f.userId).sort()).toEqual([asker, answerer].sort());
  });

  it("allows comments on answers only, one level", async () => {
    const t = await thread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar" });
    const comment = await createComment({ parentId: answer.id, authorId: asker, body: "Tack!" });
    await expect(createComment({ parentId: comment.id, authorId: other, body: "Svar på kommentar" })).rejects.toThrow("bara att kommentera svar");
    await expect(createComment({ parentId: t.postId, authorId: other, body: "På frågan" })).rejects.toThrow("bara att kommentera svar");
  });

  it("refuses answers and comments in a locked thread with a Swedish 403", async () => {
    const t = await thread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar" });
    await prisma.thread.update({ where: { id: t.id }, data: { locked: true } });
    const err = await createAnswer({ threadId: t.id, authorId: other, body: "Sent svar" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscussionError);
    expect((err as DiscussionError).status).toBe(403);
    expect((err as DiscussionError).message).toMatch(/låst/);
    await expect(createComment({ parentId: answer.id, authorId: other, body: "Kommentar" })).rejects.toThrow(/låst/);
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id } })).answerCount).toBe(1);
  });
});

describe("editing", () => {
  it("keeps the previous text as a revision, marks the post edited, and only lets the author edit", async () => {
    const t = await thread();
    await expect(editPost({ postId: t.postId, editorId: other, body: "Kapad" })).rejects.toThrow(/egna inlägg/);
    await editPost({ postId: t.postId, editorId: asker, body: "Version två" });
    await editPost({ postId: t.postId, editorId: asker, body: "Version tre" });
    const history = await getPostHistory(t.postId);
    expect(history?.bodyMd).toBe("Version tre");
    expect(history?.editedAt).not.toBeNull();
    expect(history?.revisions.map((r) => r.bodyMd)).toEqual(["Version två", "Vi vill prognostisera behovet av hemtjänsttimmar."]);
  });

  it("lets the asker retitle the question: new slug, the old title kept in the revision, and search finds the new words", async () => {
    const t = await thread("Prognoser för hemtjänsten, hur började ni?", "Vi vill prognostisera behovet.");
    const body = "Vi vill prognostisera behovet.";
    expect((await editPost({ postId: t.postId, editorId: asker, body, title: "Prognoser för hemtjänsten, hur började ni?" })).changed).toBe(false);
    expect((await editPost({ postId: t.postId, editorId: asker, body, title: "Hemtjänstprognoser med maskininlärning" })).changed).toBe(true);
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: t.id }, select: { title: true, slug: true } });
    expect(row).toEqual({ title: "Hemtjänstprognoser med maskininlärning", slug: "hemtjanstprognoser-med-maskininlarning" });
    const history = await getPostHistory(t.postId);
    expect(history?.revisions.map((r) => [r.title, r.bodyMd])).toEqual([["Prognoser för hemtjänsten, hur började ni?", body]]);
    const hits = await searchSite({ query: "maskininlärning", filter: "alla", page: 1 });
    expect(hits.items.map((i) => i.href)).toEqual([`/diskussioner/${t.id}/hemtjanstprognoser-med-maskininlarning`]);
  });

  it("ignores a title sent with an answer: only a question's edit renames the thread", async () => {
    const t = await thread("En fråga vars rubrik står kvar");
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Ett svar" });
    await editPost({ postId: answer.id, editorId: answerer, body: "Ett bättre svar", title: "Kapad rubrik från svaret" });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id } })).title).toBe("En fråga vars rubrik står kvar");
    expect((await getPostHistory(answer.id))?.revisions.map((r) => r.title)).toEqual([null]);
  });
});

describe("votes and accepted answers", () => {
  it("toggles one vote per member, refuses own posts, and keeps the count exact", async () => {
    const t = await thread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar" });
    await expect(toggleVote({ postId: answer.id, userId: answerer })).rejects.toThrow(/eget inlägg/);
    expect(await toggleVote({ postId: answer.id, userId: asker })).toMatchObject({ voted: true, voteCount: 1 });
    expect(await toggleVote({ postId: answer.id, userId: other })).toMatchObject({ voted: true, voteCount: 2 });
    expect(await toggleVote({ postId: answer.id, userId: asker })).toMatchObject({ voted: false, voteCount: 1 });
    // Votes on the question are the thread's votes too.
    await toggleVote({ postId: t.postId, userId: other });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id } })).voteCount).toBe(1);
  });

  it("lets the asker accept and change the answer, refuses others, and audits a moderator", async () => {
    const t = await thread();
    const a1 = await createAnswer({ threadId: t.id, authorId: answerer, body: "Ett" });
    const a2 = await createAnswer({ threadId: t.id, authorId: other, body: "Två" });
    await expect(acceptAnswer({ postId: a1.id, actorId: other, isModerator: false })).rejects.toThrow(/Bara den som ställde frågan/);
    await acceptAnswer({ postId: a1.id, actorId: asker, isModerator: false });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id } })).acceptedPostId).toBe(a1.id);
    await acceptAnswer({ postId: a2.id, actorId: moderator, isModerator: true });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id } })).acceptedPostId).toBe(a2.id);
    const audit = await prisma.auditLog.findMany({ where: { entityId: t.id }, select: { action: true, actorId: true } });
    expect(audit).toEqual([{ action: "thread.accept", actorId: moderator }]);

    const page = await getThreadPage({ threadId: t.id, sort: "datum", page: 1, viewerId: null, includeHidden: false });
    expect(page?.kind === "thread" && page.accepted?.id).toBe(a2.id);
    expect(page?.kind === "thread" && page.answers.map((a) => a.id)).toEqual([a1.id]);
  });
});

describe("thread page", () => {
  it("shows accepted first, then answers by votes or date, with hidden posts flagged and comments under answers", async () => {
    const t = await thread();
    const old = await createAnswer({ threadId: t.id, authorId: answerer, body: "Äldst", now: daysAgo(2) });
    const popular = await createAnswer({ threadId: t.id, authorId: other, body: "Populär", now: daysAgo(1) });
    await toggleVote({ postId: popular.id, userId: asker });
    const hidden = await createAnswer({ threadId: t.id, authorId: other, body: "Dold text" });
    await prisma.post.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "Reklam" } });
    await createComment({ parentId: old.id, authorId: asker, body: "Kommentar" });

    const byVotes = await getThreadPage({ threadId: t.id, sort: "roster", page: 1, viewerId: asker, includeHidden: false });
    if (byVotes?.kind !== "thread") throw new Error("expected a thread");
    expect(byVotes.answers.map((a) => a.id)).toEqual([popular.id, old.id, hidden.id]);
    expect(byVotes.answers[2]?.hidden).toBe(true);
    expect(byVotes.answers[1]?.comments.map((c) => c.bodyMd)).toEqual(["Kommentar"]);
    expect(byVotes.votedPostIds).toEqual([popular.id]);
    expect(byVotes.answers[0]?.author).toMatchObject({ name: "Cilla Annan", title: "Analytiker", municipality: { name: "Borlänge" } });

    const byDate = await getThreadPage({ threadId: t.id, sort: "datum", page: 1, viewerId: null, includeHidden: false });
    expect(byDate?.kind === "thread" && byDate.answers.map((a) => a.id)).toEqual([old.id, popular.id, hidden.id]);
  });

  it("redirects a merged thread and hides a hidden one from members", async () => {
    const target = await thread();
    const merged = await thread("En dubblett av en annan fråga");
    await prisma.thread.update({ where: { id: merged.id }, data: { mergedIntoId: target.id } });
    expect(await getThreadPage({ threadId: merged.id, sort: "roster", page: 1, viewerId: null, includeHidden: false })).toEqual({
      kind: "merged",
      target: { id: target.id, slug: target.slug },
    });
    const hidden = await thread("En dold fråga om något");
    await prisma.thread.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    expect(await getThreadPage({ threadId: hidden.id, sort: "roster", page: 1, viewerId: null, includeHidden: false })).toBeNull();
    expect((await getThreadPage({ threadId: hidden.id, sort: "roster", page: 1, viewerId: null, includeHidden: true }))?.kind).toBe("thread");
  });
});

describe("thread list", () => {
  it("puts pinned threads first, filters unanswered, and pages with a cursor without gaps or repeats", async () => {
    await prisma.thread.updateMany({
      data: { categoryId: (await prisma.discussionCategory.findUniqueOrThrow({ where: { slug: "ai-prediktiv-analys" } })).id },
    });
    const iot = await prisma.discussionCategory.findUniqueOrThrow({ where: { slug: "iot-sensorer" } });
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = await createThread({ authorId: asker, categorySlug: "iot-sensorer", title: `Sensorfråga nummer ${i}`, body: "Text", tagSlugs: [] });
      made.push(t.id);
    }
    await prisma.thread.update({ where: { id: made[0] }, data: { pinned: true } });
    await createAnswer({ threadId: made[1]!, authorId: answerer, body: "Svar" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads({ categoryId: iot.id, sort: "aktivitet", cursor, pageSize: 2 });
      if (first) expect(page.pinned.map((t) => t.id)).toEqual([made[0]]);
      else expect(page.pinned).toEqual([]);
      first = false;
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe(made[1]); // the answered one has the latest activity
    expect(new Set(seen).size).toBe(6);
    expect(seen).not.toContain(made[0]);

    const unanswered = await listThreads({ categoryId: iot.id, sort: "obesvarade" });
    expect(unanswered.threads.map((t) => t.id)).not.toContain(made[1]);
    expect(unanswered.threads).toHaveLength(5);
    // Garbage cursors start from the top instead of failing.
    expect((await listThreads({ categoryId: iot.id, sort: "roster", cursor: "inte-en-markör" })).threads.length).toBe(6);
  });
});

describe("search", () => {
  it("finds threads by their posts, but not hidden posts, hidden threads or merged threads", async () => {
    const t = await thread("Vattenläckor och akustiska loggrar", "Vi provar akustiska loggrar i ledningsnätet.");
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Hydrofonerna hittade tre läckor." });
    expect((await searchSite({ query: "hydrofonerna", filter: "alla", page: 1 })).items.map((i) => i.href)).toEqual([`/diskussioner/${t.id}/${t.slug}`]);
    await prisma.post.update({ where: { id: answer.id }, data: { hiddenAt: new Date() } });
    expect((await searchSite({ query: "hydrofonerna", filter: "alla", page: 1 })).total).toBe(0);
    expect((await searchSite({ query: "loggrar", filter: "alla", page: 1 })).total).toBe(1);
    expect((await findSimilarThreads("Hur hittar ni vattenläckor?")).map((s) => s.id)).toEqual([t.id]);
    await prisma.thread.update({ where: { id: t.id }, data: { hiddenAt: new Date() } });
    expect((await searchSite({ query: "loggrar", filter: "alla", page: 1 })).total).toBe(0);
    await prisma.thread.update({ where: { id: t.id }, data: { hiddenAt: null } });
    expect((await searchSite({ query: "loggrar", filter: "alla", page: 1 })).total).toBe(1);
    const target = await thread();
    await prisma.thread.update({ where: { id: t.id }, data: { mergedIntoId: target.id } });
    expect((await searchSite({ query: "loggrar", filter: "alla", page: 1 })).total).toBe(0);
  });
});

describe("new members", () => {
  it("treats young accounts and accounts with few posts as new, and limits their links", async () => {
    const fresh = await prisma.user.create({ data: { email: "ny@example.org", name: "Ny", createdAt: new Date() } });
    expect(await isNewMember(fresh.id)).toBe(true);
    const quiet = await prisma.user.create({ data: { email: "tyst@example.org", name: "Tyst", createdAt: daysAgo(100) } });
    expect(await isNewMember(quiet.id)).toBe(true);
    expect(await isNewMember(asker)).toBe(false); // many posts by now
    expect(await isNewMember(moderator)).toBe(false);
    expect(newMemberLinkProblem("a https://x.se b http://y.se c www.z.se", true)).toMatch(/högst 2 länkar/);
    expect(newMemberLinkProblem("a https://x.se b http://y.se c www.z.se", false)).toBeNull();
    expect(newMemberLinkProblem("https://x.se och https://y.se", true)).toBeNull();
  });
});
