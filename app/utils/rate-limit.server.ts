import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import { json, type HeadersFunction } from "@remix-run/node";
import { giveBack, hit, hitAll, peek, resetRateLimit, type RateLimitResult, type RateLimitRule } from "~/models/rate-limit.server";

/** Every named limit of the site, in one place (login and two-factor attempts: ATTEMPT_LIMITS below). */
export const RATE_LIMITS = {
  signupIp: { limit: 5, windowSeconds: 60 * 60 },
  resetIp: { limit: 5, windowSeconds: 60 * 60 },
  // Reset mails to one address: counted for known and unknown addresses alike (same work, same time).
  resetAccount: { limit: 3, windowSeconds: 60 * 60 },
  resendVerificationIp: { limit: 3, windowSeconds: 60 * 60 },
  contactIp: { limit: 5, windowSeconds: 60 * 60 },
  postingUser: { limit: 10, windowSeconds: 10 * 60 },
  // Every "Förhandsgranska" renders Markdown: limited per member like posting (app/utils/preview.server.ts).
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
export function checkRateLimit(name: RateLimitName, subject: string, now?: Date, db?: Prisma.TransactionClient): Promise<RateLimitResult> {
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

/** "För många försök. Vänta 15 minuter och försök igen." (whole hours from two hours up) */
export function rateLimitMessage(result: Pick<RateLimitResult, "retryAfterSeconds">): string {
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  if (minutes > 90) return `För många försök. Vänta ${Math.ceil(minutes / 60)} timmar och försök igen.`;
  return `För många försök. Vänta ${minutes} ${minutes === 1 ? "minut" : "minuter"} och försök igen.`;
}

export function rateLimitHeaders(result: Pick<RateLimitResult, "retryAfterSeconds">): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterSeconds))) };
}

/**
 * A plain 429 answer. Form actions usually do better to show rateLimitMessage() in the
 * form's error summary with status 429 and rateLimitHeaders().
 */
export function rateLimitResponse(result: Pick<RateLimitResult, "retryAfterSeconds">): Response {
  return new Response(rateLimitMessage(result), {
    status: 429,
    headers: { ...rateLimitHeaders(result), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
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

/** A form's answer to a refused attempt: the message in the error summary, 429 and Retry-After. */
export function tooManyAttempts(refused: { retryAfterSeconds: number }, values: Record<string, string> = {}) {
  return json(
    { ok: false as const, errors: { form: rateLimitMessage(refused) } as Record<string, string>, values },
    { status: 429, headers: { ...rateLimitHeaders(refused), "Cache-Control": "no-store" } },
  );
}

/**
 * A route's `headers` export for forms that answer with tooManyAttempts(): a
 * document response takes its headers from here, not from the action, so the
 * Retry-After is passed on explicitly (the parent's headers are kept).
 */
export const passRetryAfter: HeadersFunction = ({ parentHeaders, actionHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
