import { json } from "@remix-run/node";
import type { z } from "zod";
import { formValues, parseForm } from "./forms";

/**
 * Shared by the case and article editors: "Förhandsgranska" sends the form back
 * unsaved with the text rendered by renderPreview (app/models/preview.server.ts);
 * otherwise the form is parsed with its zod schema.
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

/** The editor's Markdown text, for renderPreview. */
export function editorBody(formData: FormData): string {
  const body = formData.get("bodyMd");
  return typeof body === "string" ? body : "";
}

/** "Förhandsgranska": the rendered text, or its field's error (400). */
export function previewAnswer(formData: FormData, preview: { ok: true; html: string } | { ok: false; message: string }) {
  return preview.ok ? editorAnswer(formData, { preview: preview.html }, 200) : editorAnswer(formData, { errors: { bodyMd: preview.message } });
}

export function parseEditorForm<S extends z.ZodTypeAny>(schema: S, formData: FormData) {
  return parseForm(schema, formData, ["tags"]);
}
