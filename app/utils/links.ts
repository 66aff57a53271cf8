/**
 * Public URLs of things, built in one place so routes and components agree.
 * Kept local to the public pages until app/utils/slug.ts lands; then
 * municipalityHref should use its slugify.
 */

/** "Upplands Väsby" -> "upplands-vasby", "Malung-Sälen" -> "malung-salen". */
function slugifyName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** /kommun/2081-borlange */
export function municipalityHref(municipality: { code: string; name: string }): string {
  const slug = slugifyName(municipality.name);
  return slug ? `/kommun/${municipality.code}-${slug}` : `/kommun/${municipality.code}`;
}

export const eventHref = (event: { slug: string }) => `/forum/${event.slug}`;

/** The registration section of an event page. */
export const eventRegistrationHref = (event: { slug: string }) => `${eventHref(event)}#anmalan`;

export const caseHref = (c: { slug: string }) => `/case/${c.slug}`;

/** Thread pages arrive with the discussions work; this is the one place to change their address. */
export const threadHref = (thread: { id: string; slug: string }) => `/diskussioner/${thread.id}/${thread.slug}`;
