import { env } from "./env.server";

/**
 * CSRF defence in depth (beside SameSite=Lax cookies): a browser's mutation must
 * come from this site. Browsers send Sec-Fetch-Site and Origin on every POST;
 * a request with neither (and no Referer) is not from a browser, so it cannot
 * carry a victim's cookies by accident and is let through.
 */
export function isSameOriginRequest(
  origin: string | undefined | null,
  referer: string | undefined | null,
  secFetchSite: string | undefined | null,
  host?: string | null,
): boolean {
  if (secFetchSite) return secFetchSite === "same-origin" || secFetchSite === "none";
  const allowed = allowedOrigins(host);
  if (origin && origin !== "null") return allowed.has(origin);
  if (origin === "null") return false;
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}

function allowedOrigins(host?: string | null) {
  const set = new Set([new URL(env().APP_URL).origin]);
  if (host) {
    set.add(`http://${host}`);
    set.add(`https://${host}`);
  }
  return set;
}
