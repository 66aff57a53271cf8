import type { Prisma } from "@prisma/client";
import { affiliationApprovedTemplate, affiliationRejectedTemplate } from "~/utils/account-email-templates.server";
import { verifiedAffiliationName } from "~/utils/affiliation";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fail, type Result } from "~/utils/result";
import { settleAffiliation } from "./affiliation.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./outbox.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * Verified affiliation, the organizer's side (docs/decisions/012-verified-affiliation.md):
 * the queue of claims to approve or reject, and the email domains of each
 * municipality and organisation. Every change is audited in its own transaction.
 */

type Target = { municipalityCode: string | null; organisationId: string | null };

const claimSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  affiliationRequestedAt: true,
  municipality: { select: { code: true, name: true, officialName: true } },
  organisation: { select: { id: true, name: true } },
} satisfies Prisma.UserSelect;

const pendingClaim = { affiliationStatus: "pending", emailVerifiedAt: { not: null }, deletedAt: null } satisfies Prisma.UserWhereInput;

/** Claims waiting for an organizer, oldest first. */
export async function listPendingClaims(take = 100) {
  return prisma.user.findMany({ where: pendingClaim, orderBy: [{ affiliationRequestedAt: "asc" }, { id: "asc" }], take, select: claimSelect });
}

export async function countPendingClaims() {
  return prisma.user.count({ where: pendingClaim });
}

export type ClaimDecision = Target & { userId: string } & ({ decision: "approve" } | { decision: "reject"; reason: string });

/**
 * Approves or rejects a pending claim and mails the member. The form names the
 * claim it was shown; a member who changed it since is not decided for.
 */
