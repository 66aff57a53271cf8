import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/** Users: lookups and profile changes. Account flows with tokens and email live in account.server.ts. */
type Db = Prisma.TransactionClient | typeof prisma;

export type OrganisationChoice =
  | { orgKind: "kommun"; municipalityCode: string }
  | { orgKind: "annan"; orgName: string; orgType: string };

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true, deletedAt: true, emailVerifiedAt: true, totpEnabledAt: true },
  });
}

export async function getProfile(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      title: true,
      role: true,
      emailVerifiedAt: true,
      listedPublicly: true,
      weeklyDigest: true,
      totpEnabledAt: true,
      createdAt: true,
      municipalityCode: true,
      municipality: { select: { name: true, county: { select: { name: true } } } },
      organisation: { select: { name: true, type: true } },
    },
  });
}

/** Resolves the organisation part of a form: a municipality code that exists, or an organisation row. */
export async function resolveOrganisation(choice: OrganisationChoice, db: Db = prisma) {
  if (choice.orgKind === "kommun") {
    const municipality = await db.municipality.findUnique({ where: { code: choice.municipalityCode }, select: { code: true } });
    return municipality ? { municipalityCode: municipality.code, organisationId: null } : null;
  }
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
  const org = await resolveOrganisation(data.organisation);
  if (!org) return { ok: false, field: "municipalityCode", message: "Välj din kommun i listan." };
  await prisma.user.update({
    where: { id: userId },
    data: { name: data.name, title: data.title, listedPublicly: data.listedPublicly, ...org },
  });
  return { ok: true };
}

export async function setPasswordHash(userId: string, passwordHash: string, db: Db = prisma) {
  await db.user.update({ where: { id: userId }, data: { passwordHash } });
}

export async function getPasswordHash(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user?.passwordHash ?? null;
}

export const ROLE_LABELS: Record<string, string> = {
  member: "Medlem",
  moderator: "Moderator",
  organizer: "Arrangör",
  admin: "Administratör",
};

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
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
    if (!before) return null;
    await tx.user.update({ where: { id: userId }, data: { role } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "user.role",
        entityType: "User",
        entityId: userId,
        detail: JSON.stringify({ from: before.role, to: role }),
      },
    });
    return { from: before.role, to: role };
  });
}

/** For the command line: promote an existing account to admin. */
export async function promoteToAdmin(email: string) {
  const { count } = await prisma.user.updateMany({ where: { email: email.toLowerCase(), deletedAt: null }, data: { role: "admin" } });
  if (count === 1) {
    await prisma.auditLog.create({
      data: { action: "user.role", entityType: "User", detail: JSON.stringify({ email: email.toLowerCase(), to: "admin", via: "cli" }) },
    });
  }
  return count === 1;
}
