import { json, type HeadersFunction } from "@remix-run/node";
import type { FieldErrors } from "./forms";

/** Answers that routes give: a form's 400 with its field errors, and the 429s of the rate limits (app/models/rate-limit.server.ts). */

/** A form's validation answer: field errors (and the values to refill) with status 400. */
export function badRequest(errors: FieldErrors, values: Record<string, string> = {}) {
  return json({ ok: false as const, errors, values }, { status: 400 });
}

/** "För många försök. Vänta 15 minuter och försök igen." (whole hours from two hours up) */
export function rateLimitMessage(result: { retryAfterSeconds: number }): string {
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  if (minutes > 90) return `För många försök. Vänta ${Math.ceil(minutes / 60)} timmar och försök igen.`;
  return `För många försök. Vänta ${minutes} ${minutes === 1 ? "minut" : "minuter"} och försök igen.`;
}

export function rateLimitHeaders(result: { retryAfterSeconds: number }): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterSeconds))) };
}

/**
 * A plain 429 answer. Form actions usually do better to show rateLimitMessage() in the
 * form's error summary with status 429 and rateLimitHeaders().
 */
export function rateLimitResponse(result: { retryAfterSeconds: number }): Response {
  return new Response(rateLimitMessage(result), {
    status: 429,
    headers: { ...rateLimitHeaders(result), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
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
