import { settleAffiliation } from "./affiliation.server";
import { lockName } from "./locks.server";
import { prisma } from "~/utils/db.server";
import { randomToken } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { consumeToken, createToken, TOKEN_TTL_MINUTES } from "./auth-token.server";
import { enqueueEmail } from "./outbox.server";
import { organisationExists, resolveOrganisation, uniqueHandle, type OrganisationChoice } from "./user.server";
import { checkRateLimit } from "~/models/rate-limit.server";
import {
  accountExistsTemplate,
  changeEmailTemplate,
  emailChangeNoticeTemplate,
  resetPasswordTemplate,
  verifyEmailTemplate,
} from "~/utils/account-email-templates.server";
import { transaction } from "./transaction.server";
import { startSession } from "./auth.server";
import { verifyEmailHref } from "~/utils/links";

/**
 * Account flows that combine a user change, a single-use token and an email.
 * Each writes its email to the outbox in the same transaction as the change,
 * and none reveals whether an address is registered.
 */
const link = (path: string) => new URL(path, env().APP_URL).toString();

export type SignupInput = {
  name: string;
  email: string;
  title: string;
  passwordHash: string;
  organisation: OrganisationChoice;
  /** Where the member was going (a path on this site): the confirmation link leads back there. */
  next?: string;
};

/**
 * Creates the account and queues the verification email; an existing address gets a notice instead.
 * Everything is checked before the address is looked up, so a bad form gets the
 * same answer whether or not the address has an account. Both answers also do the
 * same work, so they take about as long: for a taken address the new account, its
 * token and mail are written to a throwaway address in a savepoint that is rolled back.
 */
export async function signUp(input: SignupInput): Promise<{ ok: true } | { ok: false; field: "municipalityCode"; message: string }> {
  if (!(await organisationExists(input.organisation))) {
    return { ok: false, field: "municipalityCode", message: "Välj din kommun i listan." };
  }
  return transaction(async (tx) => {
    // PostgreSQL: the same address signing up twice at once takes turns, so the second
    // gets the notice mail instead of a unique violation (SQLite: no-op). The handle
    // and organisation names are locked after this one, always in that order.
    await lockName(tx, "email", input.email);
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, deletedAt: true } });
    const taken = !!existing && !existing.deletedAt;
    const email = taken ? `provkonto-${randomToken(9)}@invalid.local` : input.email;
    await tx.$executeRaw`SAVEPOINT sign_up`;
    const org = await resolveOrganisation(input.organisation, tx);
    if (!org) return { ok: false as const, field: "municipalityCode" as const, message: "Välj din kommun i listan." };
    const user = await tx.user.create({
      data: { name: input.name, handle: await uniqueHandle(tx, input.name), email, title: input.title, passwordHash: input.passwordHash, ...org },
      select: { id: true },
    });
    const token = await createToken("verify-email", { email, userId: user.id }, tx);
    const mail = verifyEmailTemplate({ name: input.name, url: link(verifyEmailHref(token, input.next)), validHours: TOKEN_TTL_MINUTES["verify-email"] / 60 });
    await enqueueEmail({ to: email, kind: "verify-email", ...mail }, tx);
    if (taken) await tx.$executeRaw`ROLLBACK TO SAVEPOINT sign_up`;
    await tx.$executeRaw`RELEASE SAVEPOINT sign_up`;
    if (taken) {
      const notice = accountExistsTemplate({ name: existing.name, loginUrl: link("/logga-in"), resetUrl: link("/glomt-losenord") });
      await enqueueEmail({ to: input.email, kind: "account-exists", ...notice }, tx);
    }
    return { ok: true as const };
  });
}

export async function resendVerification(userId: string) {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, emailVerifiedAt: true } });
    if (!user || user.emailVerifiedAt) return false;
    const token = await createToken("verify-email", { email: user.email, userId: user.id }, tx);
    const mail = verifyEmailTemplate({ name: user.name, url: link(`/verifiera?token=${token}`), validHours: TOKEN_TTL_MINUTES["verify-email"] / 60 });
    await enqueueEmail({ to: user.email, kind: "verify-email", ...mail }, tx);
    return true;
  });
}

/** Confirms an address from the link: the first account verification, or a change of address. */
export async function confirmEmail(token: string): Promise<"verified" | "changed" | "invalid" | "taken"> {
  return (await confirmEmailFor(token)).result;
}

/**
 * Confirms like confirmEmail and, for a new account's address confirmed from the
 * browser that signed up with it (`signedUpAs`, the signup-browser cookie), also
 * starts a session: the member goes on where they were, with no login in between.
 * Not for an account with two-factor authentication (it logs in as usual).
 */
export async function confirmEmailAndSignIn(token: string, signedUpAs: string | null) {
  const { result, user } = await confirmEmailFor(token);
  const same = result === "verified" && !!user && !!signedUpAs && user.email === signedUpAs.toLowerCase() && !user.totpEnabledAt;
  return { result, sessionCookie: same ? (await startSession(user.id, { twoFactorVerified: true })).cookie : null };
}

async function confirmEmailFor(token: string) {
  return transaction(async (tx) => {
    const verify = await consumeToken("verify-email", token, tx);
    if (verify?.userId) {
      const { count } = await tx.user.updateMany({ where: { id: verify.userId, email: verify.email }, data: { emailVerifiedAt: new Date() } });
      if (count === 1) await settleAffiliation(tx, verify.userId); // a work address on a registered domain is verified now
      const user = count === 1 ? await tx.user.findUnique({ where: { id: verify.userId }, select: { id: true, email: true, totpEnabledAt: true } }) : null;
      return { result: "verified" as const, user };
    }
    const change = await consumeToken("change-email", token, tx);
    if (change?.userId) {
      await lockName(tx, "email", change.email); // PostgreSQL: not while the address signs up (SQLite: no-op)
      const taken = await tx.user.findUnique({ where: { email: change.email }, select: { id: true } });
      if (taken) return { result: "taken" as const, user: null };
      await tx.user.update({ where: { id: change.userId }, data: { email: change.email, emailVerifiedAt: new Date() } });
      await settleAffiliation(tx, change.userId); // a new address drops the verification (its domain may give it back)
      return { result: "changed" as const, user: null };
    }
    return { result: "invalid" as const, user: null };
  });
}

