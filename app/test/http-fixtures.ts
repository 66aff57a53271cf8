// Members, sessions and form posts for tests that talk HTTP to the production
// build (app/test/app-server.ts). Rows are written straight to the server's
// database with one SQL text for SQLite and PostgreSQL (app/test/test-sql.ts).
import crypto from "node:crypto";
import type { AppServer } from "./app-server";
import { testQuery } from "./test-sql";

export type TestMember = { id: string; email: string; cookie: string };

export type MemberOptions = {
  role?: "member" | "moderator" | "organizer" | "admin";
  email?: string;
  municipalityCode?: string | null;
  /** Verified affiliation with the municipality (ADR 012); "verified" unless told. */
  affiliation?: "none" | "pending" | "verified" | "rejected";
  emailVerified?: boolean;
  passwordHash?: string | null;
  suspendedUntil?: Date | null;
  totpEnabled?: boolean;
  /** Without a session the member has no cookie (for login tests). */
  session?: boolean;
};

type Value = string | number | null | Date;

export function httpFixtures(app: () => AppServer) {
  const sql = <T = Record<string, unknown>>(text: string, params: Value[] = []) => testQuery<T>(app().databaseUrl, text, params);

  async function member(options: MemberOptions = {}): Promise<TestMember> {
    const id = `h${crypto.randomBytes(8).toString("hex")}`;
    const email = options.email ?? `${id}@test.example`;
    const now = new Date();
    const affiliation = options.affiliation ?? "verified";
    await sql(
      `INSERT INTO "User" ("id", "email", "name", "handle", "title", "role", "emailVerifiedAt", "passwordHash", "municipalityCode",
         "affiliationStatus", "affiliationVerifiedAt", "affiliationVerifiedBy", "suspendedUntil", "totpSecret", "totpEnabledAt", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        email,
        `Person ${id.slice(-4)}`,
        id,
        options.role ?? "member",
        options.emailVerified === false ? null : now,
        options.passwordHash ?? null,
        options.municipalityCode === undefined ? "2081" : options.municipalityCode,
        affiliation,
        affiliation === "verified" ? now : null,
        affiliation === "verified" ? "organizer" : null,
        options.suspendedUntil ?? null,
        options.totpEnabled ? "inte-en-riktig-nyckel" : null,
        options.totpEnabled ? now : null,
        now,
        now,
      ],
    );
    if (options.session === false) return { id, email, cookie: "" };
    const token = crypto.randomBytes(25).toString("hex");
    const later = (days: number) => new Date(Date.now() + days * 86_400_000);
    await sql(`INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "twoFactorVerified", "createdAt") VALUES (?, ?, ?, ?, true, ?)`, [
      crypto.createHash("sha256").update(token).digest("hex"),
      id,
      later(7),
      later(30),
      now,
    ]);
    return { id, email, cookie: `kf_session=${token}` };
  }

  type RequestOptions = { cookie?: string; ip?: string };
  const headers = ({ cookie, ip }: RequestOptions) => ({
    ...(cookie ? { Cookie: cookie } : {}),
    // Honoured when the server runs with TRUST_PROXY=1.
    ...(ip ? { "X-Forwarded-For": ip } : {}),
  });

  const get = (path: string, options: RequestOptions = {}) => fetch(`${app().url}${path}`, { redirect: "manual", headers: headers(options) });

  const post = (path: string, body: Record<string, string>, options: RequestOptions = {}) =>
    fetch(`${app().url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app().url, ...headers(options) },
      body: new URLSearchParams(body).toString(),
    });

  return { sql, member, get, post };
}

/** The session cookie a response sets ("kf_session=…"), or "". */
export function sessionCookie(response: Response): string {
  const match = /(?:^|,\s*)(kf_session=[^;]*)/.exec(response.headers.get("set-cookie") ?? "");
  return match?.[1] ?? "";
}
