/**
 * URL slugs from Swedish text: "Borlänge" → "borlange", "Malung-Sälen" → "malung-salen".
 * Shared by server and browser code.
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .toLowerCase()
    // Letters that Unicode decomposition does not reduce to a plain a–z.
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    // å, ä, ö, é, ü … become the base letter without its mark.
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength).replace(/-+$/, "");
}

/** The municipality page: municipalityPath("2081", "Borlänge") → "/kommun/2081-borlange". */
export function municipalityPath(code: string, name: string): string {
  const slug = slugify(name);
  return slug ? `/kommun/${code}-${slug}` : `/kommun/${code}`;
}
