import { json, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import type { FieldErrors, FormFailure, FormValues } from "./forms";

/**
 * Answers that routes give: a form's failure (400, or the 403/429 of a refusal),
 * the 429s of the rate limits (app/models/rate-limit.server.ts), and the 404 of a
 * URL whose parameter cannot name anything.
 */

type FailureInit<M extends object> = {
  /** Which of the page's forms failed (the submit button's `intent`). */
  intent?: string;
  /** The row whose form failed, when that form stands once per row. */
  target?: string | null;
  /** 400 for what was typed; a refusal's own 403, 404, 409 or 429. */
  status?: number;
  headers?: HeadersInit;
  /** Data the page shows beside the failed form (e.g. similar threads). */
  extra?: M;
};

/**
 * A form's failure: field errors (and the values to refill) with status 400 unless
 * told otherwise, in the one shape pages read with failureOf() (utils/forms.ts).
 * The values' type is the default unless given: badRequest<EventFormValues>(…).
 */
export function badRequest<V extends FormValues = Record<string, string>, M extends object = Record<never, never>>(
  errors: FieldErrors,
  values: NoInfer<V> = {} as V,
  { intent, target, status = 400, headers, extra }: FailureInit<M> = {},
) {
  const failure: FormFailure<V> = { ok: false, errors, values };
  if (intent !== undefined) failure.intent = intent;
  if (target) failure.target = target;
  return json({ ...(extra as M), ...failure }, { status, headers });
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

/** A form's answer to a refused attempt: the message in the error summary (or by `field`), 429 and Retry-After. */
export function tooManyAttempts(refused: { retryAfterSeconds: number }, values: Record<string, string> = {}, field = "form") {
  return badRequest({ [field]: rateLimitMessage(refused) }, values, {
    status: 429,
    headers: { ...rateLimitHeaders(refused), "Cache-Control": "no-store" },
  });
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

/** The site's text for an address that names nothing (the error boundary shows its own heading). */
export const NOT_FOUND_TEXT = "Sidan finns inte";

/** A 404 to throw, in plain text so a resource route's answer reads the same. */
export function notFound(message: string = NOT_FOUND_TEXT): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The shapes of the values in our URLs: ids Prisma makes (cuid), slugs, and the
 * wider ids (letters, digits, _ and -) of rows that tests and imports name.
 */
export const PARAM_SHAPES = {
  cuid: /^[a-z0-9]{1,40}$/,
  slug: /^[a-z0-9-]{1,120}$/,
  id: /^[\w-]{1,64}$/,
} as const;
export type ParamShape = keyof typeof PARAM_SHAPES;

/** The value if it has the shape, else undefined (for optional query parameters). */
export function ofShape(value: string | null | undefined, shape: ParamShape): string | undefined {
  return value && PARAM_SHAPES[shape].test(value) ? value : undefined;
}

/**
 * A route parameter of the given shape, or a thrown 404 before any database
 * query; `message` is the 404's text where the route names the missing thing.
 */
export function requireParam(params: LoaderFunctionArgs["params"], name: string, shape: ParamShape, message?: string): string {
  const value = ofShape(params[name], shape);
  if (value === undefined) throw notFound(message);
  return value;
}
