import crypto from "node:crypto";
import { hit, pruneRateLimits, resetRateLimit, type RateLimitResult, type RateLimitRule } from "~/models/rate-limit.server";

/** Every named limit of the site, in one place. */
export const RATE_LIMITS = {
  loginAccount: { limit: 10, windowSeconds: 15 * 60 },
  loginIp: { limit: 50, windowSeconds: 15 * 60 },
  signupIp: { limit: 5, windowSeconds: 60 * 60 },
  resetIp: { limit: 5, windowSeconds: 60 * 60 },
  resendVerificationIp: { limit: 3, windowSeconds: 60 * 60 },
  contactIp: { limit: 5, windowSeconds: 60 * 60 },
  postingUser: { limit: 10, windowSeconds: 10 * 60 },
  // Every "Förhandsgranska" renders Markdown: limited per member like posting (app/utils/preview.server.ts).
  previewUser: { limit: 30, windowSeconds: 10 * 60 },
  flagUser: { limit: 10, windowSeconds: 60 * 60 },
  // Stricter, on top of postingUser, for new accounts (see isNewMember in app/models/post.server.ts).
  postingNewMember: { limit: 3, windowSeconds: 30 * 60 },
  secondFactorUser: { limit: 10, windowSeconds: 15 * 60 },
  // Generous: a whole municipality often reaches us from one NAT address.
  registrationIp: { limit: 300, windowSeconds: 10 * 60 },
  invitationIp: { limit: 10, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * The stored key. The subject (an IP, an email address, a user id) is hashed so the
 * RateLimit table holds no personal data in clear text.
 */
export function rateLimitKey(name: RateLimitName, subject: string): string {
  const digest = crypto.createHash("sha256").update(subject.trim().toLowerCase()).digest("hex").slice(0, 32);
  return `${name}:${digest}`;
}

/** Counts one attempt against a named limit, e.g. `checkRateLimit("signupIp", context.clientIp)`. */
export function checkRateLimit(name: RateLimitName, subject: string, now?: Date): Promise<RateLimitResult> {
  return hit(rateLimitKey(name, subject), RATE_LIMITS[name], now);
}

/** Clears a named limit for a subject, e.g. the account's login counter after a good login. */
export function clearRateLimit(name: RateLimitName, subject: string) {
  return resetRateLimit(rateLimitKey(name, subject));
}

/** "För många försök. Vänta 15 minuter och försök igen." */
export function rateLimitMessage(result: Pick<RateLimitResult, "retryAfterSeconds">): string {
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
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

/** Background job: drops finished windows once an hour. Returns its stop function. */
export function startRateLimitPruner(intervalMs = 60 * 60_000): () => Promise<void> {
  const longestWindow = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds));
  let inFlight: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = pruneRateLimits({ olderThanSeconds: longestWindow })
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
