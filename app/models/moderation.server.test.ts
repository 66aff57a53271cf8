import { describe, expect, it } from "vitest";
import { makeCategory, makePost, makeThread, makeUser } from "~/test/discussion-fixtures";
import { prisma } from "~/utils/db.server";
import { threadIdFromInput } from "~/validation/moderation";
import { dismissFlags, hidePost, listFlagQueue, mergeThreads, moveThread, setThreadState, unhidePost } from "./moderation.server";
import { flagPost } from "./flag.server";
import { liftSuspension, suspendMember } from "./suspension.server";

const audits = (entityId: string) => prisma.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } });

describe("flags", () => {
  it("one open flag per member and post, never on one's own post; hiding resolves them and is audited", async () => {
    const asker = await makeUser();
    const answerer = await makeUser();
    const a = await makeUser();
    const b = await makeUser();
    const mod = await makeUser({ role: "moderator" });
    const { thread } = await makeThread({ authorId: asker.id, notify: false });
    const post = await makePost({ threadId: thread.id, authorId: answerer.id, bodyMd: "Köp billiga klockor här" });

    expect(await flagPost(answerer.id, post.id, "spam", "")).toMatchObject({ ok: false });
    expect(await flagPost(a.id, post.id, "spam", "reklam")).toEqual({ ok: true });
    expect(await flagPost(a.id, post.id, "annat", "")).toMatchObject({ ok: false, message: expect.stringContaining("redan flaggat") });
    expect(await flagPost(b.id, post.id, "krankande", "")).toEqual({ ok: true });

    const queue = await listFlagQueue("open");
    const item = queue.find((p) => p.id === post.id)!;
    expect(item.flags.map((f) => f.reason).sort()).toEqual(["krankande", "spam: reklam"]);

    expect(await hidePost(mod.id, post.id, "Reklam")).toMatchObject({ ok: true });
    const hidden = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, include: { flags: true } });
    expect(hidden.hiddenAt).not.toBeNull();
    expect(hidden.hiddenReason).toBe("Reklam");
    expect(hidden.flags.every((f) => f.status === "resolved" && f.resolvedById === mod.id)).toBe(true);
    expect((await listFlagQueue("open")).some((p) => p.id === post.id)).toBe(false);
    expect((await listFlagQueue("resolved")).some((p) => p.id === post.id)).toBe(true);
    // Hidden: nobody can flag it again.
    expect(await flagPost(b.id, post.id, "spam", "")).toMatchObject({ ok: false });

    expect(await unhidePost(mod.id, post.id, "Var ett misstag")).toMatchObject({ ok: true });
    expect(await dismissFlags(mod.id, post.id, "Inget att göra")).toMatchObject({ ok: false }); // none open
    expect(await flagPost(a.id, post.id, "spam", "")).toEqual({ ok: true }); // the earlier flag is resolved
    expect(await dismissFlags(mod.id, post.id, "Inte spam")).toMatchObject({ ok: true, dismissed: 1 });

    const log = await audits(post.id);
    expect(log.map((l) => l.action)).toEqual(["post.hide", "post.unhide", "flag.dismiss"]);
    expect(log.every((l) => l.actorId === mod.id)).toBe(true);
    expect(JSON.parse(log[0]!.detail)).toMatchObject({ reason: "Reklam", resolvedFlags: 2 });
  });
});

