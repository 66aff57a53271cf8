import { env } from "./env.server";
import { sign, verifySignature } from "./crypto.server";

/**
 * "This browser signed up with this address": a signed cookie the sign-up form
 * sets, read when the confirmation link is used. Used from the same browser, the
 * link then also signs the new member in (whoever holds this browser typed the
 * password here); from any other browser it only confirms. HttpOnly, only sent to
 * /verifiera, 48 hours like the link. It is set for every valid sign-up, whether
 * or not the address had an account, so it tells nothing.
 */
const NAME = "kf_signup";
const PATH = "/verifiera";
const MAX_AGE_SECONDS = 48 * 3600;

const payload = (expires: number, email: string) => `signup-browser:${expires}:${email}`;

function attributes(maxAge: number) {
  const secure = env().APP_URL.startsWith("https:") ? "; Secure" : "";
  return `Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

export function signupBrowserCookie(email: string, now = Date.now()): string {
  const expires = now + MAX_AGE_SECONDS * 1000;
  const value = `${expires}.${Buffer.from(email).toString("base64url")}.${sign("session", payload(expires, email))}`;
  return `${NAME}=${value}; ${attributes(MAX_AGE_SECONDS)}`;
}

export const clearSignupBrowserCookie = () => `${NAME}=; ${attributes(0)}`;

/** The address this browser signed up with, if its cookie is genuine and fresh. */
export function signupBrowserEmail(request: Request, now = Date.now()): string | null {
  const raw = request.headers
    .get("Cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${NAME}=`))
    ?.slice(NAME.length + 1);
  const [expiresText, encoded, signature] = (raw ?? "").split(".");
  const expires = Number(expiresText);
  if (!encoded || !signature || !Number.isFinite(expires) || expires < now) return null;
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  return verifySignature("session", payload(expires, email), signature) ? email : null;
}
