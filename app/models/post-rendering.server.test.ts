import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { acceptAnswer, createAnswer, createComment, createThread, DiscussionError, editPost, newMemberLinkProblem, toggleVote } from "./post.server";
import { getThreadPage, presentAnswer, presentPost } from "./thread.server";

/** Posts keep the HTML rendered when they were written; reading never renders (ADR 011). */

let asker: string;
let answerer: string;
let voter: string;

beforeAll(async () => {
  const user = (email: string) =>
    prisma.user.create({ data: { email, name: email, emailVerifiedAt: new Date(), createdAt: new Date(Date.now() - 30 * 24 * 3600_000) } }).then((u) => u.id);
  asker = await user("asker@example.org");
  answerer = await user("answerer@example.org");
  voter = await user("voter@example.org");
  await prisma.discussionCategory.create({ data: { slug: "bi", name: "BI" } });
});

const newThread = (body = "Hur gör ni?") => createThread({ authorId: asker, categorySlug: "bi", title: "En fråga om rendering", body, tagSlugs: [] });

async function page(threadId: string, includeHidden = false) {
  const result = await getThreadPage({ threadId, sort: "datum", page: 1, viewerId: null, includeHidden });
  if (result?.kind !== "thread") throw new Error("no thread page");
  return result;
}

describe("stored HTML", () => {
  it("stores the rendered text with every question, answer, comment and edit", async () => {
    const t = await newThread("Fråga med **fetstil**");
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar med [länk](https://scb.se)" });
    const comment = await createComment({ parentId: answer.id, authorId: asker, body: "Tack *så* mycket", threadId: t.id });
    const html = async (id: string) => (await prisma.post.findUniqueOrThrow({ where: { id }, select: { bodyHtml: true } })).bodyHtml;
    expect(await html(t.postId)).toBe("<p>Fråga med <strong>fetstil</strong></p>\n");
    expect(await html(answer.id)).toContain('class="external-link"');
    expect(await html(comment.id)).toBe("<p>Tack <em>så</em> mycket</p>\n");
    await editPost({ postId: answer.id, editorId: answerer, body: "Nytt _svar_" });
    expect(await html(answer.id)).toBe("<p>Nytt <em>svar</em></p>\n");
  });

  it("shows a thread whose answer is 2,500 quote markers, for members and moderators", async () => {
    const t = await newThread();
    await createAnswer({ threadId: t.id, authorId: answerer, body: ">".repeat(2500) });
    for (const moderator of [false, true]) {
      const shown = (await page(t.id)).answers.map((a) => presentAnswer(a, moderator));
      expect(shown[0]!.html).toContain("<blockquote>");
    }
  });

  it("shows a placeholder for a post without HTML, and its text to moderators only", async () => {
    const t = await newThread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Text som *inte* gick att rendera" });
    await prisma.post.update({ where: { id: answer.id }, data: { bodyHtml: null } });
    const [row] = (await page(t.id)).answers;
    expect(presentPost(row!, false)).toMatchObject({ html: null, unrenderable: true, rawText: null });
    expect(presentPost(row!, true)).toMatchObject({ html: null, unrenderable: true, rawText: "Text som *inte* gick att rendera" });
    // Hidden and without HTML: members see only that it is hidden.
    await prisma.post.update({ where: { id: answer.id }, data: { hiddenAt: new Date() } });
    const [hidden] = (await page(t.id)).answers;
    expect(presentPost(hidden!, false)).toMatchObject({ html: null, unrenderable: false, rawText: null, hidden: true });
  });
});

describe("links without //", () => {
  it("count against a new member's link limit like any other link", async () => {
    const spam = "[a](https:evil.example) [b](HTTPS:evil.example/x) [c](//evil.example)";
    expect(newMemberLinkProblem(spam, true)).toMatch(/högst 2 länkar/);
    expect(newMemberLinkProblem("[a](/forum) [b](/case) [c](/diskussioner)", true)).toBeNull();
  });
});

describe("writes that check their thread before writing", () => {
  it("refuses votes in a hidden or merged thread and stores nothing", async () => {
    const t = await newThread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar" });
    await prisma.thread.update({ where: { id: t.id }, data: { hiddenAt: new Date() } });
    for (const postId of [t.postId, answer.id]) {
      await expect(toggleVote({ postId, userId: voter })).rejects.toMatchObject({ status: 404 });
    }
    const other = await newThread();
    await prisma.thread.update({ where: { id: t.id }, data: { hiddenAt: null, mergedIntoId: other.id } });
    await expect(toggleVote({ postId: answer.id, userId: voter })).rejects.toBeInstanceOf(DiscussionError);
    expect(await prisma.postVote.count({ where: { userId: voter } })).toBe(0);
  });

  it("refuses a vote, an accept or a comment sent from another thread's page before writing", async () => {
    const t = await newThread();
    const elsewhere = await newThread();
    const answer = await createAnswer({ threadId: t.id, authorId: answerer, body: "Svar" });
    await expect(toggleVote({ postId: answer.id, userId: voter, threadId: elsewhere.id })).rejects.toMatchObject({ status: 400 });
    await expect(acceptAnswer({ postId: answer.id, actorId: asker, isModerator: false, threadId: elsewhere.id })).rejects.toMatchObject({ status: 400 });
    await expect(createComment({ parentId: answer.id, authorId: voter, body: "Hej", threadId: elsewhere.id })).rejects.toMatchObject({ status: 400 });
    expect(await prisma.postVote.count({ where: { postId: answer.id } })).toBe(0);
    expect(await prisma.post.count({ where: { parentId: answer.id } })).toBe(0);
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: t.id }, select: { acceptedPostId: true } })).acceptedPostId).toBeNull();
  });
});
