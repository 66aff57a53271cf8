import { registerDomain } from "~/models/affiliation-admin.server";
import { transaction } from "~/models/transaction.server";
import { uniqueHandle } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { DEMO_ARTICLE, DEMO_CASES, DEMO_THREADS, DEMO_USERS, type DemoPost } from "./seed-content";
import { stockholm, storedHtml } from "./seed-forums.server";

// DEMO DATA of the seed (seed-database.server.ts): accounts, their municipalities'
// email domains, cases, an article and discussions. The forums are in
// seed-forums.server.ts, the maturity assessments in seed-maturity.server.ts.

/** Creates missing demo accounts; returns every demo account's id by email. */
export async function ensureUsers(now: Date, created: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing) {
      ids.set(user.email, existing.id);
      continue;
    }
    const row = await prisma.user.create({
      data: {
        email: user.email,
        emailVerifiedAt: now,
        passwordHash: await hashPassword(user.password),
        name: user.name,
        handle: await uniqueHandle(prisma, user.name),
        title: user.title,
        role: user.role,
        municipalityCode: user.municipalityCode,
        listedPublicly: user.listedPublicly,
      },
      select: { id: true },
    });
    ids.set(user.email, row.id);
    created.push(`användare ${user.email}`);
  }
  return ids;
}

/** The demo municipalities' domains (and so their demo members verified). */
export async function ensureDemoAffiliationDomains(domains: readonly { domain: string; municipalityCode: string }[], created: string[]) {
  for (const { domain, municipalityCode } of domains) {
    if (await prisma.affiliationDomain.findUnique({ where: { domain }, select: { domain: true } })) continue;
    await transaction((tx) => registerDomain(tx, domain, { municipalityCode, organisationId: null }, null, new Date()));
    created.push(`domän ${domain}`);
  }
}

export async function ensureCases(eventId: string, userIds: Map<string, string>, now: Date, created: string[]) {
  for (const { tagSlugs, editorEmail, ...content } of DEMO_CASES) {
    const existing = await prisma.case.findUnique({ where: { slug: content.slug }, select: { id: true } });
    if (existing) continue;
    await prisma.case.create({
      data: {
        ...content,
        bodyHtml: storedHtml(content.bodyMd),
        eventId,
        editorId: editorEmail ? (userIds.get(editorEmail) ?? null) : null,
        status: "published",
        publishedAt: now,
        lastReviewedAt: now,
        isDemo: true,
        tags: { create: tagSlugs.map((slug) => ({ tag: { connect: { slug } } })) },
      },
    });
    created.push(`case ${content.slug}`);
  }
}

export async function ensureArticle(userIds: Map<string, string>, created: string[]) {
  const existing = await prisma.article.findUnique({ where: { slug: DEMO_ARTICLE.slug }, select: { id: true } });
  if (existing) return;
  const author = DEMO_USERS.find((u) => u.email === DEMO_ARTICLE.authorEmail);
  await prisma.article.create({
    data: {
      slug: DEMO_ARTICLE.slug,
      title: DEMO_ARTICLE.title,
      summary: DEMO_ARTICLE.summary,
      bodyMd: DEMO_ARTICLE.bodyMd,
      bodyHtml: storedHtml(DEMO_ARTICLE.bodyMd),
      authorId: userIds.get(DEMO_ARTICLE.authorEmail) ?? null,
      authorName: author?.name ?? "",
      status: "published",
      publishedAt: stockholm(DEMO_ARTICLE.publishedAt),
      isDemo: true,
      tags: { create: DEMO_ARTICLE.tagSlugs.map((slug) => ({ tag: { connect: { slug } } })) },
    },
  });
  created.push(`artikel ${DEMO_ARTICLE.slug}`);
}

/** Demo discussions with answers, comments and one accepted answer; skipped when the thread id exists. */
export async function ensureDemoThreads(userIds: Map<string, string>, now: Date, created: string[]) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 24 * 3600_000);
  for (const demo of DEMO_THREADS) {
    const existing = await prisma.thread.findUnique({ where: { id: demo.id }, select: { id: true } });
    if (existing) continue;
    await prisma.$transaction(async (tx) => {
      const category = await tx.discussionCategory.findUniqueOrThrow({ where: { slug: demo.categorySlug }, select: { id: true } });
      const tags = await tx.tag.findMany({ where: { slug: { in: demo.tagSlugs } }, select: { id: true } });
      const author = (email: string) => userIds.get(email) ?? null;
      const posts = [demo.question, ...demo.answers, ...demo.answers.flatMap((a) => a.comments ?? [])];
      const last = Math.min(...posts.map((p) => p.daysAgo));
      await tx.thread.create({
        data: {
          id: demo.id,
          slug: demo.slug,
          categoryId: category.id,
          authorId: author(demo.question.authorEmail),
          title: demo.title,
          answerCount: demo.answers.length,
          createdAt: at(demo.question.daysAgo),
          lastActivityAt: at(last),
          tags: { create: tags.map((t) => ({ tagId: t.id })) },
        },
      });
      const followers = new Set<string>();
      const write = async (post: DemoPost, kind: "question" | "answer" | "comment", parentId: string | null) => {
        const authorId = author(post.authorEmail);
        await tx.post.create({
          data: {
            id: post.id,
            threadId: demo.id,
            authorId,
            parentId,
            kind,
            bodyMd: post.bodyMd,
            bodyHtml: storedHtml(post.bodyMd),
            createdAt: at(post.daysAgo),
          },
        });
        if (authorId && kind !== "comment") followers.add(authorId);
      };
      await write(demo.question, "question", null);
      for (const answer of demo.answers) {
        await write(answer, "answer", null);
        for (const comment of answer.comments ?? []) await write(comment, "comment", answer.id);
      }
      if (demo.acceptedAnswerId) await tx.thread.update({ where: { id: demo.id }, data: { acceptedPostId: demo.acceptedAnswerId } });
      for (const userId of followers) await tx.threadFollow.create({ data: { threadId: demo.id, userId } });
    });
    created.push(`diskussionstråd ${demo.slug}`);
  }
}
