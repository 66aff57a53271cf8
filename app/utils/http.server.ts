import { json } from "@remix-run/node";
import type { FieldErrors } from "./forms";

/** A form's validation answer: field errors (and the values to refill) with status 400. */
export function badRequest(errors: FieldErrors, values: Record<string, string> = {}) {
  return json({ ok: false as const, errors, values }, { status: 400 });
}
