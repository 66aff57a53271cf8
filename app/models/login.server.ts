import { endSession, startSession } from "~/utils/auth.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { findUserByEmail } from "./user.server";

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
  return { cookie, needsSecondFactor };
}
