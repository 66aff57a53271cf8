import { describe, expect, it } from "vitest";
import { makeCategory, makePost, makeThread, makeUser, mailsTo } from "~/test/discussion-fixtures";
import { prisma } from "~/utils/db.server";
import { verifyDiscussionOptOut, verifyRegistrationLink, verifyUnsubscribeLink } from "~/utils/signed-links.server";
import { applyOptOut, saveSubscriptions } from "./discussion-watch.server";
import { digestWeekKey, FOLLOW_BATCH_MS, isDigestDue, runFollowerNotifications, runWeeklyDigest } from "./discussion-digest.server";
import { MAX_MENTIONS_PER_POST } from "./discussion-notify.server";
import { editPost } from "./post.server";

const minutes = (n: number) => n * 60_000;

/** The opt-out link in a mail, parsed. */
function optOutLink(text: string) {
  const raw = text.match(/http\S*\/diskussioner\/sluta-bevaka\?\S+/)?.[0];
  expect(raw, "the mail has an opt-out link").toBeTruthy();
  const url = new URL(raw!);
  return { kind: url.searchParams.get("typ")!, userId: url.searchParams.get("u")!, targetId: url.searchParams.get("id")!, sig: url.searchParams.get("sig")! };
}

describe("follower mail", () => {
  it("batches: the first answer promptly, the next within the hour waits and is summed up with later ones", async () => {
    const asker = await makeUser({ name: "Asker" });
    const b = await makeUser({ name: "Bea Svarare" });
    const c = await makeUser({ name: "Carl Kommentar" });
    const t0 = new Date(Date.now() - 3 * 3600_000);
    const { thread } = await makeThread({ authorId: asker.id, at: t0 });

    await makePost({ threadId: thread.id, authorId: b.id, at: new Date(t0.getTime() + minutes(1)), bodyMd: "Första svaret" });
    expect(await runFollowerNotifications(new Date(t0.getTime() + minutes(2)))).toBe(1);
    let mails = await mailsTo(asker.email, "discussion-follow");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Nytt svar");
    expect(mails[0]!.text).toContain("Första svaret");
    // Bea wrote the only post: she gets nothing about her own answer.
    expect(await mailsTo(b.email, "discussion-follow")).toHaveLength(0);

    // Two more posts within the hour: nothing yet.
    await makePost({ threadId: thread.id, authorId: c.id, at: new Date(t0.getTime() + minutes(10)), bodyMd: "Andra svaret" });
    await makePost({ threadId: thread.id, authorId: b.id, at: new Date(t0.getTime() + minutes(20)), bodyMd: "Tredje svaret" });
    await runFollowerNotifications(new Date(t0.getTime() + minutes(30)));
    expect(await mailsTo(asker.email, "discussion-follow")).toHaveLength(1);

    // An hour after the first mail: one mail with both.
    await runFollowerNotifications(new Date(t0.getTime() + minutes(2) + FOLLOW_BATCH_MS));
    mails = await mailsTo(asker.email, "discussion-follow");
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toContain("2 nya inlägg");
    expect(mails[1]!.text).toContain("Andra svaret");
    expect(mails[1]!.text).toContain("Tredje svaret");
    expect(mails[1]!.text).not.toContain("Första svaret");

    // Bea follows since her answer: she hears of Carl's post but not her own.
    const bMails = await mailsTo(b.email, "discussion-follow");
    expect(bMails).toHaveLength(1);
    expect(bMails[0]!.text).toContain("Andra svaret");
    expect(bMails[0]!.text).not.toContain("Tredje svaret");

    // Nothing new: nothing more.
    expect(await runFollowerNotifications(new Date(t0.getTime() + minutes(200)))).toBe(0);
  });

  it("never mails twice when two processes run the job at the same time", async () => {
    const asker = await makeUser();
    const b = await makeUser();
    const { thread } = await makeThread({ authorId: asker.id, at: new Date(Date.now() - minutes(5)) });
    await makePost({ threadId: thread.id, authorId: b.id, at: new Date(Date.now() - minutes(1)) });
    const now = new Date();
    const results = await Promise.all([runFollowerNotifications(now), runFollowerNotifications(now), runFollowerNotifications(now)]);
    expect(results.reduce((a, n) => a + n, 0)).toBe(1);
    expect(await mailsTo(asker.email, "discussion-follow")).toHaveLength(1);
  });

  it("does not notify about hidden posts", async () => {
    const asker = await makeUser();
    const b = await makeUser();
    const { thread } = await makeThread({ authorId: asker.id, at: new Date(Date.now() - minutes(5)) });
    await makePost({ threadId: thread.id, authorId: b.id, hidden: true, bodyMd: "Dold reklam @" + asker.handle });
    expect(await runFollowerNotifications(new Date())).toBe(0);
    expect(await mailsTo(asker.email)).toHaveLength(0);
  });

  it("has a one-click unfollow link that stops only that thread, for only that member", async () => {
    const asker = await makeUser();
    const b = await makeUser();
    const { thread } = await makeThread({ authorId: asker.id, at: new Date(Date.now() - minutes(5)) });
    const { thread: other } = await makeThread({ authorId: asker.id, at: new Date(Date.now() - minutes(5)) });
    await makePost({ threadId: thread.id, authorId: b.id, at: new Date(Date.now() - minutes(1)) });
    await runFollowerNotifications(new Date());
    const [mail] = await mailsTo(asker.email, "discussion-follow");
    const link = optOutLink(mail!.text);
    expect(link).toMatchObject({ kind: "trad", userId: asker.id, targetId: thread.id });
    expect(verifyDiscussionOptOut({ kind: "trad", userId: link.userId, targetId: link.targetId }, link.sig)).toBe(true);
    // Single purpose: not another thread, member or kind, nor another kind of signed link.
    expect(verifyDiscussionOptOut({ kind: "trad", userId: link.userId, targetId: other.id }, link.sig)).toBe(false);
    expect(verifyDiscussionOptOut({ kind: "trad", userId: b.id, targetId: link.targetId }, link.sig)).toBe(false);
    expect(verifyDiscussionOptOut({ kind: "kategori", userId: link.userId, targetId: link.targetId }, link.sig)).toBe(false);
    expect(verifyUnsubscribeLink(link.userId, link.sig)).toBe(false);
    expect(verifyRegistrationLink(link.targetId, link.sig)).toBe(false);

    await applyOptOut("trad", link.userId, link.targetId);
    expect(await prisma.threadFollow.findMany({ where: { userId: asker.id }, select: { threadId: true } })).toEqual([{ threadId: other.id }]);
  });
});

