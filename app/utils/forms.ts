import type { z } from "zod";

/**
 * Form parsing shared by every action: a zod schema per form gives either typed
 * data or Swedish messages per field, which the action returns with status 400.
 */
export type FieldErrors = Record<string, string>;

/** Values to refill a form with; a checkbox group is an array. */
export type FormValues = Record<string, string | string[]>;

/**
 * The one failure answer of a form action (badRequest in utils/http.server.ts
 * builds it): which of the page's forms failed (`intent`, and `target` when that
 * form stands once per row), a message per field and the values to refill.
 */
export type FormFailure<V extends FormValues = Record<string, string>> = {
  ok: false;
  intent?: string;
  target?: string;
  errors: FieldErrors;
  values: V;
};

/**
 * The failure in an action's answer (useActionData), or undefined; given intents,
 * only a failure of one of them, so each form of a page shows its own errors.
 */
export function failureOf<T>(data: T | undefined, ...intents: string[]): Extract<T, { ok: false }> | undefined {
  if (typeof data !== "object" || data === null || (data as { ok?: unknown }).ok !== false) return undefined;
  const failure = data as Extract<T, { ok: false }> & { intent?: unknown };
  if (intents.length && !intents.includes(String(failure.intent ?? ""))) return undefined;
  return failure;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // Passwords are never echoed back into the form.
    if (typeof value === "string" && !/password|losenord|token/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * Errors of a form that stands once per row, named after that row's fields
 * (`reason` → `reason-<row>`), so the error summary links to the right field.
 */
export function rowFieldErrors(errors: FieldErrors, row: string, fields: readonly string[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [fields.includes(field) ? `${field}-${row}` : field, message]));
}

/** Multi-value fields (checkbox groups) come back as arrays; everything else as its last value. */
export function formToObject(formData: FormData, arrayFields: readonly string[] = []): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    object[key] = arrayFields.includes(key) ? all : all.at(-1);
  }
  return object;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: readonly string[] = []): FormResult<z.infer<S>> {
  const result = schema.safeParse(formToObject(formData, arrayFields));
  if (result.success) return { ok: true, data: result.data };
  const found: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    found[field] ??= issue.message;
  }
  return { ok: false, errors: inFieldOrder(found, formData), values: formValues(formData) };
}

/**
 * The errors in the order of the form's fields (the order the browser sends them
 * in), so the error summary lists them top to bottom; a field that sent nothing
 * (an unticked box, a radio group with no choice) keeps its place among those
 * after the last field sent, and a `form` error comes first.
 */
export function inFieldOrder(errors: FieldErrors, formData: FormData): FieldErrors {
  const sent = [...new Set(formData.keys())];
  const rank = (field: string) => (field === "form" ? -1 : sent.includes(field) ? sent.indexOf(field) : sent.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
