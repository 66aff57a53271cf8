import crypto from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { prisma } from "~/utils/db.server";
import { keyring, sha256Hex } from "~/utils/crypto.server";
import { transaction } from "./transaction.server";

/**
 * Two-factor authentication with TOTP (RFC 6238, 30 s, 6 digits) and ten
 * single-use recovery codes. The shared secret is encrypted at rest with a key
 * derived from SESSION_SECRET, so a database copy alone cannot produce codes.
 * After a rotation a secret sealed with SESSION_SECRET_PREVIOUS still opens, and
 * is sealed again with the current key at its next use.
 * A code is accepted once: its time step is stored, and codes from that step
 * or earlier are refused (RFC 6238 §5.2), so an observed code cannot be replayed.
 */
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = "Kommunforum Analytics";

function encryptionKey(secret: string) {
  return crypto.createHash("sha256").update(`totp:${secret}`).digest();
}

function encrypt(secret: Uint8Array): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(keyring("session")[0]!), iv);
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

/** The secret, and whether the current key sealed it (GCM's tag tells which key fits). */
function decryptWithKeyring(stored: string): { key: Uint8Array; current: boolean } | null {
  const [iv, tag, data] = stored.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !data) return null;
  for (const [index, secret] of keyring("session").entries()) {
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(secret), iv);
      decipher.setAuthTag(tag);
      return { key: new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()])), current: index === 0 };
    } catch {
      // not this key
    }
  }
  return null;
}

const decrypt = (stored: string) => decryptWithKeyring(stored)?.key ?? null;

/** Starts (or restarts) enrolment: a new secret, not active until a code confirms it. */
export async function beginTotpEnrolment(userId: string, email: string) {
  const key = new Uint8Array(crypto.randomBytes(20));
  await prisma.user.update({ where: { id: userId }, data: { totpSecret: encrypt(key), totpEnabledAt: null, totpLastStep: null } });
  return enrolmentDetails(key, email);
}

/** The pending secret as a key URI (for the QR code) and as a manual key. */
export async function pendingEnrolment(userId: string, email: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || user.totpEnabledAt) return null;
  const key = decrypt(user.totpSecret);
  return key ? enrolmentDetails(key, email) : null;
}

function enrolmentDetails(key: Uint8Array, email: string) {
  const manualKey = encodeBase32UpperCaseNoPadding(key);
  return {
    uri: createTOTPKeyURI(ISSUER, email, key, PERIOD, DIGITS),
    manualKey: manualKey.replace(/(.{4})/g, "$1 ").trim(),
  };
}

function generateRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = encodeBase32UpperCaseNoPadding(new Uint8Array(crypto.randomBytes(5)));
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}`;
  });
}

const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, "");

/**
 * The time step whose code `code` is, within one step either side of now (clock
 * drift), or null. Steps before `after` do not count: their codes were used.
 */
function matchingStep(key: Uint8Array, code: string, after: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(Date.now() / 1000 / PERIOD);
  for (let step = now - 1; step <= now + 1; step++) {
    if (after !== null && step <= after) continue;
    if (verifyHOTP(key, BigInt(step), DIGITS, code)) return step;
  }
  return null;
}

/** Rows whose last used step is before `step`: claiming a step with it lets exactly one of two racing requests win. */
const unusedStep = (step: number) => ({ OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] });

/** Confirms enrolment with a first code; returns the recovery codes to show once, or null if the code is wrong. */
export async function confirmTotpEnrolment(userId: string, code: string): Promise<string[] | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  const key = user?.totpSecret ? decrypt(user.totpSecret) : null;
  if (!key || user?.totpEnabledAt) return null;
  const step = matchingStep(key, code, user?.totpLastStep ?? null);
  if (step === null) return null;
  const codes = generateRecoveryCodes();
  const confirmed = await transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null, ...unusedStep(step) },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: sha256Hex(normaliseRecovery(c)) })) });
    return true;
  });
  return confirmed ? codes : null;
}

/** Checks a login code: a current TOTP code not used before, or an unused recovery code (which is then spent). */
export async function verifySecondFactor(userId: string, code: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const opened = decryptWithKeyring(user.totpSecret);
  const step = opened ? matchingStep(opened.key, code, user.totpLastStep) : null;
  if (opened && step !== null) {
    // Sealed with the previous key: seal it with the current one, so that key can go.
    const { count } = await prisma.user.updateMany({
      where: { id: userId, totpEnabledAt: { not: null }, ...unusedStep(step) },
      data: { totpLastStep: step, ...(opened.current ? {} : { totpSecret: encrypt(opened.key) }) },
    });
    return count === 1;
  }
  const { count } = await prisma.recoveryCode.updateMany({
    where: { userId, codeHash: sha256Hex(normaliseRecovery(code)), usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

export async function disableTotp(userId: string) {
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } }),
  ]);
}

export async function remainingRecoveryCodes(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}
