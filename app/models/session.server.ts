import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { prisma } from "~/utils/db.server";
import { sha256Hex } from "~/utils/crypto.server";

/**
 * Lucia's storage, written by hand (docs/decisions/007-sessions-lucia.md).
 * Lucia hands us the session id from the cookie; we store and look up only its
 * SHA-256, and cap every extension at the session's absolute lifetime.
 */
const userAttributes = {
  email: true,
  name: true,
  title: true,
  role: true,
  emailVerifiedAt: true,
  totpEnabledAt: true,
  municipalityCode: true,
  affiliationStatus: true,
  suspendedUntil: true,
  deletedAt: true,
} as const;

export const sessionAdapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await prisma.session.findUnique({
      where: { id: sha256Hex(sessionId) },
      select: {
        userId: true,
        expiresAt: true,
        absoluteExpiresAt: true,
        twoFactorVerified: true,
        user: { select: { id: true, ...userAttributes } },
      },
    });
    if (!row) return [null, null];
    const expiresAt = row.absoluteExpiresAt < row.expiresAt ? row.absoluteExpiresAt : row.expiresAt;
    const session: DatabaseSession = {
      id: sessionId,
      userId: row.userId,
      expiresAt,
      attributes: { absoluteExpiresAt: row.absoluteExpiresAt, twoFactorVerified: row.twoFactorVerified },
    };
    const { id, ...attributes } = row.user;
    const user: DatabaseUser = { id, attributes };
    return [session, user];
  },

  async getUserSessions(userId) {
    const rows = await prisma.session.findMany({
      where: { userId },
      select: { id: true, userId: true, expiresAt: true, absoluteExpiresAt: true, twoFactorVerified: true },
    });
    // Only hashes are stored, so these ids cannot be used as cookies.
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      expiresAt: r.expiresAt,
      attributes: { absoluteExpiresAt: r.absoluteExpiresAt, twoFactorVerified: r.twoFactorVerified },
    }));
  },

  async setSession(session) {
    await prisma.session.create({
      data: {
        id: sha256Hex(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt: session.attributes.absoluteExpiresAt,
        twoFactorVerified: session.attributes.twoFactorVerified,
      },
    });
  },

  async updateSessionExpiration(sessionId, expiresAt) {
    const id = sha256Hex(sessionId);
    const row = await prisma.session.findUnique({ where: { id }, select: { absoluteExpiresAt: true } });
    if (!row) return;
    await prisma.session.updateMany({
      where: { id },
      data: { expiresAt: expiresAt < row.absoluteExpiresAt ? expiresAt : row.absoluteExpiresAt },
    });
  },

  async deleteSession(sessionId) {
    await prisma.session.deleteMany({ where: { id: sha256Hex(sessionId) } });
  },

  async deleteUserSessions(userId) {
    await prisma.session.deleteMany({ where: { userId } });
  },

  async deleteExpiredSessions() {
    const now = new Date();
    await prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] } });
  },
};

/** Marks a session as having passed the TOTP step. */
export async function markSessionTwoFactorVerified(sessionId: string) {
  await prisma.session.updateMany({ where: { id: sha256Hex(sessionId) }, data: { twoFactorVerified: true } });
}

export async function countUserSessions(userId: string) {
  return prisma.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