describe("threads", () => {
  it("locks, pins, moves and hides, each with an audit row", async () => {
    const mod = await makeUser({ role: "moderator" });
    const asker = await makeUser();
    const { thread } = await makeThread({ authorId: asker.id, notify: false });
    const other = await makeCategory();
    expect(await setThreadState(mod.id, thread.id, "lock", "Klart")).toMatchObject({ ok: true });
    expect(await setThreadState(mod.id, thread.id, "lock", "Igen")).toMatchObject({ ok: false });
    expect(await setThreadState(mod.id, thread.id, "pin", "Viktig")).toMatchObject({ ok: true });
    expect(await moveThread(mod.id, thread.id, other.id, "Fel kategori")).toMatchObject({ ok: true });
    expect(await moveThread(mod.id, thread.id, "finns-inte", "x")).toMatchObject({ ok: false, field: "categoryId" });
    expect(await setThreadState(mod.id, thread.id, "hide", "Dubblett")).toMatchObject({ ok: true });
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(row).toMatchObject({ locked: true, pinned: true, categoryId: other.id });
    expect(row.hiddenAt).not.toBeNull();
    expect((await audits(thread.id)).map((l) => l.action)).toEqual(["thread.lock", "thread.pin", "thread.move", "thread.hide"]);
  });

  it("merges a duplicate: posts move, the question becomes an answer, counts and followers are consistent", async () => {
    const mod = await makeUser({ role: "moderator" });
    const a = await makeUser();
    const b = await makeUser();
    const c = await makeUser();
    const t0 = new Date(Date.now() - 3600_000);
    const { thread: target } = await makeThread({ authorId: a.id, title: "Hur börjar man med AI?", at: t0, notify: false });
    const { thread: source, question } = await makeThread({ authorId: b.id, title: "Var börjar vi med AI?", at: new Date(t0.getTime() + 1000), notify: false });
    await makePost({ threadId: target.id, authorId: c.id, at: new Date(t0.getTime() + 2000) });
    const sourceAnswer = await makePost({ threadId: source.id, authorId: c.id, at: new Date(t0.getTime() + 3000) });
    const comment = await makePost({ threadId: source.id, authorId: a.id, kind: "comment", parentId: sourceAnswer.id, at: new Date(t0.getTime() + 4000) });
    await prisma.thread.update({ where: { id: source.id }, data: { acceptedPostId: sourceAnswer.id } });

    expect(await mergeThreads(mod.id, source.id, source.id, "x")).toMatchObject({ ok: false });
    expect(await mergeThreads(mod.id, source.id, target.id, "Samma fråga")).toMatchObject({ ok: true });

    const [s, t] = await Promise.all([
      prisma.thread.findUniqueOrThrow({ where: { id: source.id } }),
      prisma.thread.findUniqueOrThrow({ where: { id: target.id } }),
    ]);
    expect(s).toMatchObject({ mergedIntoId: target.id, acceptedPostId: null, answerCount: 0 });
    expect(t.answerCount).toBe(3); // its own answer, the source's answer, and the source's question
    expect(t.acceptedPostId).toBe(sourceAnswer.id); // the target had none
    expect(t.lastActivityAt.getTime()).toBe(t0.getTime() + 4000);
    const q = await prisma.post.findUniqueOrThrow({ where: { id: question.id }, include: { revisions: true } });
    expect(q).toMatchObject({ threadId: target.id, kind: "answer" });
    expect(q.bodyMd).toContain("Var börjar vi med AI?");
    expect(q.revisions).toHaveLength(1);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: comment.id } })).parentId).toBe(sourceAnswer.id);
    expect(await prisma.post.count({ where: { threadId: source.id } })).toBe(0);
    const followers = await prisma.threadFollow.findMany({ where: { threadId: target.id }, select: { userId: true } });
    expect(followers.map((f) => f.userId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await prisma.threadFollow.count({ where: { threadId: source.id } })).toBe(0);
    expect((await audits(source.id)).map((l) => l.action)).toEqual(["thread.merge"]);
    // Merged already: a second merge is refused.
    expect(await mergeThreads(mod.id, source.id, target.id, "igen")).toMatchObject({ ok: false });
  });

  it("reads a thread id from an address or an id", () => {
    expect(threadIdFromInput("https://example.se/diskussioner/cmabc12345/hur-borjar-man")).toBe("cmabc12345");
    expect(threadIdFromInput("cmabc12345")).toBe("cmabc12345");
    expect(threadIdFromInput("javascript:alert(1)")).toBeNull();
  });
});

describe("suspensions", () => {
  it("suspends members below one's own role for a period, lifts it, and logs both", async () => {
    const mod = await makeUser({ role: "moderator" });
    const member = await makeUser();
    const organizer = await makeUser({ role: "organizer" });
    const actor = { id: mod.id, role: "moderator" as const };
    const until = new Date(Date.now() + 7 * 86_400_000);
    expect(await suspendMember(actor, organizer.id, until, "Nej")).toMatchObject({ ok: false });
    expect(await suspendMember(actor, mod.id, until, "Nej")).toMatchObject({ ok: false });
    expect(await suspendMember(actor, member.id, new Date(Date.now() - 1000), "Nej")).toMatchObject({ ok: false, field: "until" });
    expect(await suspendMember(actor, member.id, until, "Upprepad reklam")).toEqual({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).suspendedUntil?.getTime()).toBe(until.getTime());
    expect(await liftSuspension(actor, member.id, "Överenskommelse")).toEqual({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).suspendedUntil).toBeNull();
    const log = await audits(member.id);
    expect(log.map((l) => [l.action, l.actorId])).toEqual([
      ["user.suspend", mod.id],
      ["user.unsuspend", mod.id],
    ]);
    expect(JSON.parse(log[0]!.detail).reason).toBe("Upprepad reklam");
  });
});
