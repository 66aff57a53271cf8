// Test data for the browser journeys, made in the Playwright worker by the app's
// own code (e2e/app-models.ts) on the e2e server's database, SQLite or PostgreSQL
// alike: sessions as a login starts them (Lucia), forums, cases, threads and
// registrations through the model functions the organizers' and members' forms
// call. Only what no form makes is written directly: a ready account, and the
// look-ups and clean-up of test data. Each helper notes what it made; the
// cleanUp functions remove it (call them in afterAll).
import crypto from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { connectE2eDatabase } from "./app-env";

type AppModels = typeof import("./app-models");
let loaded: Promise<AppModels> | undefined;

/** The app's modules, loaded at first use: Playwright also imports this file only to list the tests. */
function app(): Promise<AppModels> {
  loaded ??= (async () => {
    connectE2eDatabase();
    const models = await import("./app-models");
    await models.dbReady;
    return models;
  })();
  return loaded;
}

const randomTag = () => crypto.randomBytes(5).toString("hex");
const DAY = 24 * 3600_000;

type Role = "member" | "moderator" | "organizer" | "admin";
type UserOptions = {
  role?: Role;
  verified?: boolean;
  passwordHash?: string | null;
  affiliation?: "none" | "pending" | "verified" | "rejected";
};

export type TestUser = { id: string; email: string; name: string; cookie: { name: string; value: string } };

const createdUsers: string[] = [];

/**
 * A member of Borlänge with a confirmed address, as after sign-up and the
 * confirmation link; affiliation verified (as if an organizer approved it)
 * unless told otherwise (ADR 012). Admins have two-factor authentication on.
 */
async function createUser({ role = "member", verified = true, passwordHash = null, affiliation = verified ? "verified" : "none" }: UserOptions = {}) {
  const { prisma, uniqueHandle } = await app();
  const name = `Testperson ${randomTag()}`;
  const now = new Date();
  const user = await prisma.user.create({
    data: {
      email: `${name.replace(" ", "-").toLowerCase()}@e2e.example`,
      name,
      handle: await uniqueHandle(prisma, name),
      title: "Testare",
      role,
      emailVerifiedAt: verified ? now : null,
      passwordHash,
      municipalityCode: "2081",
      affiliationStatus: affiliation,
      affiliationVerifiedAt: affiliation === "verified" ? now : null,
      affiliationVerifiedBy: affiliation === "verified" ? "organizer" : null,
      totpEnabledAt: role === "admin" ? now : null,
    },
    select: { id: true, email: true, name: true },
  });
  createdUsers.push(user.id);
  return user;
}

/** A new user (see createUser) with a session, started the way a login starts it; its two-factor step counts as passed. */
export async function createUserWithSession(options: UserOptions = {}): Promise<TestUser> {
  const user = await createUser(options);
  const { startSession } = await app();
  const { cookie } = await startSession(user.id, { twoFactorVerified: true });
  // The Set-Cookie header's name=value, as the browser would keep it.
  const pair = cookie.split(";")[0]!;
  const eq = pair.indexOf("=");
  return { ...user, cookie: { name: pair.slice(0, eq), value: pair.slice(eq + 1) } };
}

/** A user (see createUser) who logs in through the form with this password. */
export async function createUserWithPassword(password: string, options: UserOptions = {}) {
  const { hashPassword } = await app();
  return createUser({ ...options, passwordHash: await hashPassword(password) });
}

