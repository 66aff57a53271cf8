const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths: "/forum" yes; "//evil.example", "https://evil.example",
 * "/\\evil.example" and anything with control characters no.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  return to;
}
