import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { confirmEmail, requestEmailChange, signUp } from "./account.server";
import { addAffiliationDomain, decideClaim, listPendingClaims, removeAffiliationDomain } from "./affiliation-admin.server";
import { isVerifiedMemberOf } from "./affiliation.server";
import { upsertReferenceData } from "./reference.server";
import { updateProfile } from "./user.server";

const BORLANGE = "2081";
const KRISTIANSTAD = "1290";
let organizerId: string;

async function tokenFromMail(to: string, kind: string) {
  const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { toAddress: to, kind }, orderBy: { createdAt: "desc" } });
  return /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}

/** Signs up with the address and confirms it, as a member would. */
async function confirmedMember(email: string, municipalityCode = BORLANGE) {
  await signUp({ name: "Prov Person", email, title: "", passwordHash: "h", organisation: { orgKind: "kommun", municipalityCode } });
  const before = await status(email);
  expect(await confirmEmail(await tokenFromMail(email, "verify-email"))).toBe("verified");
  return { before, id: (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id };
}

const status = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { affiliationStatus: true } })).affiliationStatus;

const pick = (userId: string, municipalityCode: string) =>
  updateProfile(userId, { name: "Prov Person", title: "", listedPublicly: false, organisation: { orgKind: "kommun", municipalityCode } });

beforeAll(async () => {
  await upsertReferenceData();
  organizerId = (await prisma.user.create({ data: { email: "arr@kommunforum.example", name: "Arrangör", role: "organizer" } })).id;
  expect(await addAffiliationDomain(organizerId, "borlange.se", { municipalityCode: BORLANGE, organisationId: null })).toMatchObject({ ok: true });
});