/** Puts the user's session cookie in a browser context (plain http on localhost: no __Host- prefix). */
export async function logInAs(context: BrowserContext, user: TestUser, baseURL: string) {
  await context.addCookies([{ ...user.cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** What `npm run user:admin` does, for a journey that starts as a member. */
export async function promoteToAdmin(email: string) {
  const { promoteToAdmin } = await app();
  if (!(await promoteToAdmin(email))) throw new Error(`no account ${email} to promote`);
}

const createdCases: string[] = [];

export type TestCase = { id: string; slug: string; title: string };

/** A published case, saved and published as an organizer does in the case editor. */
export async function createPublishedCase({
  title,
  bodyMd,
  summary = "",
  municipalityCode = "2081",
}: {
  title: string;
  bodyMd: string;
  summary?: string;
  municipalityCode?: string | null;
}): Promise<TestCase> {
  const { caseSchema, createCase, setCaseStatus } = await app();
  const organizer = await createUser({ role: "organizer" });
  const input = caseSchema.parse({ title, slug: `e2e-case-${randomTag()}`, summary, bodyMd, municipalityCode: municipalityCode ?? "" });
  const saved = await createCase(organizer.id, input);
  if (!saved.ok) throw new Error(`createCase: ${saved.message}`);
  createdCases.push(saved.id);
  await setCaseStatus(saved.id, organizer.id, "published");
  return { id: saved.id, slug: saved.slug, title };
}

/** Removes the users and cases this worker made; threads the users started go with them (their posts cascade). */
export async function cleanUp() {
  const users = createdUsers.splice(0);
  const cases = createdCases.splice(0);
  if (!users.length && !cases.length) return;
  const { prisma } = await app();
  await prisma.thread.deleteMany({ where: { authorId: { in: users } } });
  await prisma.user.deleteMany({ where: { id: { in: users } } });
  await prisma.case.deleteMany({ where: { id: { in: cases } } });
}

const createdEvents: string[] = [];

/** A forum a journey made through the forms (its id from the admin address), removed by cleanUpEvents(). */
export function forgetEventLater(id: string) {
  createdEvents.push(id);
}

/** A webinar forum created and published as an organizer does (by a new organizer). Removed by cleanUpEvents(). */
async function createPublishedEvent(
  { slug, title, summary, startsAt, capacity, joinUrl }: { slug: string; title: string; summary: string; startsAt: Date; capacity: number; joinUrl: string },
  publishedAt = new Date(),
) {
  const { createEvent, eventSchema, publishEvent, toStockholmInputValue } = await app();
  const organizer = await createUser({ role: "organizer" });
  const input = eventSchema.parse({
    slug,
    title,
    summary,
    format: "webinar",
    joinUrl,
    capacity: String(capacity),
    startsAt: toStockholmInputValue(startsAt),
    endsAt: toStockholmInputValue(new Date(+startsAt + 90 * 60_000)),
  });
  const created = await createEvent(organizer.id, input);
  if (!created.ok) throw new Error(`createEvent: ${created.message}`);
  createdEvents.push(created.id);
  const published = await publishEvent(organizer.id, created.id, publishedAt);
  if (!published.ok) throw new Error(`publishEvent: ${published.message}`);
  return { id: created.id, slug: created.slug, title, startsAt: input.startsAt };
}

/** A small published forum two weeks ahead, for journeys that need a full event. Removed by cleanUpEvents(). */
export async function createSmallEvent({ capacity = 1, joinUrl = "https://meet.example/e2e" }: { capacity?: number; joinUrl?: string } = {}) {
  const tag = randomTag();
  const startsAt = new Date(Date.now() + 14 * DAY);
  const { id, slug } = await createPublishedEvent({
    slug: `e2e-forum-${tag}`,
    title: `Testforum ${tag}`,
    summary: "Ett litet testforum.",
    startsAt,
    capacity,
    joinUrl,
  });
  return { id, slug };
}

/**
 * A forum that ended `monthsAgo` months ago, with the people who registered a
 * week before it (registerForEvent takes the clock), for the retention journey.
 * Removed by cleanUpEvents().
 */
export async function createPastEventWithRegistrations({
  monthsAgo,
  people,
}: {
  monthsAgo: number;
  people: { name: string; email: string; municipalityCode: string }[];
}) {
  const tag = randomTag();
  const startsAt = new Date();
  startsAt.setMonth(startsAt.getMonth() - monthsAgo);
  const event = await createPublishedEvent(
    {
      slug: `e2e-gammalt-forum-${tag}`,
      title: `Gammalt testforum ${tag}`,
      summary: "Ett forum som var för länge sedan.",
      startsAt,
      capacity: 100,
      joinUrl: "https://meet.example/gammalt",
    },
    new Date(+startsAt - 30 * DAY),
  );
  const { registerForEvent } = await app();
  const registeredAt = new Date(+event.startsAt - 7 * DAY);
  for (const p of people) {
    const input = { eventId: event.id, ...p, title: "Analytiker", organisationName: "", userId: null, consentInvites: false };
    const result = await registerForEvent(input, registeredAt);
    if (result.outcome !== "confirmed") throw new Error(`registerForEvent ${p.email}: ${result.outcome}`);
  }
  return { id: event.id, slug: event.slug, title: event.title };
}

/** One confirmed registration for a forum, as its form and confirmation link make it. */
export async function registerSomeone(
  eventId: string,
  { name = `Deltagare ${randomTag()}`, municipalityCode = "2081" }: { name?: string; municipalityCode?: string } = {},
) {
  const { registerForEvent } = await app();
  const email = `${name.replace(/\s+/g, "-").toLowerCase()}@e2e.example`;
  const input = { eventId, name, email, municipalityCode, title: "Analytiker", organisationName: "", userId: null, consentInvites: false };
  const result = await registerForEvent(input, new Date());
  if (result.outcome !== "confirmed" && result.outcome !== "waitlisted") throw new Error(`registerForEvent ${email}: ${result.outcome}`);
  return { name, email, outcome: result.outcome };
}

export async function cleanUpEvents() {
  const events = createdEvents.splice(0);
  if (!events.length) return;
  const { prisma } = await app();
  await prisma.event.deleteMany({ where: { id: { in: events } } });
}

const createdThreads: string[] = [];

/**
 * A thread in the first category with a question by `askerId` and one answer by
 * `answererId`, asked and answered as members do (both follow it). Removed by
 * cleanUpThreads().
 */
export async function createThreadWithAnswer({
  askerId,
  answererId,
  answerMd = "Köp billiga klockor på klockor.example!",
}: {
  askerId: string;
  answererId: string;
  answerMd?: string;
}) {
  const { createAnswer, createThread, listCategories, threadHref } = await app();
  const [category] = await listCategories();
  const title = `Hur samlar ni in sensordata? (${randomTag()})`;
  const body = "Vi vill mäta temperatur i skolor. Hur har ni gjort?";
  const thread = await createThread({ authorId: askerId, categorySlug: category!.slug, title, body, tagSlugs: [] });
  createdThreads.push(thread.id);
  const answer = await createAnswer({ threadId: thread.id, authorId: answererId, body: answerMd });
  return { threadId: thread.id, slug: thread.slug, title, questionId: thread.postId, answerId: answer.id, href: threadHref(thread) };
}

export async function cleanUpThreads() {
  const threads = createdThreads.splice(0);
  if (!threads.length) return;
  const { prisma } = await app();
  await prisma.thread.deleteMany({ where: { id: { in: threads } } });
}

/** A post's moderation state, as the moderator's page reads it: hidden or not, and its flags. */
export async function postModerationState(postId: string) {
  const { getPostForModeration } = await app();
  const post = await getPostForModeration(postId);
  if (!post) throw new Error(`no post ${postId}`);
  return { hiddenAt: post.hiddenAt, hiddenReason: post.hiddenReason, flags: post.flags.map(({ status, reason }) => ({ status, reason })) };
}

/** Locks a discussion thread as a moderator does (a new moderator). */
export async function lockThread(threadId: string) {
  const { setThreadState } = await app();
  const moderator = await createUser({ role: "moderator" });
  const result = await setThreadState(moderator.id, threadId, "lock", "Låst av ett test");
  if (!result.ok) throw new Error(`setThreadState: ${result.message}`);
}

/** A seeded poll's ids by its code (e.g. the demo draft DATA7), for organizer pages. */
export async function findPoll(code: string): Promise<{ id: string; eventId: string }> {
  const { prisma } = await app();
  const poll = await prisma.poll.findUnique({ where: { code }, select: { id: true, eventId: true } });
  if (!poll) throw new Error(`no poll with code ${code}`);
  return poll;
}

/**
 * A poll on the forum `eventId`, saved and opened as an organizer does (by a new
 * organizer): one answer of the given options. Goes with its forum (cleanUpEvents()).
 */
export async function createOpenPoll(eventId: string, question: string, options: string[]): Promise<{ id: string; code: string }> {
  const { changePollState, createPoll, pollSchema } = await app();
  const organizer = await createUser({ role: "organizer" });
  const created = await createPoll(organizer.id, eventId, pollSchema.parse({ question, options: options.join("\n") }));
  if (!created.ok) throw new Error(`createPoll: ${created.message}`);
  const opened = await changePollState(organizer.id, eventId, created.id, "open");
  if (!opened.ok) throw new Error(`changePollState: ${opened.message}`);
  return { id: created.id, code: created.code };
}
