// Sign-up, invitation lists and registrations with consent stay exact and
// answer cleanly when the same address arrives several times at once. On
// PostgreSQL (`npm run test:pg -- <this file>`) each call runs on its own pooled
// connection, so "does it exist? then insert" would race into a unique
// violation (a 500) without a lock or a retry.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { confirmEmail, requestEmailChange, signUp } from "./account.server";
import { requestInvitations } from "./invitation.server";
import { registerForEvent } from "./registration.server";
import { upsertReferenceData } from "./reference.server";

const borlange = { orgKind: "kommun" as const, municipalityCode: "2081" };

beforeAll(async () => {
  await upsertReferenceData();
});

describe("the same address several times at once", () => {
  it("signing up with one address five times at once makes one account and answers every request", async () => {
    const email = "samtidig@example.se";
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signUp({ name: `Samtidig ${i}`, email, title: "", passwordHash: "h", organisation: borlange })),
    );
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { toAddress: email, kind: "verify-email" } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { toAddress: email, kind: "account-exists" } })).toBe(4);
  });

  it("members with the same name signing up at once get different handles", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signUp({ name: "Kim Namne", email: `kim${i}@example.se`, title: "", passwordHash: "h", organisation: borlange })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const handles = (await prisma.user.findMany({ where: { email: { startsWith: "kim" } }, select: { handle: true } })).map((u) => u.handle);
    expect(handles).toHaveLength(5);
    expect(new Set(handles).size).toBe(5);
  });

  it("a new organisation named by several sign-ups at once is created once", async () => {
    const organisation = { orgKind: "annan" as const, orgName: "Samtidiga regionen", orgType: "region" };
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signUp({ name: `Org ${i}`, email: `org${i}@example.se`, title: "", passwordHash: "h", organisation })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await prisma.organisation.count({ where: { name: "Samtidiga regionen" } })).toBe(1);
  });

  it("asking for invitations with one address five times at once keeps one subscriber", async () => {
    const email = "inbjudan-samtidig@example.se";
    const results = await Promise.all(Array.from({ length: 5 }, () => requestInvitations({ email, name: "Inbjuden" })));
    expect(results.every((r) => r === "confirmation-sent" || r === "already-subscribed")).toBe(true);
    expect(await prisma.invitationSubscriber.count({ where: { email } })).toBe(1);
  });

  it("registering one address for several forums at once, with consent to invitations, registers for all of them", async () => {
    const startsAt = new Date(Date.now() + 10 * 24 * 3600_000);
    const events = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        prisma.event.create({
          data: { slug: `samtidigt-${i}`, title: `Forum ${i}`, startsAt, endsAt: new Date(+startsAt + 3600_000), status: "published", capacity: 10 },
          select: { id: true },
        }),
      ),
    );
    const email = "flera-forum@borlange.example";
    const results = await Promise.all(
      events.map((e) =>
        registerForEvent({
          eventId: e.id,
          email,
          name: "Flera Forum",
          title: "",
          municipalityCode: "2081",
          organisationName: "",
          userId: null,
          consentInvites: true,
        }),
      ),
    );
    expect(results.map((r) => r.outcome)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    expect(await prisma.registration.count({ where: { email } })).toBe(4);
    expect(await prisma.invitationSubscriber.count({ where: { email } })).toBe(1);
  });

  it("a change of address confirmed while someone signs up with that address: one account has it, no error", async () => {
    for (let round = 0; round < 5; round++) {
      await signUp({ name: `Byter ${round}`, email: `byter${round}@example.se`, title: "", passwordHash: "h", organisation: borlange });
      const { id } = await prisma.user.findUniqueOrThrow({ where: { email: `byter${round}@example.se` } });
      const email = `ny-adress-${round}@example.se`;
      await requestEmailChange(id, email);
      const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { toAddress: email, kind: "change-email" }, select: { text: true } });
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      const [confirmed, signedUp] = await Promise.all([
        confirmEmail(token),
        signUp({ name: "Ny", email, title: "", passwordHash: "h", organisation: borlange }),
      ]);
      expect(["changed", "taken"]).toContain(confirmed);
      expect(signedUp).toEqual({ ok: true });
      expect(await prisma.user.count({ where: { email } })).toBe(1);
    }
  });
});
