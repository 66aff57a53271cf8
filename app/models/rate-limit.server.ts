import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import { rateLimitResponse } from "~/utils/http.server";
import type { Db, Tx } from "./transaction.server";

/**
 * Rate limits, stored in the database: every named limit of the site, the
 * throttling of login and two-factor attempts, and the counters behind both (one
 * atomic statement per hit). The 429 answers are in app/utils/http.server.ts.
 */

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number; count: number };

// ---------------------------------------------------------------------------
// Named limits
// ---------------------------------------------------------------------------

/** Every named limit of the site, in one place (login and two-factor attempts: ATTEMPT_LIMITS below). */
export const RATE_LIMITS = {
  // Sign-up and Kontakt count only forms that passed validation (formRateLimit below):
  // a few per address or account, and a far higher ceiling per IP, since a whole
  // municipality often reaches us from one NAT address.
  signupAddress: { limit: 5, windowSeconds: 60 * 60 },
  signupIp: { limit: 100, windowSeconds: 60 * 60 },
  resetIp: { limit: 5, windowSeconds: 60 * 60 },
  // Reset mails to one address: counted for known and unknown addresses alike (same work, same time).
  resetAccount: { limit: 3, windowSeconds: 60 * 60 },
  resendVerificationIp: { limit: 3, windowSeconds: 60 * 60 },
  contactSender: { limit: 5, windowSeconds: 60 * 60 },
  contactIp: { limit: 100, windowSeconds: 60 * 60 },
  postingUser: { limit: 10, windowSeconds: 10 * 60 },
  // Every "Förhandsgranska" renders Markdown: limited per member like posting (app/models/preview.server.ts).
  previewUser: { limit: 30, windowSeconds: 10 * 60 },
  flagUser: { limit: 10, windowSeconds: 60 * 60 },
  // Stricter, on top of postingUser, for new accounts (see isNewMember in app/models/post.server.ts).
  postingNewMember: { limit: 3, windowSeconds: 30 * 60 },
  // Generous: a whole municipality often reaches us from one NAT address.
  registrationIp: { limit: 300, windowSeconds: 10 * 60 },
  invitationIp: { limit: 10, windowSeconds: 60 * 60 },
  // Mails caused by the registration form to one address (confirmation link, or the
  // links of an existing registration), whoever sends the form.
  registrationAddress: { limit: 3, windowSeconds: 60 * 60 },
  // Poll codes (/rosta): 28.6 M codes, so a miss is what a sweep produces. Misses are
  // limited (a typo now and then from a whole municipality behind one NAT address
  // fits well within it); every lookup counts against a far looser limit.
  pollCodeMissIp: { limit: 100, windowSeconds: 10 * 60 },
  pollCodeIp: { limit: 5000, windowSeconds: 10 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * The stored key. The subject (an IP, an email address, a user id) is hashed so the
 * RateLimit table holds no personal data in clear text.
 */
export function rateLimitKey(name: RateLimitName, subject: string): string {
  return `${name}:${digest(subject)}`;
}

function digest(subject: string): string {
  return crypto.createHash("sha256").update(subject.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * Counts one attempt against a named limit, e.g. `checkRateLimit("signupIp", context.clientIp)`.
 * `db`: a transaction client, to count inside that transaction.
 */
export function checkRateLimit(name: RateLimitName, subject: string, now?: Date, db?: Tx): Promise<RateLimitResult> {
  return hit(rateLimitKey(name, subject), RATE_LIMITS[name], now, db);
}

/**
 * Whether the next attempt would be allowed, without counting it. For limits that
 * count only failures: peek first, then checkRateLimit() when the attempt failed.
 */
export function peekRateLimit(name: RateLimitName, subject: string, now?: Date): Promise<RateLimitResult> {
  return peek(rateLimitKey(name, subject), RATE_LIMITS[name], now);
}

/** Clears a named limit for a subject, e.g. the account's login counter after a good login. */
export function clearRateLimit(name: RateLimitName, subject: string) {
  return resetRateLimit(rateLimitKey(name, subject));
}

/**
 * Counts one valid form against each of its limits (e.g. the sender's address and
 * the IP) in one transaction, and returns the longest wait of those exceeded, or
 * null. Call it after the form passed validation, so a mistyped form never counts,
 * and answer a refusal inside the form: `tooManyAttempts(refused, values)`.
 */
export async function formRateLimit(limits: [RateLimitName, string][], now = new Date()): Promise<{ retryAfterSeconds: number } | null> {
  const results = await hitAll(
    limits.map(([name, subject]) => ({ key: rateLimitKey(name, subject), rule: RATE_LIMITS[name] })),
    now,
  );
  const refused = results.filter((r) => !r.allowed);
  return refused.length ? { retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) } : null;
}

/** Counts an attempt and throws the 429 answer when the limit is reached (shown by the error boundary). */
export async function enforceRateLimit(name: RateLimitName, subject: string): Promise<void> {
  const result = await checkRateLimit(name, subject);
  if (!result.allowed) throw rateLimitResponse(result);
}

// ---------------------------------------------------------------------------
// Login and two-factor attempts: throttled, never locked (docs/decisions/012 and README)
// ---------------------------------------------------------------------------

/**
 * Each attempt counts, before the password or code is checked, against three
 * subjects, each with tiers of longer and longer windows:
 * - the address it comes from (whatever account it tries),
 * - the account (from whatever address),
 * - the account from this address.
 * Someone who keeps guessing thus waits longer and longer: Retry-After is that of
 * the longest tier exceeded (a minute, an hour, a day). The account's own tiers
 * refuse only addresses that have failed for it within the last day, so a
 * stranger's guessing never locks the owner out of a fresh address (OWASP,
 * Authentication Cheat Sheet: account lockout). A success gives its count back,
 * so only failures add up.
 */
export const ATTEMPT_LIMITS = {
  login: {
    address: [
      { limit: 50, windowSeconds: 15 * 60 },
      { limit: 200, windowSeconds: 24 * 3600 },
    ],
    account: [
      { limit: 10, windowSeconds: 15 * 60 },
      { limit: 100, windowSeconds: 24 * 3600 },
    ],
    accountFromAddress: [
      { limit: 5, windowSeconds: 60 },
      { limit: 10, windowSeconds: 3600 },
      { limit: 20, windowSeconds: 24 * 3600 },
    ],
  },
  secondFactor: {
    address: [
      { limit: 20, windowSeconds: 15 * 60 },
      { limit: 100, windowSeconds: 24 * 3600 },
    ],
    account: [
      { limit: 10, windowSeconds: 15 * 60 },
      { limit: 50, windowSeconds: 24 * 3600 },
    ],
    accountFromAddress: [
      { limit: 5, windowSeconds: 60 },
      { limit: 10, windowSeconds: 3600 },
      { limit: 20, windowSeconds: 24 * 3600 },
    ],
  },
} as const satisfies Record<string, Record<"address" | "account" | "accountFromAddress", readonly RateLimitRule[]>>;

export type AttemptKind = keyof typeof ATTEMPT_LIMITS;
type Scope = keyof (typeof ATTEMPT_LIMITS)[AttemptKind];
const SCOPES: Scope[] = ["address", "account", "accountFromAddress"];

export type Attempt = { allowed: true; succeeded: () => Promise<void> } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a login (or two-factor) attempt; call `succeeded()` when the password (or
 * code) was right. `account` is the typed address or the user id, `address` the
 * client IP. Known and unknown accounts cost the same.
 */
export async function beginAttempt(kind: AttemptKind, { account, address }: { account: string; address: string }, now = new Date()): Promise<Attempt> {
  const subjects: Record<Scope, string> = { address, account, accountFromAddress: `${account}\n${address}` };
  const tiers = SCOPES.flatMap((scope) =>
    ATTEMPT_LIMITS[kind][scope].map((rule) => ({ scope, rule, key: `${kind}:${scope}:${rule.windowSeconds}:${digest(subjects[scope])}` })),
  );
  const results = await hitAll(tiers, now);
  const counted = tiers.map((tier, i) => ({ ...tier, result: results[i]! }));
  // This address had not tried this account within the longest window before now.
  const fresh = counted.filter((c) => c.scope === "accountFromAddress").at(-1)!.result.count === 1;
  const refusals = counted.filter((c) => !c.result.allowed && !(c.scope === "account" && fresh));
  if (refusals.length) return { allowed: false, retryAfterSeconds: Math.max(...refusals.map((c) => c.result.retryAfterSeconds)) };
  return {
    allowed: true,
    succeeded: async () => {
      await giveBack(counted.filter((c) => c.scope !== "accountFromAddress").map((c) => c.key));
      await resetRateLimit(counted.filter((c) => c.scope === "accountFromAddress").map((c) => c.key));
    },
  };
}

const attemptRules = Object.values(ATTEMPT_LIMITS).flatMap((kind) => Object.values(kind).flat());

/** The longest window of any rule: older windows are finished (see pruneRateLimits). */
export const LONGEST_WINDOW_SECONDS = Math.max(...[...Object.values(RATE_LIMITS), ...attemptRules].map((r) => r.windowSeconds));

// ---------------------------------------------------------------------------
// The counters
// ---------------------------------------------------------------------------

/**
 * Counts one attempt for `key` in a fixed window and says whether it is allowed.
 * Atomic across requests and processes: the count is changed and read back in one
 * statement, so 50 parallel hits with limit 10 let exactly 10 through. Pass a
 * transaction client to count inside another change's transaction.
 */
export async function hit(key: string, rule: RateLimitRule, now: Date = new Date(), db: Db = prisma): Promise<RateLimitResult> {
  return toResult(await incrementWindow(key, now, rule, db), rule, now);
}

/**
 * Counts one attempt against several keys at once, in one transaction: one commit
 * (one fsync on SQLite) instead of one per key, e.g. the seven tiers of a login.
 */
export async function hitAll(entries: { key: string; rule: RateLimitRule }[], now: Date = new Date()): Promise<RateLimitResult[]> {
  const rows = await prisma.$transaction(entries.map(({ key, rule }) => incrementWindow(key, now, rule)));
  return rows.map((row, i) => toResult(row, entries[i]!.rule, now));
}

type WindowRow = { count: number | bigint; windowStart: Date | string };

function toResult(rows: WindowRow[], rule: RateLimitRule, now: Date): RateLimitResult {
  const row = rows[0];
  if (!row) throw new Error("Räknaren för begränsningen kunde inte uppdateras");
  const count = Number(row.count);
  const allowed = count <= rule.limit;
  const resetsAt = new Date(row.windowStart).getTime() + rule.windowSeconds * 1000;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
    count, // this hit included
  };
}

/**
 * Whether the next attempt for `key` would be allowed, without counting it: for limits
 * that count only failures (see peekRateLimit above).
 */
export async function peek(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitResult> {
  const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  const resetsAt = row ? row.windowStart.getTime() + rule.windowSeconds * 1000 : 0;
  if (!row || resetsAt <= now.getTime()) return { allowed: true, remaining: rule.limit, retryAfterSeconds: 0, count: 0 };
  const allowed = row.count < rule.limit;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - row.count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
    count: row.count, // nothing counted by this call
  };
}

/**
 * The one raw statement of the rate limiter. Prisma's upsert is a read then a write,
 * which races under concurrency; INSERT … ON CONFLICT … DO UPDATE … RETURNING is a
 * single atomic statement with the same syntax on SQLite (3.35+) and PostgreSQL.
 * A window that started `windowSeconds` or more ago is over, so it restarts at 1.
 */
function incrementWindow(key: string, now: Date, rule: RateLimitRule, db: Db = prisma) {
  const expiredBefore = new Date(now.getTime() - rule.windowSeconds * 1000);
  return db.$queryRaw<WindowRow[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
}

/** Forgets keys, e.g. the login counter of an account from one address after a successful login. */
export async function resetRateLimit(keys: string | string[]) {
  await prisma.rateLimit.deleteMany({ where: { key: { in: typeof keys === "string" ? [keys] : keys } } });
}

/**
 * Takes one hit back from each key (never below zero), e.g. an attempt that was
 * counted before a password check that then succeeded. One statement per call,
 * atomic like hit().
 */
export async function giveBack(keys: string[]) {
  if (!keys.length) return;
  await prisma.rateLimit.updateMany({ where: { key: { in: keys }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** Removes windows older than `olderThanSeconds` (longer than every rule's window). */
export async function pruneRateLimits({ olderThanSeconds = 24 * 60 * 60, now = new Date() }: { olderThanSeconds?: number; now?: Date } = {}): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - olderThanSeconds * 1000) } },
  });
  return count;
}
