const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths: "/forum" yes; "//evil.example", "https://evil.example",
 * "/\\evil.example" and anything with control characters no. Only printable
 * ASCII: a path this site links to is percent-encoded, and anything else
 * ("/。evil", U+2028, a space) is either read differently by a browser or cannot
 * go in a Location header at all (Node throws, which was a 500 after login).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[^\x21-\x7e]|\\/.test(to)) return fallback;
  return to;
}
