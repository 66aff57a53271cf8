import { env } from "./env.server";

/**
 * CSRF defence in depth (beside SameSite=Lax cookies): a browser's mutation must
 * come from this site. Browsers send Sec-Fetch-Site and Origin on every POST;
 * a request with neither (and no Referer) is not from a browser, so it cannot
 * carry a victim's cookies by accident and is let through.
 *
 * An Origin must also name the host the request was sent to (X-Forwarded-Host,
 * else Host): Remix refuses a document POST otherwise, with a 500 of its own, so
 * such a request (say, behind a proxy that does not pass Host on) gets this
 * check's 403 instead.
 */
export function isSameOriginRequest(
  origin: string | undefined | null,
  referer: string | undefined | null,
  secFetchSite: string | undefined | null,
  host?: string | null,
  forwardedHost?: string | null,
): boolean {
  if (origin && origin !== "null" && !originNamesHost(origin, forwardedHost?.split(",")[0]?.trim() || host)) return false;
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

/** Remix's own rule (throwIfPotentialCSRFAttack in @remix-run/server-runtime). */
function originNamesHost(origin: string, host: string | null | undefined): boolean {
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function allowedOrigins(host?: string | null) {
  const set = new Set([new URL(env().APP_URL).origin]);
  if (host) {
    set.add(`http://${host}`);
    set.add(`https://${host}`);
  }
  return set;
}
