import crypto from "node:crypto";
import { env } from "./env.server";

/** SHA-256 as hex: how tokens and session ids are stored, so a leaked database leaks no live secret. */
export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A URL-safe random token with 256 bits of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/**
 * One key per purpose, so rotating one never breaks the other: "session" signs
 * cookies (live-poll voters) and encrypts TOTP secrets, "link" signs the links in
 * mails (cancel a registration, unsubscribe, stop following), which must outlive
 * a session key rotation. Each keyring is the current secret, which signs, and
 * during a rotation the previous one, which is still accepted (docs/deployment.md).
 */
export type KeyPurpose = "session" | "link";

export function keyring(purpose: KeyPurpose): string[] {
  const e = env();
  const [current, previous] = purpose === "session" ? [e.SESSION_SECRET, e.SESSION_SECRET_PREVIOUS] : [e.LINK_SECRET, e.LINK_SECRET_PREVIOUS];
  return previous ? [current, previous] : [current];
}

const hmac = (secret: string, value: string) => crypto.createHmac("sha256", secret).update(value).digest("base64url");

/** HMAC signature with the purpose's current key. */
export function sign(purpose: KeyPurpose, value: string): string {
  return hmac(keyring(purpose)[0]!, value);
}

/** True when `signature` was made for `value` with any key of the purpose's keyring. */
export function verifySignature(purpose: KeyPurpose, value: string, signature: string): boolean {
  const given = Buffer.from(signature);
  return keyring(purpose).some((secret) => {
    const expected = Buffer.from(hmac(secret, value));
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  });
}
