import type { z } from "zod";

/**
 * Form parsing shared by every action: a zod schema per form gives either typed
 * data or Swedish messages per field, which the action returns with status 400.
 */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // Passwords are never echoed back into the form.
    if (typeof value === "string" && !/password|losenord|token/i.test(key)) values[key] = value;
  }
  return values;
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

export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
  arrayFields: readonly string[] = [],
): FormResult<z.infer<S>> {
  const result = schema.safeParse(formToObject(formData, arrayFields));
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(formData) };
}
