// Discussions stay exact when requests race. On SQLite write transactions take
// turns anyway; on PostgreSQL (`npm run test:pg -- <this file>`) each call below
// runs on its own pooled connection, so a read-then-write without a lock would
// lose updates or write duplicates (locks.server.ts).
import { describe, expect, it } from "vitest";
import { makeCategory, makePost, makeThread, makeUser } from "~/test/discussion-fixtures";
import { prisma } from "~/utils/db.server";
import { saveSubscriptions } from "./discussion-watch.server";
import { flagPost } from "./flag.server";
import { mergeThreads } from "./moderation.server";
import { acceptAnswer, createAnswer, editPost } from "./post.server";

describe("discussions under concurrency", () => {
  it("one member flagging a post many times at once leaves one open flag", async () => {
    const asker = await makeUser();
    const reporter = await makeUser();
    const { thread } = await makeThread({ authorId: asker.id, notify: false });
    for (let round = 0; round < 5; round++) {
      const post = await makePost({ threadId: thread.id, authorId: asker.id, bodyMd: "Köp klockor" });
      const results = await Promise.all(Array.from({ length: 8 }, () => flagPost(reporter.id, post.id, "spam", "")));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.message.includes("redan flaggat"))).toBe(true);
      expect(await prisma.flag.count({ where: { postId: post.id, reporterId: reporter.id, status: "open" } })).toBe(1);
    }
  });

  it("two threads merged into each other at once: one merge wins, no cycle", async () => {
    const mod = await makeUser({ role: "moderator" });
    const a = await makeUser();
    for (let round = 0; round < 5; round++) {
      const { thread: x } = await makeThread({ authorId: a.id, title: "Fråga X", notify: false });
      const { thread: y } = await makeThread({ authorId: a.id, title: "Fråga Y", notify: false });
      const results = await Promise.all([mergeThreads(mod.id, x.id, y.id, "dubblett"), mergeThreads(mod.id, y.id, x.id, "dubblett")]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const rows = await prisma.thread.findMany({ where: { id: { in: [x.id, y.id] } }, select: { id: true, mergedIntoId: true } });
      expect(rows.filter((r) => r.mergedIntoId !== null)).toHaveLength(1);
    }
  });

  it("answers posted while a thread is merged end up in the target and are counted", async () => {
    const mod = await makeUser({ role: "moderator" });
    const a = await makeUser();
    const writers = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
    for (let round = 0; round < 3; round++) {
      const { thread: target } = await makeThread({ authorId: a.id, title: "Målet", notify: false });
      const { thread: source } = await makeThread({ authorId: a.id, title: "Dubbletten", notify: false });
      await Promise.all([
        ...writers.map((w, i) => createAnswer({ threadId: i % 2 ? target.id : source.id, authorId: w.id, body: `Svar ${i}` }).catch((e: Error) => e)),
        mergeThreads(mod.id, source.id, target.id, "dubblett"),
      ]);
      // Nothing may stay behind on the merged stub, and the target's count matches its answer rows.
      expect(await prisma.post.count({ where: { threadId: source.id } })).toBe(0);
      const t = await prisma.thread.findUniqueOrThrow({ where: { id: target.id }, select: { answerCount: true } });
      expect(t.answerCount).toBe(await prisma.post.count({ where: { threadId: target.id, kind: "answer" } }));
    }
  });

  it("edits of one post at once each keep the text they replaced: the history has every version", async () => {
    const a = await makeUser();
    const { thread, question } = await makeThread({ authorId: a.id, title: "Rubrik att ändra", notify: false });
    const bodies = Array.from({ length: 6 }, (_, i) => `Version ${i + 1}`);
    await Promise.all(bodies.map((body, i) => editPost({ postId: question.id, editorId: a.id, body, title: `Ny rubrik nummer ${i + 1}` })));
    const revisions = await prisma.postRevision.findMany({ where: { postId: question.id }, select: { bodyMd: true, title: true } });
    const post = await prisma.post.findUniqueOrThrow({ where: { id: question.id }, select: { bodyMd: true } });
    // Every version but the last is some revision's text exactly once, after the original.
    expect(revisions).toHaveLength(bodies.length);
    expect(new Set([...revisions.map((r) => r.bodyMd), post.bodyMd]).size).toBe(bodies.length + 1);
    const titles = await prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, select: { title: true } });
    expect(new Set([...revisions.map((r) => r.title), titles.title]).size).toBe(bodies.length + 1);
  });

  it("accepting the same answer twice at once toggles twice, as one click after another would", async () => {
    const asker = await makeUser();
    const answerer = await makeUser();
    for (let round = 0; round < 5; round++) {
      const { thread } = await makeThread({ authorId: asker.id, notify: false });
      const post = await makePost({ threadId: thread.id, authorId: answerer.id });
      const results = await Promise.all([
        acceptAnswer({ postId: post.id, actorId: asker.id, isModerator: false }),
        acceptAnswer({ postId: post.id, actorId: asker.id, isModerator: false }),
      ]);
      expect(results.map((r) => r.accepted).sort()).toEqual([false, true]);
      expect((await prisma.thread.findUniqueOrThrow({ where: { id: thread.id } })).acceptedPostId).toBeNull();
    }
  });

  it("the subscription form sent twice at once saves once, without an error", async () => {
    const member = await makeUser();
    const categories = await Promise.all([makeCategory(), makeCategory(), makeCategory()]);
    const choice = { categoryIds: categories.map((c) => c.id), weeklyDigest: true };
    await Promise.all([saveSubscriptions(member.id, choice), saveSubscriptions(member.id, choice), saveSubscriptions(member.id, choice)]);
    expect(await prisma.categorySubscription.count({ where: { userId: member.id } })).toBe(3);
  });
});
