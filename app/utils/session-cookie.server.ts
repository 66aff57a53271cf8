import { env } from "./env.server";

/**
 * The session cookie's name. Over https it carries the __Host- prefix, which binds
 * it to this exact host (no Domain, Path=/). The sessions themselves are in
 * app/models/auth.server.ts; the request handler only needs to recognise the cookie.
 */
export function sessionCookieName(): string {
  return env().APP_URL.startsWith("https:") ? "__Host-kf_session" : "kf_session";
}
