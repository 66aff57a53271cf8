// Test users and sessions written straight to the e2e database, so journeys that
// need a logged-in member, organizer or admin skip the login form. Each call
// makes a unique user; cleanUp() removes what this worker made.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { BrowserContext } from "@playwright/test";
import { E2E_DB } from "./paths";

type Role = "member" | "moderator" | "organizer" | "admin";

// Prisma (with the better-sqlite3 adapter) stores DateTime as ISO text.
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

function open() {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON"); // so cleanUp() cascades to sessions
  return db;
}

export type TestUser = { id: string; email: string; name: string; sessionToken: string };

const created: string[] = [];

export function createUserWithSession({
  role = "member",
  verified = true,
  passwordHash = null,
}: { role?: Role; verified?: boolean; passwordHash?: string | null } = {}): TestUser {
  const db = open();
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  const email = `${id}@e2e.example`;
  const name = `Testperson ${id.slice(-4)}`;
  const now = new Date();
  // Admins must have two-factor authentication; the session counts as having passed it.
  const totpEnabledAt = role === "admin" ? iso(now) : null;
  db.prepare(
    `INSERT INTO "User" (id, email, name, title, role, emailVerifiedAt, passwordHash, municipalityCode, totpEnabledAt, createdAt, updatedAt)
     VALUES (?, ?, ?, 'Testare', ?, ?, ?, '2081', ?, ?, ?)`,
  ).run(id, email, name, role, verified ? iso(now) : null, passwordHash, totpEnabledAt, iso(now), iso(now));
  const sessionToken = crypto.randomBytes(25).toString("hex");
  const day = 24 * 3600 * 1000;
  db.prepare(
    `INSERT INTO "Session" (id, userId, expiresAt, absoluteExpiresAt, twoFactorVerified, createdAt) VALUES (?, ?, ?, ?, 1, ?)`,
  ).run(crypto.createHash("sha256").update(sessionToken).digest("hex"), id, iso(new Date(+now + 7 * day)), iso(new Date(+now + 30 * day)), iso(now));
  db.close();
  created.push(id);
  return { id, email, name, sessionToken };
}

