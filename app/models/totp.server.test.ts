import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { beginTotpEnrolment, confirmTotpEnrolment, verifySecondFactor } from "./totp.server";

async function enrolledUser() {
  const user = await prisma.user.create({ data: { email: `totp-${Math.random()}@example.se`, name: "Admin" }, select: { id: true, email: true } });
  const { manualKey } = await beginTotpEnrolment(user.id, user.email);
  const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ""));
  return { user, key };
}

/** The current 30-second time step, and the code of the one after it. */
const step = () => Math.floor(Date.now() / 30_000);
const nextCode = (key: Uint8Array) => generateHOTP(key, BigInt(step() + 1), 6);

describe("two-factor authentication", () => {
  it("stores the secret encrypted, not as the key the user types", async () => {
    const { user, key } = await enrolledUser();
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    expect(row.totpSecret).not.toContain(Buffer.from(key).toString("base64url"));
    expect(row.totpSecret?.split(".")).toHaveLength(3);
  });

  it("turns on only with a correct code, and gives ten recovery codes", async () => {
    const { user, key } = await enrolledUser();
    expect(await confirmTotpEnrolment(user.id, "000000")).toBeNull();
    const codes = await confirmTotpEnrolment(user.id, generateTOTP(key, 30, 6));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // The code that confirmed enrolment is spent; the next one (within the clock-drift window) works.
    expect(await verifySecondFactor(user.id, nextCode(key))).toBe(true);
    expect(await verifySecondFactor(user.id, "123456")).toBe(false);
  });

  it("accepts a code once: a replay, an earlier code and a concurrent duplicate are refused", async () => {
    const { user, key } = await enrolledUser();
    const now = step();
    expect(await confirmTotpEnrolment(user.id, generateHOTP(key, BigInt(now - 1), 6))).toHaveLength(10);
    // The enrolment code cannot log in, nor can the same code twice.
    expect(await verifySecondFactor(user.id, generateHOTP(key, BigInt(now - 1), 6))).toBe(false);
    const current = generateHOTP(key, BigInt(now), 6);
    const results = await Promise.all([verifySecondFactor(user.id, current), verifySecondFactor(user.id, current)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await verifySecondFactor(user.id, current)).toBe(false);
    // A code from before the last used one stays refused even inside the drift window.
    expect(await verifySecondFactor(user.id, generateHOTP(key, BigInt(now + 1), 6))).toBe(true);
    expect(await verifySecondFactor(user.id, generateHOTP(key, BigInt(now), 6))).toBe(false);
  });

  it("accepts a code from one step either side of now, not two", async () => {
    const { user, key } = await enrolledUser();
    expect(await confirmTotpEnrolment(user.id, generateHOTP(key, BigInt(step() - 2), 6))).toBeNull();
    expect(await confirmTotpEnrolment(user.id, generateHOTP(key, BigInt(step() + 2), 6))).toBeNull();
    expect(await confirmTotpEnrolment(user.id, generateHOTP(key, BigInt(step() + 1), 6))).toHaveLength(10);
  });

  it("accepts each recovery code once, whatever its formatting", async () => {
    const { user, key } = await enrolledUser();
    const codes = (await confirmTotpEnrolment(user.id, generateTOTP(key, 30, 6)))!;
    const code = codes[0]!;
    expect(await verifySecondFactor(user.id, code.toLowerCase().replace("-", " "))).toBe(true);
    expect(await verifySecondFactor(user.id, code)).toBe(false);
    expect(await verifySecondFactor(user.id, codes[1]!)).toBe(true);
  });

  describe("a SESSION_SECRET rotation", () => {
    const OLD = "totp-rotation-old-secret-0123456789abcdef";
    const NEW = "totp-rotation-new-secret-0123456789abcdef";
    // env() caches: each configuration loads a fresh copy of the modules (the database client is shared).
    async function withSessionSecrets(current: string, previous?: string) {
      vi.resetModules();
      vi.unstubAllEnvs();
      vi.stubEnv("SESSION_SECRET", current);
      if (previous) vi.stubEnv("SESSION_SECRET_PREVIOUS", previous);
      return import("./totp.server");
    }
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    it("keeps two-factor working: the previous key opens the secret, which is then sealed with the new key", async () => {
      const before = await withSessionSecrets(OLD);
      const user = await prisma.user.create({ data: { email: `totp-rot-${Math.random()}@example.se`, name: "Admin" }, select: { id: true, email: true } });
      const { manualKey } = await before.beginTotpEnrolment(user.id, user.email);
      const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ""));
      expect(await before.confirmTotpEnrolment(user.id, generateHOTP(key, BigInt(step() - 1), 6))).toHaveLength(10);
      const sealedBefore = (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret;

      // Without the previous key the secret cannot be opened: why SESSION_SECRET_PREVIOUS exists.
      expect(await (await withSessionSecrets(NEW)).verifySecondFactor(user.id, generateHOTP(key, BigInt(step()), 6))).toBe(false);

      const rotating = await withSessionSecrets(NEW, OLD);
      expect(await rotating.verifySecondFactor(user.id, generateHOTP(key, BigInt(step()), 6))).toBe(true);
      const sealedAfter = (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret;
      expect(sealedAfter).not.toBe(sealedBefore);

      // Sealed again with the new key: it works once the old key is gone.
      await prisma.user.update({ where: { id: user.id }, data: { totpLastStep: null } });
      expect(await (await withSessionSecrets(NEW)).verifySecondFactor(user.id, nextCode(key))).toBe(true);
    });
  });
});
