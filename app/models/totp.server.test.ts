import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { beginTotpEnrolment, confirmTotpEnrolment, verifySecondFactor } from "./totp.server";

async function enrolledUser() {
  const user = await prisma.user.create({ data: { email: `totp-${Math.random()}@example.se`, name: "Admin" }, select: { id: true, email: true } });
  const { manualKey } = await beginTotpEnrolment(user.id, user.email);
  const key = decodeBase32IgnorePadding(manualKey.replace(/\s/g, ""));
  return { user, key };
}

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
    expect(await verifySecondFactor(user.id, generateTOTP(key, 30, 6))).toBe(true);
    expect(await verifySecondFactor(user.id, "123456")).toBe(generateTOTP(key, 30, 6) === "123456");
  });

  it("accepts each recovery code once, whatever its formatting", async () => {
    const { user, key } = await enrolledUser();
    const codes = (await confirmTotpEnrolment(user.id, generateTOTP(key, 30, 6)))!;
    const code = codes[0]!;
    expect(await verifySecondFactor(user.id, code.toLowerCase().replace("-", " "))).toBe(true);
    expect(await verifySecondFactor(user.id, code)).toBe(false);
    expect(await verifySecondFactor(user.id, codes[1]!)).toBe(true);
  });
});
