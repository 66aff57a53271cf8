import { slugify } from "./slug";

/**
 * Mentions in discussions: every member has a handle derived from the name
 * ("Anna Öberg" -> "anna-oberg"), shown next to the name. Writing "@anna-oberg"
 * in a post notifies her. Plain text, so it works without JavaScript, and
 * unambiguous because handles are unique. Shared by server and browser code.
 */
export const HANDLE_MAX = 30;

/** The base handle for a name; the server adds a suffix when it is taken. */
export function handleBase(name: string): string {
  return slugify(name.replace(/['’]/g, ""), HANDLE_MAX) || "medlem";
}

// "@" not preceded by a letter, digit, "@", "." or "/" (so e-mail addresses and URLs
// do not count), then a handle: a-z, 0-9 and inner hyphens.
const MENTION = /(?<![\p{L}\p{N}@./_-])@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)/giu;

/** The distinct handles mentioned in a Markdown body, lower-cased, ignoring code. */
export function extractMentions(markdown: string): string[] {
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").replace(/`[^`\n]*`/g, " ");
  const found = new Set<string>();
  for (const m of withoutCode.matchAll(MENTION)) {
    const handle = m[1]!.toLowerCase();
    if (handle.length <= HANDLE_MAX + 8) found.add(handle);
  }
  return [...found];
}

export const mentionLabel = (handle: string) => `@${handle}`;