/** Puts the user's session cookie in a browser context (plain http on localhost: no __Host- prefix). */
export async function logInAs(context: BrowserContext, user: TestUser, baseURL: string) {
  await context.addCookies([{ name: "kf_session", value: user.sessionToken, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export function countSessions(userId: string): number {
  const db = open();
  const row = db.prepare(`SELECT count(*) AS n FROM "Session" WHERE userId = ?`).get(userId) as { n: number };
  db.close();
  return row.n;
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
  const db = open();
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  const slug = `e2e-case-${id.slice(-8)}`;
  const now = iso(new Date());
  db.prepare(
    `INSERT INTO "Case" (id, slug, title, municipalityCode, summary, bodyMd, status, publishedAt, lastReviewedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
  ).run(id, slug, title, municipalityCode, summary, bodyMd, now, now, now, now);
  db.close();
  createdCases.push(id);
  return { id, slug, title };
}

export function cleanUp() {
  if (!created.length && !createdCases.length) return;
  const db = open();
  const del = db.prepare(`DELETE FROM "User" WHERE id = ?`);
  // Discussion threads the test users started go with them (their posts cascade).
  const delThreads = db.prepare(`DELETE FROM "Thread" WHERE authorId = ?`);
  for (const id of created.splice(0)) {
    delThreads.run(id);
    del.run(id);
  }
  const delCase = db.prepare(`DELETE FROM "Case" WHERE id = ?`);
  for (const id of createdCases.splice(0)) delCase.run(id);
  db.close();
}

/** What `npm run user:admin` does, for a journey that starts as a member. */
export function promoteToAdminInE2eDb(email: string) {
  const db = open();
  db.prepare(`UPDATE "User" SET role = 'admin' WHERE email = ?`).run(email);
  db.close();
}

/** A small published forum two weeks ahead, for journeys that need a full event. Removed by cleanUpEvents(). */
const createdEvents: string[] = [];
export function createSmallEvent({ capacity = 1, joinUrl = "https://meet.example/e2e" }: { capacity?: number; joinUrl?: string } = {}) {
  const db = open();
  const id = `e2eev${crypto.randomBytes(8).toString("hex")}`;
  const slug = `e2e-forum-${id.slice(-8)}`;
  const startsAt = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  const now = iso(new Date());
  db.prepare(
    `INSERT INTO "Event" (id, slug, title, summary, startsAt, endsAt, capacity, seatsTaken, status, publishedAt, joinUrl, createdAt, updatedAt)
     VALUES (?, ?, ?, 'Ett litet testforum.', ?, ?, ?, 0, 'published', ?, ?, ?, ?)`,
  ).run(id, slug, `Testforum ${id.slice(-4)}`, iso(startsAt), iso(new Date(+startsAt + 90 * 60_000)), capacity, now, joinUrl, now, now);
  db.close();
  createdEvents.push(id);
  return { id, slug };
}

export function cleanUpEvents() {
  if (!createdEvents.length) return;
  const db = open();
  const del = db.prepare(`DELETE FROM "Event" WHERE id = ?`);
  for (const id of createdEvents.splice(0)) del.run(id);
  db.close();
}

/**
 * A thread with a question by `askerId` and one answer by `answererId`, written
 * straight to the e2e database (both follow it, as the discussions model does).
 * Uses the first seeded category. Removed by cleanUpThreads().
 */
const createdThreads: string[] = [];
export function createThreadWithAnswer({ askerId, answererId, answerMd = "Köp billiga klockor på klockor.example!" }: { askerId: string; answererId: string; answerMd?: string }) {
  const db = open();
  const now = iso(new Date());
  const rid = () => `e2e${crypto.randomBytes(8).toString("hex")}`;
  const category = db.prepare(`SELECT id FROM "DiscussionCategory" ORDER BY position LIMIT 1`).get() as { id: string };
  const threadId = rid();
  const slug = `e2e-trad-${threadId.slice(-6)}`;
  const title = `Hur samlar ni in sensordata? (${threadId.slice(-4)})`;
  db.prepare(
    `INSERT INTO "Thread" (id, categoryId, authorId, title, slug, answerCount, lastActivityAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(threadId, category.id, askerId, title, slug, now, now, now);
  const questionId = rid();
  const answerId = rid();
  const insertPost = db.prepare(`INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  insertPost.run(questionId, threadId, askerId, "question", "Vi vill mäta temperatur i skolor. Hur har ni gjort?", now);
  insertPost.run(answerId, threadId, answererId, "answer", answerMd, now);
  const follow = db.prepare(`INSERT INTO "ThreadFollow" (threadId, userId, createdAt) VALUES (?, ?, ?)`);
  follow.run(threadId, askerId, now);
  follow.run(threadId, answererId, now);
  db.close();
  createdThreads.push(threadId);
  return { threadId, slug, title, questionId, answerId, href: `/diskussioner/${threadId}/${slug}` };
}

/** A post's moderation state: hidden or not, and its flags' statuses. */
export function postModerationState(postId: string) {
  const db = open();
  const post = db.prepare(`SELECT hiddenAt, hiddenReason FROM "Post" WHERE id = ?`).get(postId) as { hiddenAt: string | null; hiddenReason: string | null };
  const flags = db.prepare(`SELECT status, reason FROM "Flag" WHERE postId = ?`).all(postId) as { status: string; reason: string }[];
  db.close();
  return { ...post, flags };
}

export function cleanUpThreads() {
  if (!createdThreads.length) return;
  const db = open();
  const del = db.prepare(`DELETE FROM "Thread" WHERE id = ?`);
  for (const id of createdThreads.splice(0)) del.run(id);
  db.close();
}

/** Locks or unlocks a discussion thread, as a moderator would. */
export function setThreadLocked(threadId: string, locked: boolean) {
  const db = open();
  db.prepare(`UPDATE "Thread" SET locked = ? WHERE id = ?`).run(locked ? 1 : 0, threadId);
  db.close();
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
  const db = open();
  const id = `e2eold${crypto.randomBytes(8).toString("hex")}`;
  const slug = `e2e-gammalt-forum-${id.slice(-8)}`;
  const startsAt = new Date();
  startsAt.setMonth(startsAt.getMonth() - monthsAgo);
  const endsAt = new Date(+startsAt + 90 * 60_000);
  const title = `Gammalt testforum ${id.slice(-4)}`;
  db.prepare(
    `INSERT INTO "Event" (id, slug, title, summary, startsAt, endsAt, capacity, seatsTaken, status, publishedAt, joinUrl, createdAt, updatedAt)
     VALUES (?, ?, ?, 'Ett forum som var för länge sedan.', ?, ?, 100, ?, 'published', ?, 'https://meet.example/gammalt', ?, ?)`,
  ).run(id, slug, title, iso(startsAt), iso(endsAt), people.length, iso(startsAt), iso(startsAt), iso(startsAt));
  const insert = db.prepare(
    `INSERT INTO "Registration" (id, eventId, email, name, title, municipalityCode, status, consentedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'Analytiker', ?, 'confirmed', ?, ?, ?)`,
  );
  for (const p of people) insert.run(`e2ereg${crypto.randomBytes(8).toString("hex")}`, id, p.email, p.name, p.municipalityCode, iso(startsAt), iso(startsAt), iso(startsAt));
  db.close();
  createdEvents.push(id);
  return { id, slug, title };
}

/** A seeded poll's ids by its code (e.g. the demo draft DATA7), for organizer pages. */
export function findPoll(code: string): { id: string; eventId: string } {
  const db = open();
  const row = db.prepare(`SELECT id, eventId FROM "Poll" WHERE code = ?`).get(code) as { id: string; eventId: string } | undefined;
  db.close();
  if (!row) throw new Error(`no poll with code ${code}`);
  return row;
}
