import { env } from "./env.server";
import { randomToken, sha256Hex, sign, verifySignature } from "./crypto.server";

/**
 * Who is voting, without an account: a random id in a signed, HttpOnly,
 * SameSite=Lax cookie. A logged-in member is identified by the account instead,
 * so they keep one vote across browsers. Only a SHA-256 of either is stored.
 */
const MAX_AGE_SECONDS = 365 * 24 * 3600;

function cookieName() {
  return env().APP_URL.startsWith("https:") ? "__Host-kf_poll" : "kf_poll";
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}

/** The token id from a valid "<id>.<signature>" cookie value, or null. */
export function verifyParticipantToken(value: string | null): string | null {
  if (!value) return null;
  const [id, signature, extra] = value.split(".");
  if (!id || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  return verifySignature("session", `poll:${id}`, signature) ? id : null;
}

export function participantCookie(id: string): string {
  const secure = env().APP_URL.startsWith("https:");
  return [`${cookieName()}=${id}.${sign("session", `poll:${id}`)}`, "Path=/", `Max-Age=${MAX_AGE_SECONDS}`, "HttpOnly", "SameSite=Lax", secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

export type Participant = {
  /** What PollResponse.participantHash stores. */
  hash: string;
  userId: string | null;
  /** Set when a new anonymous token was made: send it with the response. */
  setCookie: string | null;
};

export function participantHashForUser(userId: string) {
  return sha256Hex(`user:${userId}`);
}

export function participantHashForToken(id: string) {
  return sha256Hex(`token:${id}`);
}

/**
 * The participant for this request. With `create`, an anonymous visitor without a
 * valid cookie gets a new token (and a Set-Cookie to send); without it, null.
 */
export function getParticipant(request: Request, userId: string | null, { create }: { create: boolean }): Participant | null {
  if (userId) return { hash: participantHashForUser(userId), userId, setCookie: null };
  const existing = verifyParticipantToken(readCookie(request, cookieName()));
  if (existing) return { hash: participantHashForToken(existing), userId: null, setCookie: null };
  if (!create) return null;
  const id = randomToken(18);
  return { hash: participantHashForToken(id), userId: null, setCookie: participantCookie(id) };
}
