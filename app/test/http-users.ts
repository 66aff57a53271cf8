// Users and sessions written straight to a test server's database (SQLite or
// PostgreSQL, app/test/test-sql.ts), for tests that talk HTTP to the production
// build (app/test/app-server.ts) and need someone logged in without the form.
// The session row is what the app stores: the SHA-256 of the cookie's token.
// app/test/http-fixtures.ts wraps these for one server.
import crypto from "node:crypto";
import type { Role } from "../utils/roles";
import { testQuery } from "./test-sql";

export type HttpUser = { id: string; email: string; role: Role; cookie: string };

export type UserOptions = {
  role?: Role;
  email?: string;
  /** Borlänge (2081) unless told; none when the database has no reference data (not seeded). */
  municipalityCode?: string | null;
  /** Verified affiliation with the municipality (ADR 012); "verified" unless told. */
  affiliation?: "none" | "pending" | "verified" | "rejected";
  emailVerified?: boolean;
  passwordHash?: string | null;
  suspendedUntil?: Date | null;
  /** Two-factor authentication on; admins have it unless told (the app demands it). */
  totpEnabled?: boolean;
  /** Without a session the user has no cookie (for login tests). */
  session?: boolean;
};

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

/** A confirmed user with one session whose session counts as having passed two-factor authentication. */
export async function createUser(databaseUrl: string, options: UserOptions = {}): Promise<HttpUser> {
  const id = `h${crypto.randomBytes(10).toString("hex")}`;
  const email = options.email ?? `${id}@test.example`;
  const role = options.role ?? "member";
  const totp = options.totpEnabled ?? role === "admin";
  const affiliation = options.affiliation ?? "verified";
  const now = new Date();
  await testQuery(
    databaseUrl,
    `INSERT INTO "User" ("id", "email", "name", "handle", "title", "role", "emailVerifiedAt", "passwordHash", "municipalityCode",
       "affiliationStatus", "affiliationVerifiedAt", "affiliationVerifiedBy", "suspendedUntil", "totpSecret", "totpEnabledAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 'Testare', ?, ?, ?, (SELECT "code" FROM "Municipality" WHERE "code" = ?), ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      email,
      `Testperson ${id.slice(-4)}`,
      id,
      role,
      options.emailVerified === false ? null : now,
      options.passwordHash ?? null,
      options.municipalityCode === undefined ? "2081" : options.municipalityCode,
      affiliation,
      affiliation === "verified" ? now : null,
      affiliation === "verified" ? "organizer" : null,
      options.suspendedUntil ?? null,
      totp ? "inte-en-riktig-nyckel" : null,
      totp ? now : null,
      now,
      now,
    ],
  );
  const cookie = options.session === false ? "" : await createSession(databaseUrl, id);
  return { id, email, role, cookie };
}

/** The session cookie's token (the part after "kf_session="). */
export const tokenOf = (cookie: string) => cookie.split(";")[0]!.split("=")[1]!;

/** Whether the session behind a cookie is still stored. */
export async function sessionExists(databaseUrl: string, cookie: string): Promise<boolean> {
  const rows = await testQuery<{ n: number }>(databaseUrl, `SELECT count(*) AS "n" FROM "Session" WHERE "id" = ?`, [sha256(tokenOf(cookie))]);
  return Number(rows[0]!.n) > 0;
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