describe("mentions", () => {
  it("mails each mentioned member once per post, never the author, never for hidden posts", async () => {
    const asker = await makeUser({ name: "Anna Öberg", handle: "anna-oberg" });
    const per = await makeUser({ name: "Per Eriksson", handle: "per-eriksson" });
    const writer = await makeUser({ name: "Skribent", handle: "skribent" });
    const unverified = await makeUser({ handle: "ej-bekraftad", verified: false });
    const { thread } = await makeThread({ authorId: asker.id });

    const post = await makePost({
      threadId: thread.id,
      authorId: writer.id,
      bodyMd: "Fråga @per-eriksson och @Per-Eriksson! Jag (@skribent) vet inte. @ej-bekraftad @finns-inte `@anna-oberg`",
    });
    const perMails = await mailsTo(per.email, "discussion-mention");
    expect(perMails).toHaveLength(1);
    expect(perMails[0]!.subject).toContain("Skribent nämnde dig");
    expect(perMails[0]!.text).toContain(`#inlagg-${post.id}`);
    expect(await mailsTo(writer.email, "discussion-mention")).toHaveLength(0);
    expect(await mailsTo(unverified.email)).toHaveLength(0);
    expect(await mailsTo(asker.email, "discussion-mention")).toHaveLength(0);

    await makePost({ threadId: thread.id, authorId: writer.id, hidden: true, bodyMd: "Hej @anna-oberg" });
    expect(await mailsTo(asker.email, "discussion-mention")).toHaveLength(0);
    // A second post mentioning Per is a second mail.
    await makePost({ threadId: thread.id, authorId: writer.id, kind: "comment", parentId: post.id, bodyMd: "@per-eriksson igen" });
    expect(await mailsTo(per.email, "discussion-mention")).toHaveLength(2);
  });

  it("has a one-click opt-out and a List-Unsubscribe address, and mails nobody who turned mention mail off", async () => {
    const per = await makeUser({ handle: "per-avstangd" });
    const writer = await makeUser();
    const { thread } = await makeThread({ authorId: writer.id });
    await makePost({ threadId: thread.id, authorId: writer.id, bodyMd: "Hej @per-avstangd" });
    const [mail] = await mailsTo(per.email, "discussion-mention");
    const link = optOutLink(mail!.text);
    expect(link).toMatchObject({ kind: "omnamnanden", userId: per.id, targetId: "alla" });
    expect(mail!.unsubscribeUrl).toContain("/diskussioner/sluta-bevaka?typ=omnamnanden");
    expect(verifyDiscussionOptOut({ kind: "omnamnanden", userId: link.userId, targetId: link.targetId }, link.sig)).toBe(true);
    expect(verifyDiscussionOptOut({ kind: "omnamnanden", userId: writer.id, targetId: link.targetId }, link.sig)).toBe(false);
    expect(verifyDiscussionOptOut({ kind: "sammanfattning", userId: link.userId, targetId: link.targetId }, link.sig)).toBe(false);

    await applyOptOut("omnamnanden", link.userId, link.targetId);
    await makePost({ threadId: thread.id, authorId: writer.id, bodyMd: "Igen @per-avstangd" });
    expect(await mailsTo(per.email, "discussion-mention")).toHaveLength(1);

    // The toggle on /profil/bevakningar turns it back on.
    await saveSubscriptions(per.id, { categoryIds: [], weeklyDigest: false, mentionEmails: true });
    await makePost({ threadId: thread.id, authorId: writer.id, bodyMd: "En tredje gång @per-avstangd" });
    expect(await mailsTo(per.email, "discussion-mention")).toHaveLength(2);
  });

  it("an edit mails the members it mentions for the first time, once, and editing names in and out stays within the cap", async () => {
    const asker = await makeUser({ handle: "fragaren" });
    const writer = await makeUser({ name: "Redigerare", handle: "redigerare" });
    const kim = await makeUser({ handle: "kim-analys" });
    const { thread } = await makeThread({ authorId: asker.id });
    const post = await makePost({ threadId: thread.id, authorId: writer.id, bodyMd: "Fråga @fragaren" });
    expect(await mailsTo(asker.email, "discussion-mention")).toHaveLength(1);

    await editPost({ postId: post.id, editorId: writer.id, body: "Fråga @fragaren och @kim-analys" });
    const kimMails = await mailsTo(kim.email, "discussion-mention");
    expect(kimMails).toHaveLength(1);
    expect(kimMails[0]!.subject).toContain("Redigerare nämnde dig");
    expect(await mailsTo(asker.email, "discussion-mention")).toHaveLength(1);
    // Out and back in: still one mail each.
    await editPost({ postId: post.id, editorId: writer.id, body: "Ingen nämnd" });
    await editPost({ postId: post.id, editorId: writer.id, body: "Åter @kim-analys @fragaren" });
    expect(await mailsTo(kim.email, "discussion-mention")).toHaveLength(1);
    expect(await mailsTo(asker.email, "discussion-mention")).toHaveLength(1);

    // Two of the cap are used; rotating in new names mails only up to the cap in all.
    const others = await Promise.all(Array.from({ length: MAX_MENTIONS_PER_POST + 2 }, (_, i) => makeUser({ handle: `medlem-${i}-${thread.id.slice(-6)}` })));
    const handles = others.map((u) => `@${u.handle}`);
    await editPost({ postId: post.id, editorId: writer.id, body: handles.slice(0, 5).join(" ") });
    await editPost({ postId: post.id, editorId: writer.id, body: "tomt" });
    await editPost({ postId: post.id, editorId: writer.id, body: handles.slice(5).join(" ") });
    const mailed = await Promise.all(others.map((u) => mailsTo(u.email, "discussion-mention")));
    expect(mailed.filter((m) => m.length > 0)).toHaveLength(MAX_MENTIONS_PER_POST - 2);
  });
});

