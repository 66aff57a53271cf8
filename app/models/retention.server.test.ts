import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { upsertReferenceData } from "./reference.server";
import { runDailyRetention, runRetention } from "./retention.server";

const NOW = new Date("2026-11-28T12:00:00Z");
const monthsAgo = (m: number) => new Date(Date.UTC(2026, 10 - m, 28, 12));
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 24 * 3600 * 1000);

async function eventEnded(slug: string, endsAt: Date) {
  return prisma.event.create({ data: { slug, title: slug, startsAt: new Date(endsAt.getTime() - 5400_000), endsAt, status: "published" } });
}

beforeAll(async () => {
  await upsertReferenceData();
});

describe("data retention", () => {
  it("anonymises old registrations but keeps the counts per municipality", async () => {
    const old = await eventEnded("gammalt-forum", monthsAgo(25));
    const recent = await eventEnded("nytt-forum", monthsAgo(3));
    const reg = (eventId: string, email: string, municipalityCode: string) =>
      prisma.registration.create({
        data: { eventId, email, name: `Namn ${email}`, title: "Analytiker", municipalityCode, status: "confirmed", consentedAt: monthsAgo(26) },
      });
    await reg(old.id, "a@borlange.example", "2081");
    await reg(old.id, "b@borlange.example", "2081");
    await reg(old.id, "c@kristianstad.example", "1290");
    await reg(recent.id, "d@borlange.example", "2081");
    const countsBefore = await prisma.registration.groupBy({ by: ["municipalityCode"], where: { eventId: old.id }, _count: { _all: true } });

    const result = await runRetention(NOW);
    expect(result.anonymisedRegistrations).toBe(3);

    const oldRows = await prisma.registration.findMany({ where: { eventId: old.id }, select: { email: true, name: true, title: true, anonymisedAt: true } });
    for (const row of oldRows) {
      expect(row.email).toMatch(/^anonymiserad-.*@invalid\.local$/);
      expect(row.name).toBe("Anonymiserad");
      expect(row.title).toBe("");
      expect(row.anonymisedAt).not.toBeNull();
    }
    const countsAfter = await prisma.registration.groupBy({ by: ["municipalityCode"], where: { eventId: old.id }, _count: { _all: true } });
    expect(countsAfter).toEqual(countsBefore);
    const recentRow = await prisma.registration.findFirstOrThrow({ where: { eventId: recent.id }, select: { email: true } });
    expect(recentRow.email).toBe("d@borlange.example");
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "retention.run", entityType: "Retention" },
      orderBy: { createdAt: "desc" },
      select: { detail: true },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ anonymisedRegistrations: 3 });
    // A second run finds nothing new.
    expect((await runRetention(NOW)).anonymisedRegistrations).toBe(0);
  });

  it("clears every personal field and link of a registration, and knows every field the table has", async () => {
    // Personal: who the registrant is, or a way back to them (their account, their mailbox).
    const PERSONAL = ["email", "name", "title", "organisationName", "userId", "confirmTokenHash"] as const;
    // Kept for the statistics (counts per municipality and status) and the record of what happened.
    const KEPT = [
      "id",
      "eventId",
      "municipalityCode",
      "status",
      "waitlistSeq",
      "consentInvites",
      "consentedAt",
      "attendedAt",
      "promotedAt",
      "cancelledAt",
      "pendingUntil",
      "anonymisedAt",
      "createdAt",
      "updatedAt",
    ];
    // A new column must be sorted into one of the two lists above.
    expect(Object.keys(Prisma.RegistrationScalarFieldEnum).sort()).toEqual([...PERSONAL, ...KEPT].sort());

    const event = await eventEnded("forum-alla-falt", monthsAgo(25));
    const user = await prisma.user.create({ data: { email: "anmald@example.se", name: "Anmäld Person" }, select: { id: true } });
    const registration = await prisma.registration.create({
      data: {
        eventId: event.id,
        email: "anmald@example.se",
        name: "Anmäld Person",
        title: "Dataanalytiker",
        organisationName: "Region Exempel",
        userId: user.id,
        confirmTokenHash: "a".repeat(64),
        municipalityCode: "2081",
        status: "confirmed",
        attendedAt: monthsAgo(25),
        consentedAt: monthsAgo(26),
      },
    });

    await runRetention(NOW);
    const after = await prisma.registration.findUniqueOrThrow({ where: { id: registration.id } });
    const personal = Object.fromEntries(PERSONAL.map((field) => [field, after[field]]));
    expect(personal).toEqual({
      email: `anonymiserad-${registration.id}@invalid.local`,
      name: "Anonymiserad",
      title: "",
      organisationName: "",
      userId: null,
      confirmTokenHash: null,
    });
    expect(after.anonymisedAt).toEqual(NOW);
    expect(after).toMatchObject({ municipalityCode: "2081", status: "confirmed", attendedAt: monthsAgo(25) });
    // The account no longer leads to it.
    expect(await prisma.registration.count({ where: { userId: user.id } })).toBe(0);
  });

  it("deletes contact messages archived long ago and unverified accounts after the grace period", async () => {
    const contact = (email: string, status: string, archivedAt: Date | null) =>
      prisma.contactMessage.create({ data: { name: "X", email, subject: "ovrigt", body: "Hej", status, archivedAt, consentedAt: monthsAgo(30) } });
    await contact("gammal@example.se", "arkiverad", monthsAgo(25));
    await contact("farsk@example.se", "arkiverad", monthsAgo(1));
    await contact("obesvarad@example.se", "ny", null);
    const user = (email: string, verified: boolean, createdAt: Date) =>
      prisma.user.create({ data: { email, name: "Y", emailVerifiedAt: verified ? createdAt : null, createdAt } });
    await user("obekraftad-gammal@example.se", false, daysAgo(31));
    await user("obekraftad-ny@example.se", false, daysAgo(5));
    await user("bekraftad@example.se", true, daysAgo(400));

    const result = await runRetention(NOW);
    expect(result.deletedContactMessages).toBe(1);
    expect(result.deletedUnverifiedAccounts).toBe(1);
    expect((await prisma.contactMessage.findMany({ select: { email: true }, orderBy: { email: "asc" } })).map((c) => c.email)).toEqual([
      "farsk@example.se",
      "obesvarad@example.se",
    ]);
    expect(await prisma.user.count({ where: { email: "obekraftad-gammal@example.se" } })).toBe(0);
    expect(await prisma.user.count({ where: { email: { in: ["obekraftad-ny@example.se", "bekraftad@example.se"] } } })).toBe(2);
  });

  it("deletes registrations whose confirmation link ran out unused, after the grace period for unconfirmed addresses", async () => {
    const event = await eventEnded("obekraftat-forum", daysAgo(-20));
    const reg = (email: string, status: string, pendingUntil: Date) =>
      prisma.registration.create({ data: { eventId: event.id, email, name: "Någon", status, pendingUntil, consentedAt: pendingUntil } });
    await reg("utgangen-gammal@third.example", "expired", daysAgo(31));
    await reg("utgangen-ny@third.example", "expired", daysAgo(5));
    await reg("vantar@third.example", "pending", daysAgo(40));
    await reg("bekraftad@borlange.example", "confirmed", daysAgo(40));

    const result = await runRetention(NOW);
    expect(result.deletedExpiredRegistrations).toBe(1);
    const left = await prisma.registration.findMany({ where: { eventId: event.id }, select: { email: true }, orderBy: { email: "asc" } });
    expect(left.map((r) => r.email)).toEqual(["bekraftad@borlange.example", "utgangen-ny@third.example", "vantar@third.example"]);
  });

  it("keeps an unconfirmed account that wrote in the discussions, a post or a thread", async () => {
    const category = await prisma.discussionCategory.create({ data: { slug: "retention-test", name: "Test" } });
    const old = (email: string) => prisma.user.create({ data: { email, name: "Z", createdAt: daysAgo(60) }, select: { id: true } });
    const threadAuthor = await old("tradstartare@example.se");
    const postAuthor = await old("svarare@example.se");
    const thread = await prisma.thread.create({ data: { categoryId: category.id, authorId: threadAuthor.id, title: "Fråga", slug: "fraga" } });
    await prisma.post.create({ data: { threadId: thread.id, authorId: postAuthor.id, kind: "answer", bodyMd: "Svar" } });
    await old("tyst@example.se");

    expect((await runRetention(NOW)).deletedUnverifiedAccounts).toBe(1);
    const left = await prisma.user.findMany({
      where: { email: { in: ["tradstartare@example.se", "svarare@example.se", "tyst@example.se"] } },
      select: { email: true },
    });
    expect(left.map((u) => u.email).sort()).toEqual(["svarare@example.se", "tradstartare@example.se"]);
  });

  it("deletes sent and failed mail after RETENTION_MAIL_DAYS, keeps what waits to be sent, and drops expired sessions", async () => {
    const mail = (toAddress: string, status: string, createdAt: Date) =>
      prisma.outboxEmail.create({ data: { toAddress, subject: "Ämne", text: "Text", kind: "test", status, createdAt } });
    await mail("gammal-skickad@example.se", "sent", daysAgo(91));
    await mail("gammal-misslyckad@example.se", "failed", daysAgo(91));
    await mail("gammal-i-kon@example.se", "queued", daysAgo(91));
    await mail("ny-skickad@example.se", "sent", daysAgo(89));
    const user = await prisma.user.create({ data: { email: "sessioner@example.se", name: "S" }, select: { id: true } });
    const session = (id: string, expiresAt: Date, absoluteExpiresAt: Date) =>
      prisma.session.create({ data: { id, userId: user.id, expiresAt, absoluteExpiresAt } });
    await session("idle-ute", daysAgo(1), daysAgo(-20));
    await session("absolut-ute", daysAgo(-5), daysAgo(0));
    await session("levande", daysAgo(-5), daysAgo(-20));

    const result = await runRetention(NOW);
    expect(result).toMatchObject({ deletedMails: 2, deletedSessions: 2 });
    const left = await prisma.outboxEmail.findMany({ where: { kind: "test" }, select: { toAddress: true }, orderBy: { toAddress: "asc" } });
    expect(left.map((m) => m.toAddress)).toEqual(["gammal-i-kon@example.se", "ny-skickad@example.se"]);
    expect((await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).map((r) => r.id)).toEqual(["levande"]);
  });

  it("runs once a day however many processes try", async () => {
    const day = new Date("2030-01-02T03:00:00Z");
    const results = await Promise.all([runDailyRetention(day), runDailyRetention(day), runDailyRetention(day)]);
    const ran = results.filter((r) => r !== null);
    expect(ran).toHaveLength(1);
    // The day's claim keeps what the run did.
    const claim = await prisma.jobRun.findUniqueOrThrow({ where: { key: "retention:2030-01-02" } });
    expect(JSON.parse(claim.detail)).toEqual(ran[0]);
    expect(await runDailyRetention(new Date("2030-01-02T23:00:00Z"))).toBeNull();
    expect(await runDailyRetention(new Date("2030-01-03T01:00:00Z"))).not.toBeNull();
  });
});
