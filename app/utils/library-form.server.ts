import { json } from "@remix-run/node";
import type { z } from "zod";
import { formValues, parseForm, type FieldErrors } from "./forms";
import { badRequest } from "./http.server";

/**
 * Shared by the case and article editors: "Förhandsgranska" sends the form back
 * unsaved with the text rendered by renderPreview (app/models/preview.server.ts);
 * otherwise the form is parsed with its zod schema. Both answers carry the
 * values and the ticked tags, to refill the form.
 */
const editorTags = (formData: FormData) =>
  formData
    .getAll("tags")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 50);

/** The editor's failure: badRequest with the ticked tags beside the values. */
export function editorFailure(formData: FormData, errors: FieldErrors) {
  return badRequest(errors, formValues(formData), { extra: { tags: editorTags(formData), preview: null as string | null } });
}

/** The editor's Markdown text, for renderPreview. */
export function editorBody(formData: FormData): string {
  const body = formData.get("bodyMd");
  return typeof body === "string" ? body : "";
}

/** "Förhandsgranska": the rendered text, or its field's error (400). */
export function previewAnswer(formData: FormData, preview: { ok: true; html: string } | { ok: false; message: string }) {
  if (!preview.ok) return editorFailure(formData, { bodyMd: preview.message });
  return json({ ok: true as const, values: formValues(formData), tags: editorTags(formData), preview: preview.html });
}

export function parseEditorForm<S extends z.ZodTypeAny>(schema: S, formData: FormData) {
  return parseForm(schema, formData, ["tags"]);
}