describe("category subscriptions", () => {
  it("mails subscribers about new questions in the category, with a working opt-out", async () => {
    const category = await makeCategory();
    const other = await makeCategory();
    const sub = await makeUser();
    const asker = await makeUser();
    await saveSubscriptions(sub.id, { categoryIds: [category.id, "finns-inte"], weeklyDigest: false });
    await saveSubscriptions(asker.id, { categoryIds: [category.id], weeklyDigest: false });

    await makeThread({ authorId: asker.id, categoryId: category.id, title: "Vem har testat prediktivt underhåll?" });
    await makeThread({ authorId: asker.id, categoryId: other.id });
    const mails = await mailsTo(sub.email, "discussion-category");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Vem har testat prediktivt underhåll?");
    expect(await mailsTo(asker.email, "discussion-category")).toHaveLength(0);

    const link = optOutLink(mails[0]!.text);
    expect(link).toMatchObject({ kind: "kategori", userId: sub.id, targetId: category.id });
    expect(verifyDiscussionOptOut({ kind: "kategori", userId: sub.id, targetId: category.id }, link.sig)).toBe(true);
    await applyOptOut("kategori", sub.id, category.id);
    await makeThread({ authorId: asker.id, categoryId: category.id });
    expect(await mailsTo(sub.email, "discussion-category")).toHaveLength(1);
  });
});

