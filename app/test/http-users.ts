// Users and sessions written straight to a test server's database (SQLite or
// PostgreSQL, app/test/test-sql.ts), for tests that talk HTTP to the production
// build (app/test/app-server.ts) and need someone logged in without the form.
// The session row is what the app stores: the SHA-256 of the cookie's token.
import crypto from "node:crypto";
import type { Role } from "../utils/roles";
import { testQuery } from "./test-sql";

export type HttpUser = { id: string; email: string; role: Role; cookie: string };

const DAY = 24 * 3600 * 1000;

/** A new session for the user; returns the Cookie header value (plain http: kf_session). */
export async function createSession(databaseUrl: string, userId: string, { twoFactorVerified = true } = {}): Promise<string> {
  const token = crypto.randomBytes(25).toString("hex");
  const now = new Date();
  await testQuery(
    databaseUrl,
    `INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "twoFactorVerified", "createdAt") VALUES (?, ?, ?, ?, ${twoFactorVerified ? "true" : "false"}, ?)`,
    [sha256(token), userId, new Date(+now + 7 * DAY), new Date(+now + 30 * DAY), now],
  );
  return `kf_session=${token}`;
}

/**
 * A confirmed user of the given role with one session, from Borlänge (2081) when the
 * database has the reference data (a seeded one does).
 * Admins get two-factor authentication switched on (the app demands it), and the
 * session counts as having passed it, unless `totp: false`.
 */
export async function createUser(databaseUrl: string, role: Role = "member", { totp = role === "admin" } = {}): Promise<HttpUser> {
  const id = `h${crypto.randomBytes(10).toString("hex")}`;
  const email = `${id}@test.example`;
  const now = new Date();
  await testQuery(
    databaseUrl,
    `INSERT INTO "User" ("id", "email", "name", "handle", "title", "role", "emailVerifiedAt", "municipalityCode", "totpEnabledAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 'Testare', ?, ?, (SELECT "code" FROM "Municipality" WHERE "code" = '2081'), ?, ?, ?)`,
    [id, email, `Testperson ${id.slice(-4)}`, id, role, now, totp ? now : null, now, now],
  );
  return { id, email, role, cookie: await createSession(databaseUrl, id) };
}

/** The session cookie's token (the part after "kf_session="). */
export const tokenOf = (cookie: string) => cookie.split(";")[0]!.split("=")[1]!;

/** Whether the session behind a cookie is still stored. */
export async function sessionExists(databaseUrl: string, cookie: string): Promise<boolean> {
  const rows = await testQuery<{ n: number }>(databaseUrl, `SELECT count(*) AS "n" FROM "Session" WHERE "id" = ?`, [sha256(tokenOf(cookie))]);
  return Number(rows[0]!.n) > 0;
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
