// Threads and posts written straight through Prisma, for tests of notifications and
// moderation (the discussions model itself is built separately).
import crypto from "node:crypto";
import { afterPostCreated, type CreatedPost } from "~/models/discussion-notify.server";
import { prisma } from "~/utils/db.server";
import { renderForWrite } from "~/utils/markdown.server";

const uid = () => crypto.randomBytes(6).toString("hex");
/** The HTML the discussions model stores with a post's text. */
const html = (markdown: string) => {
  const rendered = renderForWrite(markdown);
  return rendered.ok ? rendered.html : null;
};

export async function makeUser({
  name = `Person ${uid()}`,
  role = "member",
  handle,
  verified = true,
}: { name?: string; role?: string; handle?: string; verified?: boolean } = {}) {
  const id = uid();
  return prisma.user.create({
    data: { email: `u${id}@test.example`, name, role, handle: handle ?? `h-${id}`, emailVerifiedAt: verified ? new Date() : null },
  });
}

export async function makeCategory() {
  const id = uid();
  return prisma.discussionCategory.create({ data: { slug: `kat-${id}`, name: `Kategori ${id}` } });
}

/** A thread with its question, as the discussions model makes it (the asker follows). */
export async function makeThread({
  authorId,
  categoryId,
  title = "Hur mäter ni sensordata?",
  at = new Date(),
  notify = true,
}: {
  authorId: string;
  categoryId?: string;
  title?: string;
  at?: Date;
  notify?: boolean;
}) {
  const category = categoryId ?? (await makeCategory()).id;
  return prisma.$transaction(async (tx) => {
    const thread = await tx.thread.create({
      data: { categoryId: category, authorId, title, slug: "hur-mater-ni", createdAt: at, lastActivityAt: at },
    });
    const bodyMd = "Vi vill veta hur andra gör.";
    const question = await tx.post.create({ data: { threadId: thread.id, authorId, kind: "question", bodyMd, bodyHtml: html(bodyMd), createdAt: at } });
    await tx.threadFollow.create({ data: { threadId: thread.id, userId: authorId, createdAt: at } });
    if (notify) await afterPostCreated(tx, { id: question.id, threadId: thread.id, authorId, kind: "question", bodyMd: question.bodyMd });
    return { thread, question };
  });
}

/** An answer (or a comment, with parentId), following the thread and calling the notification hook. */
export async function makePost({
  threadId,
  authorId,
  kind = "answer",
  bodyMd = "Vi använder LoRaWAN och en öppen plattform.",
  parentId,
  at = new Date(),
  hidden = false,
}: {
  threadId: string;
  authorId: string;
  kind?: CreatedPost["kind"];
  bodyMd?: string;
  parentId?: string;
  at?: Date;
  hidden?: boolean;
}) {
  return prisma.$transaction(async (tx) => {
    const post = await tx.post.create({
      data: { threadId, authorId, kind, bodyMd, bodyHtml: html(bodyMd), parentId: parentId ?? null, createdAt: at, hiddenAt: hidden ? at : null },
    });
    if (kind === "answer") await tx.thread.update({ where: { id: threadId }, data: { answerCount: { increment: 1 }, lastActivityAt: at } });
    const follow = await tx.threadFollow.findUnique({ where: { threadId_userId: { threadId, userId: authorId } } });
    if (!follow) await tx.threadFollow.create({ data: { threadId, userId: authorId, createdAt: at } });
    await afterPostCreated(tx, { id: post.id, threadId, authorId, kind, bodyMd });
    return post;
  });
}

export const mailsTo = (email: string, kind?: string) =>
  prisma.outboxEmail.findMany({ where: { toAddress: email, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
