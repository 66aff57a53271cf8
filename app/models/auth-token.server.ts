import { prisma } from "~/utils/db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { Db } from "./transaction.server";

/** Single-use tokens sent by email. Only the SHA-256 is stored. */
export type TokenPurpose = "verify-email" | "reset-password" | "change-email" | "confirm-invitations";

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  "verify-email": 48 * 60,
  "reset-password": 60,
  "change-email": 24 * 60,
  "confirm-invitations": 7 * 24 * 60,
};

/** Creates a token and returns the raw value to put in the link. Earlier unused tokens for the same purpose stop working. */
export async function createToken(purpose: TokenPurpose, { email, userId }: { email: string; userId?: string }, db: Db = prisma): Promise<string> {
  const token = randomToken();
  await db.authToken.updateMany({
    where: { purpose, email, usedAt: null },
    data: { usedAt: new Date() },
  });
  await db.authToken.create({
    data: {
      purpose,
      email,
      userId,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL_MINUTES[purpose] * 60_000),
    },
  });
  return token;
}

/** Looks a token up without using it (to show a form). */
export async function peekToken(purpose: TokenPurpose, token: string) {
  if (!token || token.length > 200) return null;
  return prisma.authToken.findFirst({
    where: { purpose, tokenHash: sha256Hex(token), usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, userId: true },
  });
}

/**
 * Uses a token exactly once: the conditional update succeeds for one caller
 * only, even when the same link is clicked twice at the same moment.
 */
export async function consumeToken(purpose: TokenPurpose, token: string, db: Db = prisma) {
  if (!token || token.length > 200) return null;
  const tokenHash = sha256Hex(token);
  const { count } = await db.authToken.updateMany({
    where: { purpose, tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return null;
  return db.authToken.findUnique({ where: { tokenHash }, select: { email: true, userId: true } });
}