/**
 * Same outcome for known and unknown addresses: only a known one gets an email.
 * Both do the same work, so the answer takes about as long: the per-address mail
 * limit is counted either way, and the token and mail are written either way,
 * inside a savepoint that an unknown address (or one over its limit) rolls back.
 */
export async function requestPasswordReset(email: string) {
  await transaction(async (tx) => {
    const limit = await checkRateLimit("resetAccount", email, undefined, tx);
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, deletedAt: true } });
    const keep = !!user && !user.deletedAt && limit.allowed;
    await tx.$executeRaw`SAVEPOINT reset_mail`;
    const token = await createToken("reset-password", { email, userId: keep ? user.id : undefined }, tx);
    const mail = resetPasswordTemplate({
      name: user?.name,
      url: link(`/aterstall-losenord?token=${token}`),
      validMinutes: TOKEN_TTL_MINUTES["reset-password"],
    });
    await enqueueEmail({ to: email, kind: "reset-password", ...mail }, tx);
    if (!keep) await tx.$executeRaw`ROLLBACK TO SAVEPOINT reset_mail`;
    await tx.$executeRaw`RELEASE SAVEPOINT reset_mail`;
  });
}

/** Sets the new password and ends every session of the account. */
export async function resetPassword(token: string, passwordHash: string): Promise<string | null> {
  return transaction(async (tx) => {
    const used = await consumeToken("reset-password", token, tx);
    if (!used?.userId) return null;
    await tx.user.update({ where: { id: used.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: used.userId } });
    return used.userId;
  });
}

/**
 * Sends a confirmation link to the new address; the address changes only when it
 * is clicked. The current address is told at once, so someone who took over a
 * session cannot move the account away unnoticed (the route asks for the password).
 */
export async function requestEmailChange(userId: string, newEmail: string) {
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
    if (!user) return;
    const notice = emailChangeNoticeTemplate({ name: user.name, newEmail, resetUrl: link("/glomt-losenord") });
    await enqueueEmail({ to: user.email, kind: "email-change-notice", ...notice }, tx);
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    if (taken) return; // no hint whether the address is in use
    const token = await createToken("change-email", { email: newEmail, userId }, tx);
    const mail = changeEmailTemplate({ name: user.name, url: link(`/verifiera?token=${token}`), validHours: TOKEN_TTL_MINUTES["change-email"] / 60 });
    await enqueueEmail({ to: newEmail, kind: "change-email", ...mail }, tx);
  });
}

/**
 * Deletes an account the GDPR way for a discussion site: personal data goes,
 * posts stay readable under "Borttagen medlem".
 */
export async function deleteAccount(userId: string) {
  await transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await tx.authToken.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.threadFollow.deleteMany({ where: { userId } });
    await tx.categorySubscription.deleteMany({ where: { userId } });
    await tx.registration.updateMany({ where: { userId }, data: { userId: null } });
    await tx.user.update({
      where: { id: userId },
      data: {
        email: `borttagen-${userId}@invalid.local`,
        name: "Borttagen medlem",
        title: "",
        passwordHash: null,
        totpSecret: null,
        totpEnabledAt: null,
        listedPublicly: false,
        weeklyDigest: false,
        organisationId: null,
        affiliationStatus: "none",
        affiliationVerifiedAt: null,
        affiliationVerifiedBy: null,
        affiliationRequestedAt: null,
        affiliationNote: "",
        role: "member",
        deletedAt: new Date(),
      },
    });
  });
}

/** Everything stored about a member, for the GDPR export on the profile page. */
export async function exportAccountData(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      title: true,
      role: true,
      emailVerifiedAt: true,
      affiliationStatus: true,
      affiliationVerifiedAt: true,
      affiliationVerifiedBy: true,
      affiliationRequestedAt: true,
      affiliationNote: true,
      listedPublicly: true,
      weeklyDigest: true,
      totpEnabledAt: true,
      createdAt: true,
      updatedAt: true,
      municipality: { select: { code: true, name: true } },
      organisation: { select: { name: true, type: true } },
      sessions: { select: { createdAt: true, expiresAt: true } },
      registrations: {
        select: { createdAt: true, status: true, email: true, name: true, title: true, event: { select: { title: true, startsAt: true } } },
      },
      threads: { select: { title: true, createdAt: true } },
      posts: { select: { kind: true, bodyMd: true, createdAt: true, editedAt: true } },
      votes: { select: { postId: true, createdAt: true } },
      pollResponses: { select: { pollId: true, createdAt: true, freeText: true } },
      maturity: { select: { year: true, createdAt: true, municipalityCode: true } },
    },
  });
  if (!user) return null;
  return { exportedAt: new Date().toISOString(), note: "Alla uppgifter som Kommunforum Analytics har sparat om ditt konto.", ...user };
}

export async function listMyRegistrations(userId: string) {
  return prisma.registration.findMany({
    where: { userId },
    orderBy: { event: { startsAt: "desc" } },
    select: { id: true, status: true, waitlistSeq: true, event: { select: { slug: true, title: true, startsAt: true } } },
  });
}
