import { prisma } from "~/utils/db.server";
import { settleAffiliation } from "./affiliation.server";
import { recordAudit } from "./audit.server";
import { handleBase } from "~/utils/handles";
import { lockName } from "./locks.server";
import { transaction, type Db, type Tx } from "./transaction.server";

/** Users: lookups and profile changes. Account flows with tokens and email live in account.server.ts. */

export type OrganisationChoice = { orgKind: "kommun"; municipalityCode: string } | { orgKind: "annan"; orgName: string; orgType: string };

/**
 * A free handle for a new member: "anna-oberg", else "anna-oberg-2", "-3", …
 * Inside a transaction, PostgreSQL locks the base name until it commits, so
 * two members with the same name signing up at once get different handles.
 */
export async function uniqueHandle(db: Db, name: string): Promise<string> {
  const base = handleBase(name);
  if (!("$transaction" in db)) await lockName(db, "handle", base);
  const taken = new Set((await db.user.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } })).map((u) => u.handle));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true, deletedAt: true, emailVerifiedAt: true, totpEnabledAt: true, role: true },
  });
}

export async function getProfile(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      handle: true,
      email: true,
      title: true,
      role: true,
      emailVerifiedAt: true,
      listedPublicly: true,
      weeklyDigest: true,
      totpEnabledAt: true,
      createdAt: true,
      municipalityCode: true,
      affiliationStatus: true,
      affiliationRequestedAt: true,
      affiliationNote: true,
      suspendedUntil: true,
      municipality: { select: { name: true, officialName: true, county: { select: { name: true } } } },
      organisation: { select: { name: true, type: true } },
    },
  });
}

/** Whether the organisation part of a form names something that can exist (a known municipality; any organisation name). */
export async function organisationExists(choice: OrganisationChoice): Promise<boolean> {
  if (choice.orgKind !== "kommun") return true;
  return (await prisma.municipality.count({ where: { code: choice.municipalityCode } })) === 1;
}

/**
 * Resolves the organisation part of a form: a municipality code that exists, or an
 * organisation row. Runs in a transaction: Prisma's upsert is a read then a write,
 * so on PostgreSQL the name is locked first (two forms naming a new organisation
 * at once would otherwise both insert it and one would fail on the unique key).
 */
export async function resolveOrganisation(choice: OrganisationChoice, db: Tx) {
  if (choice.orgKind === "kommun") {
    const municipality = await db.municipality.findUnique({ where: { code: choice.municipalityCode }, select: { code: true } });
    return municipality ? { municipalityCode: municipality.code, organisationId: null } : null;
  }
  await lockName(db, "organisation", `${choice.orgType}:${choice.orgName}`);
  const organisation = await db.organisation.upsert({
    where: { name_type: { name: choice.orgName, type: choice.orgType } },
    create: { name: choice.orgName, type: choice.orgType },
    update: {},
    select: { id: true },
  });
  return { municipalityCode: null, organisationId: organisation.id };
}

export async function updateProfile(
  userId: string,
  data: { name: string; title: string; listedPublicly: boolean; organisation: OrganisationChoice },
): Promise<{ ok: true } | { ok: false; field: "municipalityCode"; message: string }> {
  return transaction(async (tx) => {
    const org = await resolveOrganisation(data.organisation, tx);
    if (!org) return { ok: false as const, field: "municipalityCode" as const, message: "Välj din kommun i listan." };
    const before = await tx.user.findUnique({ where: { id: userId }, select: { municipalityCode: true, organisationId: true } });
    await tx.user.update({
      where: { id: userId },
      data: { name: data.name, title: data.title, listedPublicly: data.listedPublicly, ...org },
    });
    // A new municipality or organisation is a new claim: the old verification does not carry over.
    const claimChanged = before?.municipalityCode !== org.municipalityCode || before?.organisationId !== org.organisationId;
    if (claimChanged) await settleAffiliation(tx, userId);
    return { ok: true as const };
  });
}

export async function setPasswordHash(userId: string, passwordHash: string, db: Db = prisma) {
  await db.user.update({ where: { id: userId }, data: { passwordHash } });
}

export async function getPasswordHash(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user?.passwordHash ?? null;
}

export async function listUsers({ query, take = 50 }: { query?: string; take?: number }) {
  return prisma.user.findMany({
    where: {
      deletedAt: null,
      ...(query ? { OR: [{ email: { contains: query.toLowerCase() } }, { name: { contains: query } }] } : {}),
    },
    orderBy: [{ role: "desc" }, { name: "asc" }],
    take,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      emailVerifiedAt: true,
      totpEnabledAt: true,
      createdAt: true,
      municipality: { select: { name: true } },
      organisation: { select: { name: true } },
    },
  });
}

/** Changes a role and writes the audit entry in the same transaction. */
export async function setRole(actorId: string, userId: string, role: string) {
  return transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
    if (!before) return null;
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, { actorId, action: "user.role", entityType: "User", entityId: userId, detail: { from: before.role, to: role } });
    return { from: before.role, to: role };
  });
}

/** For the command line: promote an existing account to admin. */
export async function promoteToAdmin(email: string) {
  return transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { email: email.toLowerCase(), deletedAt: null }, select: { id: true, role: true } });
    if (!user) return false;
    await tx.user.update({ where: { id: user.id }, data: { role: "admin" } });
    await recordAudit(tx, { actorId: null, action: "user.role", entityType: "User", entityId: user.id, detail: { from: user.role, to: "admin", via: "cli" } });
    return true;
  });
}