export async function decideClaim(actorId: string, input: ClaimDecision, now = new Date()): Promise<Result> {
  return transaction(async (tx) => {
    const approve = input.decision === "approve";
    const { count } = await tx.user.updateMany({
      where: { ...pendingClaim, id: input.userId, municipalityCode: input.municipalityCode, organisationId: input.organisationId },
      data: approve
        ? { affiliationStatus: "verified", affiliationVerifiedAt: now, affiliationVerifiedBy: "organizer", affiliationNote: "" }
        : { affiliationStatus: "rejected", affiliationVerifiedAt: null, affiliationVerifiedBy: null, affiliationNote: input.reason },
    });
    if (count !== 1) return fail("form", "Medlemmen har ändrat sina uppgifter eller är redan granskad. Ladda om sidan och titta igen.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: claimSelect });
    const affiliation = user.municipality?.officialName ?? user.organisation?.name ?? "";
    await recordAudit(tx, {
      actorId,
      action: approve ? "affiliation.approve" : "affiliation.reject",
      entityType: "User",
      entityId: user.id,
      detail: {
        affiliation,
        municipalityCode: input.municipalityCode,
        organisationId: input.organisationId,
        ...(input.decision === "reject" ? { reason: input.reason } : {}),
      },
    });
    const profileUrl = new URL("/profil#tillhorighet", env().APP_URL).toString();
    const mail =
      input.decision === "approve"
        ? affiliationApprovedTemplate({ name: user.name, affiliation, profileUrl })
        : affiliationRejectedTemplate({ name: user.name, affiliation, reason: input.reason, profileUrl });
    await enqueueEmail({ to: user.email, kind: approve ? "affiliation-approved" : "affiliation-rejected", ...mail }, tx);
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------

export async function listAffiliationDomains() {
  const rows = await prisma.affiliationDomain.findMany({
    orderBy: { domain: "asc" },
    select: {
      domain: true,
      createdAt: true,
      municipality: { select: { code: true, name: true, officialName: true } },
      organisation: { select: { id: true, name: true } },
      addedBy: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, owner: verifiedAffiliationName({ affiliationStatus: "verified", ...r }) ?? "–" }));
}

/** Organisations members have named, for the domain form. */
export async function listOrganisations() {
  return prisma.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Members on `domain` (or a subdomain) who claim `target` and are not verified yet. */
function unverifiedOn(domain: string, target: Target): Prisma.UserWhereInput {
  return {
    ...(target.municipalityCode ? { municipalityCode: target.municipalityCode } : { organisationId: target.organisationId }),
    affiliationStatus: { not: "verified" },
    emailVerifiedAt: { not: null },
    deletedAt: null,
    OR: [{ email: { endsWith: `@${domain}` } }, { email: { endsWith: `.${domain}` } }],
  };
}

/** Verifies the members the domain proves; returns how many. */
async function verifyMembersOn(tx: Tx, domain: string, target: Target, now: Date): Promise<number> {
  const { count } = await tx.user.updateMany({
    where: unverifiedOn(domain, target),
    data: { affiliationStatus: "verified", affiliationVerifiedAt: now, affiliationVerifiedBy: "domain", affiliationRequestedAt: null, affiliationNote: "" },
  });
  return count;
}

/**
 * Registers a domain for a municipality or an organisation. Members who already
 * claim it with a confirmed address on the domain are verified at once.
 */
export async function addAffiliationDomain(actorId: string, domain: string, target: Target, now = new Date()): Promise<Result<{ verified: number }>> {
  if (!target.municipalityCode === !target.organisationId) return fail("target", "Välj en kommun eller en organisation.");
  return transaction(async (tx) => {
    const existing = await tx.affiliationDomain.findUnique({
      where: { domain },
      select: { municipality: { select: { name: true } }, organisation: { select: { name: true } } },
    });
    if (existing) return fail("domain", `Domänen finns redan, kopplad till ${existing.municipality?.name ?? existing.organisation?.name ?? "någon annan"}.`);
    if (target.municipalityCode && !(await tx.municipality.count({ where: { code: target.municipalityCode } })))
      return fail("municipalityCode", "Välj en kommun i listan.");
    if (target.organisationId && !(await tx.organisation.count({ where: { id: target.organisationId } })))
      return fail("organisationId", "Välj en organisation i listan.");
    const verified = await registerDomain(tx, domain, target, actorId, now);
    await recordAudit(tx, { actorId, action: "affiliation.domain.add", entityType: "AffiliationDomain", entityId: domain, detail: { ...target, verified } });
    return { ok: true as const, verified };
  });
}

/** Stores a domain and verifies the members on it; the caller audits it (the seed has no actor). */
export async function registerDomain(tx: Tx, domain: string, target: Target, actorId: string | null, now: Date): Promise<number> {
  await tx.affiliationDomain.create({ data: { domain, ...target, addedById: actorId } });
  return verifyMembersOn(tx, domain, target, now);
}

/**
 * Removes a domain. Members it had verified are decided again: verified by
 * another domain of theirs, or back in the queue.
 */
export async function removeAffiliationDomain(actorId: string, domain: string, now = new Date()): Promise<Result<{ unverified: number }>> {
  return transaction(async (tx) => {
    const row = await tx.affiliationDomain.findUnique({ where: { domain }, select: { municipalityCode: true, organisationId: true } });
    if (!row) return fail("domain", "Domänen finns inte längre. Ladda om sidan.");
    await tx.affiliationDomain.delete({ where: { domain } });
    const affected = await tx.user.findMany({
      where: { ...unverifiedOn(domain, row), affiliationStatus: "verified", affiliationVerifiedBy: "domain" },
      select: { id: true },
    });
    for (const { id } of affected) await settleAffiliation(tx, id, now);
    const unverified = await tx.user.count({ where: { id: { in: affected.map((a) => a.id) }, affiliationStatus: { not: "verified" } } });
    await recordAudit(tx, { actorId, action: "affiliation.domain.remove", entityType: "AffiliationDomain", entityId: domain, detail: { ...row, unverified } });
    return { ok: true as const, unverified };
  });
}
