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

/** HMAC signature for links that need no login (cancellation, unsubscribe). */
export function sign(value: string): string {
  return crypto.createHmac("sha256", env().SESSION_SECRET).update(value).digest("base64url");
}

export function verifySignature(value: string, signature: string): boolean {
  const expected = Buffer.from(sign(value));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
