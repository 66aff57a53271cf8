import { MARKDOWN_LIMITS, tooLongMessage, type MarkdownKind } from "~/utils/markdown-limits";
import { renderForWrite } from "~/utils/markdown.server";
import { enforceRateLimit } from "./rate-limit.server";

/**
 * "Förhandsgranska" in every editor (questions, cases, articles, forums): counted
 * against the member's preview limit like posting (throws the 429 answer), refused
 * above the text's length limit, then rendered by the one Markdown pipeline.
 * A refusal is a Swedish message for the text's field, answered with a 400.
 */
export async function renderPreview(
  userId: string,
  markdown: string,
  kind: MarkdownKind,
): Promise<{ ok: true; html: string } | { ok: false; message: string }> {
  await enforceRateLimit("previewUser", userId);
  if (markdown.trim().length > MARKDOWN_LIMITS[kind]) return { ok: false, message: tooLongMessage(kind) };
  return renderForWrite(markdown);
}
