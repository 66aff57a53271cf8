import { endSession, startSession } from "./auth.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { beginAttempt } from "~/models/rate-limit.server";
import { findUserByEmail, getPasswordHash } from "./user.server";

// Verifying against a real hash for unknown addresses keeps the answer time
// the same, so timing does not reveal who has an account.
let dummyHash: Promise<string> | undefined;

/** Checks the password and starts a fresh session (a new id at every login). */
export async function logIn(request: Request, email: string, password: string) {
  const user = await findUserByEmail(email);
  if (!user?.passwordHash || user.deletedAt) {
    dummyHash ??= hashPassword("inte-ett-riktigt-losenord");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await endSession(request); // an old session in this browser stops working
  const needsSecondFactor = user.totpEnabledAt !== null;
  const { cookie } = await startSession(user.id, { twoFactorVerified: !needsSecondFactor });
  return { cookie, needsSecondFactor, role: user.role };
}

/**
 * A logged-in member's current password, asked for before the password or the
 * address changes or the account is deleted. Throttled like a login from the same
 * address, so a stolen session cannot be used to guess the password.
 */
export async function confirmPassword(
  user: { id: string; email: string },
  password: string,
  address: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds?: number }> {
  const attempt = await beginAttempt("login", { account: user.email, address });
  if (!attempt.allowed) return { ok: false, retryAfterSeconds: attempt.retryAfterSeconds };
  const hash = await getPasswordHash(user.id);
  if (!hash || !(await verifyPassword(hash, password))) return { ok: false };
  await attempt.succeeded();
  return { ok: true };
}