describe("verification by domain", () => {
  it("verifies a member when a work address on the municipality's domain is confirmed", async () => {
    const { before, id } = await confirmedMember("anna@borlange.se");
    expect(before).toBe("none"); // nothing is decided before the address is confirmed
    expect(await status("anna@borlange.se")).toBe("verified");
    expect(await isVerifiedMemberOf(prisma, id, BORLANGE)).toBe(true);
    // A subdomain belongs to the same owner.
    await confirmedMember("it@it.borlange.se");
    expect(await status("it@it.borlange.se")).toBe("verified");
  });

  it("puts anyone else who names the municipality in the organizer's queue", async () => {
    await confirmedMember("bo@gmail.example");
    await confirmedMember("cia@kristianstad.se"); // the address belongs to no registered domain of Borlänge
    expect(await status("bo@gmail.example")).toBe("pending");
    expect(await status("cia@kristianstad.se")).toBe("pending");
    expect((await listPendingClaims()).map((c) => c.email)).toEqual(expect.arrayContaining(["bo@gmail.example", "cia@kristianstad.se"]));
  });

  it("verifies waiting members when the organizer adds their domain, and queues them again when it is removed", async () => {
    const { id } = await confirmedMember("dan@falun.se", "2080");
    expect(await status("dan@falun.se")).toBe("pending");
    expect(await addAffiliationDomain(organizerId, "falun.se", { municipalityCode: "2080", organisationId: null })).toEqual({ ok: true, verified: 1 });
    expect(await status("dan@falun.se")).toBe("verified");
    expect(await addAffiliationDomain(organizerId, "falun.se", { municipalityCode: BORLANGE, organisationId: null })).toMatchObject({
      ok: false,
      field: "domain",
    });

    expect(await removeAffiliationDomain(organizerId, "falun.se")).toEqual({ ok: true, unverified: 1 });
    expect(await status("dan@falun.se")).toBe("pending");
    const audit = await prisma.auditLog.findMany({ where: { entityId: "falun.se" }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audit).toEqual([
      { action: "affiliation.domain.add", actorId: organizerId },
      { action: "affiliation.domain.remove", actorId: organizerId },
    ]);
    expect(id).toBeTruthy();
  });
});

describe("losing the verification", () => {
  it("drops it when the member picks another municipality, and keeps it when they only save the profile", async () => {
    const { id } = await confirmedMember("eva@borlange.se");
    await pick(id, BORLANGE);
    expect(await status("eva@borlange.se")).toBe("verified");
    await pick(id, KRISTIANSTAD);
    expect(await status("eva@borlange.se")).toBe("pending");
    expect(await isVerifiedMemberOf(prisma, id, KRISTIANSTAD)).toBe(false);
    expect(await isVerifiedMemberOf(prisma, id, BORLANGE)).toBe(false);
    await pick(id, BORLANGE); // back home: the domain verifies again
    expect(await status("eva@borlange.se")).toBe("verified");
  });

  it("drops an organizer's approval when the member changes municipality or address", async () => {
    const { id } = await confirmedMember("fia@gmail.example");
    const approve = () => decideClaim(organizerId, { userId: id, municipalityCode: BORLANGE, organisationId: null, decision: "approve" });
    expect(await approve()).toEqual({ ok: true });
    await pick(id, BORLANGE);
    expect(await status("fia@gmail.example")).toBe("verified");

    await requestEmailChange(id, "fia@hotmail.example");
    expect(await confirmEmail(await tokenFromMail("fia@hotmail.example", "change-email"))).toBe("changed");
    expect(await status("fia@hotmail.example")).toBe("pending");

    expect(await approve()).toEqual({ ok: true });
    await pick(id, KRISTIANSTAD);
    expect(await status("fia@hotmail.example")).toBe("pending");
  });
});

describe("the organizer's decision", () => {
  it("approves or rejects with a reason, audits it and mails the member", async () => {
    const { id: gus } = await confirmedMember("gus@gmail.example");
    const { id: hilda } = await confirmedMember("hilda@gmail.example");
    expect(await decideClaim(organizerId, { userId: gus, municipalityCode: BORLANGE, organisationId: null, decision: "approve" })).toEqual({ ok: true });
    expect(
      await decideClaim(organizerId, {
        userId: hilda,
        municipalityCode: BORLANGE,
        organisationId: null,
        decision: "reject",
        reason: "Ingen i Borlänge känner igen namnet.",
      }),
    ).toEqual({ ok: true });

    const users = await prisma.user.findMany({
      where: { id: { in: [gus, hilda] } },
      orderBy: { email: "asc" },
      select: { affiliationStatus: true, affiliationVerifiedBy: true, affiliationNote: true },
    });
    expect(users).toEqual([
      { affiliationStatus: "verified", affiliationVerifiedBy: "organizer", affiliationNote: "" },
      { affiliationStatus: "rejected", affiliationVerifiedBy: null, affiliationNote: "Ingen i Borlänge känner igen namnet." },
    ]);
    const audit = await prisma.auditLog.findMany({ where: { entityId: { in: [gus, hilda] } }, select: { action: true, actorId: true, detail: true } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual(
      expect.arrayContaining([
        ["affiliation.approve", organizerId],
        ["affiliation.reject", organizerId],
      ]),
    );
    const mails = await prisma.outboxEmail.findMany({
      where: { toAddress: { in: ["gus@gmail.example", "hilda@gmail.example"] }, kind: { startsWith: "affiliation" } },
      select: { kind: true, text: true },
    });
    expect(mails.map((m) => m.kind).sort()).toEqual(["affiliation-approved", "affiliation-rejected"]);
    expect(mails.find((m) => m.kind === "affiliation-rejected")!.text).toContain("Ingen i Borlänge känner igen namnet.");

    // Decided once: a second decision, or one about a claim that changed, is refused.
    expect(await decideClaim(organizerId, { userId: hilda, municipalityCode: BORLANGE, organisationId: null, decision: "approve" })).toMatchObject({
      ok: false,
    });
    const { id: ivar } = await confirmedMember("ivar@gmail.example");
    await pick(ivar, KRISTIANSTAD);
    expect(await decideClaim(organizerId, { userId: ivar, municipalityCode: BORLANGE, organisationId: null, decision: "approve" })).toMatchObject({
      ok: false,
    });
    expect(await status("ivar@gmail.example")).toBe("pending");
  });
});
