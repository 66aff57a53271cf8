import { domainCandidates } from "~/utils/affiliation";
import type { Db, Tx } from "./transaction.server";

/**
 * Verified affiliation, the member's side (docs/decisions/012-verified-affiliation.md).
 * A member names a municipality or an organisation; that claim is verified when
 * the member's confirmed address is on one of its registered domains, or when an
 * organizer approves it (app/models/affiliation-admin.server.ts). Until then it
 * is pending, and only verified members of a municipality see and submit its
 * members-only figures.
 *
 * settleAffiliation() decides the status again whenever the claim or the address
 * changes, so a new municipality or a new address always drops an earlier
 * verification (a new address on a registered domain is verified again at once).
 */

/** Thrown by writes that need a verified member of a municipality; routes answer 403. */
export class AffiliationRequiredError extends Error {
  status = 403;
  constructor(message = "Bara verifierade medlemmar från kommunen kan göra det här. Din koppling till kommunen är inte verifierad än.") {
    super(message);
  }
}

/** The registered domain an address belongs to, if it belongs to this municipality or organisation. */
export async function matchingDomain(db: Db, email: string, claim: { municipalityCode: string | null; organisationId: string | null }): Promise<string | null> {
  if (!claim.municipalityCode && !claim.organisationId) return null;
  const row = await db.affiliationDomain.findFirst({
    where: {
      domain: { in: domainCandidates(email) },
      ...(claim.municipalityCode ? { municipalityCode: claim.municipalityCode } : { organisationId: claim.organisationId }),
    },
    select: { domain: true },
  });
  return row?.domain ?? null;
}

/**
 * Decides a member's status from the current claim and address: "none" without a
 * claim or before the address is confirmed, "verified" (by domain) when the
 * address is on one of the claim's domains, else "pending" for the organizer's
 * queue. Call it in the transaction that changed the claim or the address.
 */
export async function settleAffiliation(tx: Tx, userId: string, now = new Date()) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerifiedAt: true, municipalityCode: true, organisationId: true, deletedAt: true },
  });
  if (!user) return;
  const hasClaim = !!(user.municipalityCode || user.organisationId);
  const status = !hasClaim || !user.emailVerifiedAt || user.deletedAt ? "none" : (await matchingDomain(tx, user.email, user)) ? "verified" : "pending";
  await tx.user.update({
    where: { id: userId },
    data: {
      affiliationStatus: status,
      affiliationVerifiedAt: status === "verified" ? now : null,
      affiliationVerifiedBy: status === "verified" ? "domain" : null,
      affiliationRequestedAt: status === "pending" ? now : null,
      affiliationNote: "",
    },
  });
}

/** Whether the member is a verified member of this municipality (checked inside the write that needs it). */
export async function isVerifiedMemberOf(db: Db, userId: string, municipalityCode: string): Promise<boolean> {
  const count = await db.user.count({
    where: { id: userId, municipalityCode, affiliationStatus: "verified", emailVerifiedAt: { not: null }, deletedAt: null },
  });
  return count === 1;
}
