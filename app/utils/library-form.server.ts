import { json } from "@remix-run/node";
import type { z } from "zod";
import { formValues, parseForm } from "./forms";
import { renderMarkdown } from "./markdown.server";

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

export function previewAnswer(formData: FormData) {
  const body = formData.get("bodyMd");
  const markdown = typeof body === "string" ? body.slice(0, 100_000) : "";
  return editorAnswer(formData, { preview: renderMarkdown(markdown).html }, 200);
}

export function parseEditorForm<S extends z.ZodTypeAny>(schema: S, formData: FormData) {
  return parseForm(schema, formData, ["tags"]);
}