describe("weekly digest", () => {
  it("knows the ISO week and waits for Monday morning, Swedish time", () => {
    expect(digestWeekKey(new Date("2026-11-30T08:00:00Z"))).toBe("2026-W49");
    expect(digestWeekKey(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(isDigestDue(new Date("2026-11-30T05:00:00Z"))).toBe(false); // 06:00 in Stockholm
    expect(isDigestDue(new Date("2026-11-30T06:30:00Z"))).toBe(true);
  });

  it("runs once per week across processes and mails only members who asked for it", async () => {
    const reader = await makeUser({ name: "Läsare" });
    const notReader = await makeUser();
    await saveSubscriptions(reader.id, { categoryIds: [], weeklyDigest: true });
    const asker = await makeUser();
    const now = new Date("2030-06-03T08:00:00Z"); // a Monday
    await makeThread({ authorId: asker.id, title: "Veckans nya fråga om öppen data", at: new Date(now.getTime() - 2 * 86_400_000), notify: false });

    const results = await Promise.all([runWeeklyDigest(now), runWeeklyDigest(now)]);
    const ran = results.filter((r) => r !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.newThreads).toBeGreaterThanOrEqual(1);
    expect(await runWeeklyDigest(new Date(now.getTime() + 3 * 86_400_000))).toBeNull();

    const mails = await mailsTo(reader.email, "discussion-digest");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Veckans nya fråga om öppen data");
    expect(mails[0]!.text).toContain("Frågor som väntar på svar");
    expect(await mailsTo(notReader.email, "discussion-digest")).toHaveLength(0);

    const link = optOutLink(mails[0]!.text);
    expect(link.kind).toBe("sammanfattning");
    await applyOptOut("sammanfattning", reader.id, link.targetId);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: reader.id } })).weeklyDigest).toBe(false);
  });
});
