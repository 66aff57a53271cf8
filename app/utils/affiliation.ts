/**
 * Verified affiliation (docs/decisions/012-verified-affiliation.md): the words
 * shared by the models, the admin pages and the badge.
 */
export type AffiliationStatus = "none" | "pending" | "verified" | "rejected";

/** What the badge says after "Verifierad: " ("Borlänge kommun", "Region Dalarna"), or null when not verified. */
export function verifiedAffiliationName(user: {
  affiliationStatus: string;
  municipality?: { officialName: string } | null;
  organisation?: { name: string } | null;
}): string | null {
  if (user.affiliationStatus !== "verified") return null;
  return user.municipality?.officialName ?? user.organisation?.name ?? null;
}

/** The part after "@", lower-cased: "anna@Borlange.se" → "borlange.se". */
export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/**
 * The registered domains an address can belong to: its own domain and each
 * parent with at least two labels ("it.borlange.se" → "it.borlange.se", "borlange.se").
 * A subdomain is run by the owner of its parent, so it counts as theirs.
 */
export function domainCandidates(email: string): string[] {
  const labels = emailDomain(email).split(".");
  const candidates: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) candidates.push(labels.slice(i).join("."));
  return candidates;
}
