import { json } from "@remix-run/node";
import type { z } from "zod";
import { formValues, parseForm } from "./forms";
import { renderPreview } from "./preview.server";

/**
 * Shared by the case and article editors: "Förhandsgranska" renders the posted
 * Markdown with the public pipeline and sends the form back unsaved; otherwise
 * the form is parsed with its zod schema.
 */
export type EditorActionData = {
  ok: false;
  errors: Record<string, string>;
  values: Record<string, string>;
  tags: string[];
  preview: string | null;
};

export function editorAnswer(formData: FormData, { errors = {}, preview = null }: { errors?: Record<string, string>; preview?: string | null }, status = 400) {
  const tags = formData.getAll("tags").filter((v): v is string => typeof v === "string").slice(0, 50);
  return json<EditorActionData>({ ok: false, errors, values: formValues(formData), tags, preview }, { status });
}

/** "Förhandsgranska": the rendered text, or its field's error (400); counts against the member's preview limit. */
export async function previewAnswer(formData: FormData, userId: string, kind: "caseBody" | "articleBody") {
  const body = formData.get("bodyMd");
  const preview = await renderPreview(userId, typeof body === "string" ? body : "", kind);
  return preview.ok ? editorAnswer(formData, { preview: preview.html }, 200) : editorAnswer(formData, { errors: { bodyMd: preview.message } });
}

export function parseEditorForm<S extends z.ZodTypeAny>(schema: S, formData: FormData) {
  return parseForm(schema, formData, ["tags"]);
}
