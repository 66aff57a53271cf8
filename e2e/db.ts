// Test users and sessions written straight to the e2e database, so journeys that
// need a logged-in member, organizer or admin skip the login form. Each call
// makes a unique user; cleanUp() removes what this worker made.
// The SQL runs unchanged on SQLite and PostgreSQL (e2e/sql.ts).
import crypto from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { renderWithinBudget } from "../app/utils/markdown-render.server";
import { all, get, run } from "./sql";

type Role = "member" | "moderator" | "organizer" | "admin";

export type TestUser = { id: string; email: string; name: string; sessionToken: string };

const created: string[] = [];

export function createUserWithSession({
  role = "member",
  verified = true,
  passwordHash = null,
  affiliation = verified ? "verified" : "none",
}: { role?: Role; verified?: boolean; passwordHash?: string | null; affiliation?: "none" | "pending" | "verified" | "rejected" } = {}): TestUser {
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  const email = `${id}@e2e.example`;
  const name = `Testperson ${id.slice(-4)}`;
  const now = new Date();
  // Admins must have two-factor authentication; the session counts as having passed it.
  const totpEnabledAt = role === "admin" ? now : null;
  run(
    // A member of Borlänge; verified (as if an organizer approved it) unless told otherwise (ADR 012).
    `INSERT INTO "User" ("id", "email", "name", "title", "role", "emailVerifiedAt", "passwordHash", "municipalityCode", "affiliationStatus", "affiliationVerifiedAt", "affiliationVerifiedBy", "totpEnabledAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 'Testare', ?, ?, ?, '2081', ?, ?, ?, ?, ?, ?)`,
    id, email, name, role, verified ? now : null, passwordHash, affiliation,
    affiliation === "verified" ? now : null, affiliation === "verified" ? "organizer" : null, totpEnabledAt, now, now,
  );
  const sessionToken = crypto.randomBytes(25).toString("hex");
  const day = 24 * 3600 * 1000;
  run(
    `INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "twoFactorVerified", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
    crypto.createHash("sha256").update(sessionToken).digest("hex"), id, new Date(+now + 7 * day), new Date(+now + 30 * day), true, now,
  );
  created.push(id);
  return { id, email, name, sessionToken };
}

/** Puts the user's session cookie in a browser context (plain http on localhost: no __Host- prefix). */
export async function logInAs(context: BrowserContext, user: TestUser, baseURL: string) {
  await context.addCookies([{ name: "kf_session", value: user.sessionToken, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export function countSessions(userId: string): number {
  return Number(get<{ n: number }>(`SELECT count(*) AS "n" FROM "Session" WHERE "userId" = ?`, userId)!.n);
}

/** The HTML the app stores with a text when it is written (ADR 011), from the same pipeline. */
function storedHtml(markdown: string): string {
  return renderWithinBudget(markdown, { siteOrigin: `http://localhost:${process.env.E2E_PORT ?? 3210}`, budgetMs: 5_000 }).html;
}

const createdCases: string[] = [];

export type TestCase = { id: string; slug: string; title: string };

/**
 * A published case written straight to the e2e database, as an organizer's
 * editor would leave it. The database's own triggers put it in the search index.
 */
export function createPublishedCase({
  title,
  bodyMd,
  summary = "",
  municipalityCode = "2081",
}: {
  title: string;
  bodyMd: string;
  summary?: string;
  municipalityCode?: string | null;
}): TestCase {
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  const slug = `e2e-case-${id.slice(-8)}`;
  const now = new Date();
  run(
    `INSERT INTO "Case" ("id", "slug", "title", "municipalityCode", "summary", "bodyMd", "bodyHtml", "status", "publishedAt", "lastReviewedAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
    id, slug, title, municipalityCode, summary, bodyMd, storedHtml(bodyMd), now, now, now, now,
  );
  createdCases.push(id);
  return { id, slug, title };
}

export function cleanUp() {
  // Discussion threads the test users started go with them (their posts cascade).
  for (const id of created.splice(0)) {
    run(`DELETE FROM "Thread" WHERE "authorId" = ?`, id);
    run(`DELETE FROM "User" WHERE "id" = ?`, id);
  }
  for (const id of createdCases.splice(0)) run(`DELETE FROM "Case" WHERE "id" = ?`, id);
}

/** What `npm run user:admin` does, for a journey that starts as a member. */
export function promoteToAdminInE2eDb(email: string) {
  run(`UPDATE "User" SET "role" = 'admin' WHERE "email" = ?`, email);
}

/** A small published forum two weeks ahead, for journeys that need a full event. Removed by cleanUpEvents(). */
const createdEvents: string[] = [];
export function createSmallEvent({ capacity = 1, joinUrl = "https://meet.example/e2e" }: { capacity?: number; joinUrl?: string } = {}) {
  const id = `e2eev${crypto.randomBytes(8).toString("hex")}`;
  const slug = `e2e-forum-${id.slice(-8)}`;
  const startsAt = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  const now = new Date();
  run(
    `INSERT INTO "Event" ("id", "slug", "title", "summary", "startsAt", "endsAt", "capacity", "seatsTaken", "status", "publishedAt", "joinUrl", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 'Ett litet testforum.', ?, ?, ?, 0, 'published', ?, ?, ?, ?)`,
    id, slug, `Testforum ${id.slice(-4)}`, startsAt, new Date(+startsAt + 90 * 60_000), capacity, now, joinUrl, now, now,
  );
  createdEvents.push(id);
  return { id, slug };
}

export function cleanUpEvents() {
  for (const id of createdEvents.splice(0)) run(`DELETE FROM "Event" WHERE "id" = ?`, id);
}

/**
 * A thread with a question by `askerId` and one answer by `answererId`, written
 * straight to the e2e database (both follow it, as the discussions model does).
 * Uses the first seeded category. Removed by cleanUpThreads().
 */
const createdThreads: string[] = [];
export function createThreadWithAnswer({ askerId, answererId, answerMd = "Köp billiga klockor på klockor.example!" }: { askerId: string; answererId: string; answerMd?: string }) {
  const now = new Date();
  const rid = () => `e2e${crypto.randomBytes(8).toString("hex")}`;
  const category = get<{ id: string }>(`SELECT "id" FROM "DiscussionCategory" ORDER BY "position" LIMIT 1`)!;
  const threadId = rid();
  const slug = `e2e-trad-${threadId.slice(-6)}`;
  const title = `Hur samlar ni in sensordata? (${threadId.slice(-4)})`;
  run(
    `INSERT INTO "Thread" ("id", "categoryId", "authorId", "title", "slug", "answerCount", "lastActivityAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    threadId, category.id, askerId, title, slug, now, now, now,
  );
  const questionId = rid();
  const answerId = rid();
  const insertPost = `INSERT INTO "Post" ("id", "threadId", "authorId", "kind", "bodyMd", "bodyHtml", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`;
  const questionMd = "Vi vill mäta temperatur i skolor. Hur har ni gjort?";
  run(insertPost, questionId, threadId, askerId, "question", questionMd, storedHtml(questionMd), now);
  run(insertPost, answerId, threadId, answererId, "answer", answerMd, storedHtml(answerMd), now);
  const follow = `INSERT INTO "ThreadFollow" ("threadId", "userId", "createdAt") VALUES (?, ?, ?)`;
  run(follow, threadId, askerId, now);
  run(follow, threadId, answererId, now);
  createdThreads.push(threadId);
  return { threadId, slug, title, questionId, answerId, href: `/diskussioner/${threadId}/${slug}` };
}

/** A post's moderation state: hidden or not, and its flags' statuses. */
export function postModerationState(postId: string) {
  const post = get<{ hiddenAt: string | null; hiddenReason: string | null }>(`SELECT "hiddenAt", "hiddenReason" FROM "Post" WHERE "id" = ?`, postId)!;
  const flags = all<{ status: string; reason: string }>(`SELECT "status", "reason" FROM "Flag" WHERE "postId" = ?`, postId);
  return { ...post, flags };
}

export function cleanUpThreads() {
  for (const id of createdThreads.splice(0)) run(`DELETE FROM "Thread" WHERE "id" = ?`, id);
}

/** Locks or unlocks a discussion thread, as a moderator would. */
export function setThreadLocked(threadId: string, locked: boolean) {
  run(`UPDATE "Thread" SET "locked" = ? WHERE "id" = ?`, locked, threadId);
}

/**
 * A forum that ended `monthsAgo` months ago, with registrations as people left
 * them (for the retention journey). Removed by cleanUpEvents().
 */
export function createPastEventWithRegistrations({
  monthsAgo,
  people,
}: {
  monthsAgo: number;
  people: { name: string; email: string; municipalityCode: string }[];
}) {
  const id = `e2eold${crypto.randomBytes(8).toString("hex")}`;
  const slug = `e2e-gammalt-forum-${id.slice(-8)}`;
  const startsAt = new Date();
  startsAt.setMonth(startsAt.getMonth() - monthsAgo);
  const endsAt = new Date(+startsAt + 90 * 60_000);
  const title = `Gammalt testforum ${id.slice(-4)}`;
  run(
    `INSERT INTO "Event" ("id", "slug", "title", "summary", "startsAt", "endsAt", "capacity", "seatsTaken", "status", "publishedAt", "joinUrl", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 'Ett forum som var för länge sedan.', ?, ?, 100, ?, 'published', ?, 'https://meet.example/gammalt', ?, ?)`,
    id, slug, title, startsAt, endsAt, people.length, startsAt, startsAt, startsAt,
  );
  for (const p of people) {
    run(
      `INSERT INTO "Registration" ("id", "eventId", "email", "name", "title", "municipalityCode", "status", "consentedAt", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, 'Analytiker', ?, 'confirmed', ?, ?, ?)`,
      `e2ereg${crypto.randomBytes(8).toString("hex")}`, id, p.email, p.name, p.municipalityCode, startsAt, startsAt, startsAt,
    );
  }
  createdEvents.push(id);
  return { id, slug, title };
}

/** A seeded poll's ids by its code (e.g. the demo draft DATA7), for organizer pages. */
export function findPoll(code: string): { id: string; eventId: string } {
  const row = get<{ id: string; eventId: string }>(`SELECT "id", "eventId" FROM "Poll" WHERE "code" = ?`, code);
  if (!row) throw new Error(`no poll with code ${code}`);
  return row;
}
