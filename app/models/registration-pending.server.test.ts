import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { nextForumStats } from "./dashboard.server";
import { confirmRegistration, expirePendingRegistrations, getPendingRegistration, pendingUntilFor, requestRegistration } from "./registration-pending.server";
import { countRegistrations, exportRegistrations, listRegistrations } from "./registration-admin.server";
import { getOwnRegistration, registerForEvent, type RegistrationInput } from "./registration.server";

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR);

async function makeEvent(
  slug: string,
  { capacity = 2, startsInHours = 240, deadlineInHours }: { capacity?: number | null; startsInHours?: number; deadlineInHours?: number } = {},
) {
  const startsAt = inHours(startsInHours);
  return prisma.event.create({
    data: {
      slug,
      title: `Forum ${slug}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1.5 * HOUR),
      status: "published",
      capacity,
      joinUrl: "https://meet.example/hemlig",
      registrationDeadline: deadlineInHours === undefined ? null : inHours(deadlineInHours),
    },
    select: { id: true },
  });
}

// What a stranger types: free text that must never reach a mail to an unproven address.
const visitor = (eventId: string, n: number | string, extra: Partial<RegistrationInput> = {}): RegistrationInput => ({
  eventId,
  email: `fill${n}@third.example`,
  name: `KÖP BILLIGT PÅ spam.example ${n}`,
  title: "Besök spam.example nu",
  municipalityCode: null,
  organisationName: "spam.example AB",
  userId: null,
  consentInvites: false,
  ...extra,
});

const mailsTo = (email: string) =>
  prisma.outboxEmail.findMany({ where: { toAddress: email }, orderBy: { createdAt: "asc" }, select: { kind: true, subject: true, text: true, html: true } });

const tokenIn = (text: string) => decodeURIComponent(/\/forum\/bekrafta\?token=([^\s&]+)/.exec(text)?.[1] ?? "");

async function tokenFor(email: string) {
  const mail = (await mailsTo(email)).filter((m) => m.kind === "registration-confirm-request").at(-1);
  return tokenIn(mail?.text ?? "");
}

const seatsTaken = async (id: string) => (await prisma.event.findUniqueOrThrow({ where: { id }, select: { seatsTaken: true } })).seatsTaken;

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
});

describe("registration by an unproven address", () => {
  it("takes no seat and mails only a confirmation link with a neutral greeting; the link confirms once", async () => {
    const { id } = await makeEvent("ej-bekraftad", { capacity: 1 });
    expect(await requestRegistration(visitor(id, 1))).toEqual({ outcome: "sent", mail: "confirm" });
    expect(await seatsTaken(id)).toBe(0);
    const row = await prisma.registration.findFirstOrThrow({
      where: { eventId: id },
      select: { status: true, confirmTokenHash: true, pendingUntil: true, waitlistSeq: true },
    });
    expect(row).toMatchObject({ status: "pending", waitlistSeq: null });
    expect(row.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const [mail, ...more] = await mailsTo("fill1@third.example");
    expect(more).toEqual([]);
    expect(mail?.kind).toBe("registration-confirm-request");
    for (const body of [mail!.text, mail!.html]) {
      expect(body).not.toContain("spam.example");
      expect(body).not.toMatch(/\/forum\/(anmalan|avanmal)\?/);
    }
    expect(mail!.text.startsWith("Hej!\n")).toBe(true);
    const token = tokenIn(mail!.text);
    // Only the hash is stored.
    expect(row.confirmTokenHash).not.toContain(token);

    // Opening the page changes nothing; the button confirms, once.
    expect(await getPendingRegistration(token)).toMatchObject({ email: "fill1@third.example", closedReason: null });
    expect(await seatsTaken(id)).toBe(0);
    const confirmed = await confirmRegistration(token);
    expect(confirmed).toMatchObject({ outcome: "confirmed" });
    expect(await confirmRegistration(token)).toEqual({ outcome: "invalid" });
    expect(await getPendingRegistration(token)).toBeNull();
    expect(await seatsTaken(id)).toBe(1);
    const seatMail = (await mailsTo("fill1@third.example")).at(-1);
    expect(seatMail?.kind).toBe("registration-confirmed");
    expect(seatMail?.text).toMatch(/\/forum\/avanmal\?r=[^&\s]+&sig=/);
    expect(seatMail?.text).toContain("https://meet.example/hemlig");
  });

  it("a registered address gets its links by mail, with the same answer; mails per address are limited", async () => {
    const { id } = await makeEvent("igen", { capacity: 5 });
    const email = "igen@borlange.example";
    await requestRegistration(visitor(id, "x", { email }));
    const first = await confirmRegistration(await tokenFor(email));
    if (first.outcome !== "confirmed") throw new Error("unexpected");

    // Anyone sending the form again for the address: the same answer, and the owner gets the links.
    expect(await requestRegistration(visitor(id, "y", { email }))).toEqual({ outcome: "sent", mail: "links" });
    const links = (await mailsTo(email)).at(-1)!;
    expect(links.kind).toBe("registration-links");
    expect(links.text).toContain(`r=${first.registrationId}`);
    expect(links.text).not.toContain("spam.example");
    expect(await requestRegistration(visitor(id, "z", { email }))).toEqual({ outcome: "sent", mail: "links" });
    // The third mail to the address within the hour is the last (confirm + 2 links above).
    expect(await requestRegistration(visitor(id, "w", { email }))).toEqual({ outcome: "sent", mail: "none" });
    expect((await mailsTo(email)).filter((m) => m.kind.startsWith("registration-") && m.kind !== "registration-confirmed")).toHaveLength(3);
    expect((await getOwnRegistration(first.registrationId))?.name).toBe("KÖP BILLIGT PÅ spam.example x");
  });

  it("sending again while pending replaces the link; 20 at once store one row", async () => {
    const { id } = await makeEvent("dubbel-pending", { capacity: 5 });
    await requestRegistration(visitor(id, "d1"));
    const oldToken = await tokenFor("filld1@third.example");
    await requestRegistration(visitor(id, "d1", { name: "Rätt Namn" }));
    const newToken = await tokenFor("filld1@third.example");
    expect(newToken).not.toBe(oldToken);
    expect(await confirmRegistration(oldToken)).toEqual({ outcome: "invalid" });
    expect(await confirmRegistration(newToken)).toMatchObject({ outcome: "confirmed" });

    const all = await Promise.all(Array.from({ length: 20 }, () => requestRegistration(visitor(id, "d2"))));
    expect(all.every((r) => r.outcome === "sent")).toBe(true);
    expect(await prisma.registration.count({ where: { eventId: id, email: "filld2@third.example" } })).toBe(1);
    expect((await mailsTo("filld2@third.example")).length).toBeLessThanOrEqual(3);
  });

  it("confirmations racing for the last seat: exactly one gets it, the rest queue in order", async () => {
    const { id } = await makeEvent("sista-platsen", { capacity: 3 });
    for (const n of [1, 2]) expect((await registerForEvent({ ...visitor(id, `m${n}`), email: `member${n}@borlange.example` })).outcome).toBe("confirmed");
    for (let i = 0; i < 20; i++) await requestRegistration(visitor(id, `r${i}`));
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenFor(`fillr${i}@third.example`)));
    // Each link pressed twice at the same moment as well.
    const results = await Promise.all([...tokens, ...tokens].map((t) => confirmRegistration(t)));
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "waitlisted")).toHaveLength(19);
    expect(results.filter((r) => r.outcome === "invalid")).toHaveLength(20);
    expect(await seatsTaken(id)).toBe(3);
    const queue = await prisma.registration.findMany({ where: { eventId: id, status: "waitlisted" }, select: { waitlistSeq: true } });
    expect(queue.map((r) => r.waitlistSeq).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });

  it("expires unconfirmed at 24 hours, or at the deadline when that comes first", async () => {
    const now = new Date();
    const soon = await makeEvent("snart", { deadlineInHours: 5 });
    const later = await makeEvent("senare");
    const e = (x: { id: string }) => prisma.event.findUniqueOrThrow({ where: { id: x.id }, select: { startsAt: true, registrationDeadline: true } });
    expect(pendingUntilFor(await e(soon), now)).toEqual((await e(soon)).registrationDeadline);
    expect(pendingUntilFor(await e(later), now).getTime()).toBe(now.getTime() + 24 * HOUR);

    await requestRegistration(visitor(later.id, "e1"), now);
    const token = await tokenFor("fille1@third.example");
    const row = () => prisma.registration.findFirstOrThrow({ where: { email: "fille1@third.example" }, select: { status: true, confirmTokenHash: true } });
    await expirePendingRegistrations(new Date(now.getTime() + 23 * HOUR));
    expect((await row()).status).toBe("pending");
    expect(await confirmRegistration(token, new Date(now.getTime() + 24 * HOUR))).toEqual({ outcome: "invalid" });
    expect(await expirePendingRegistrations(new Date(now.getTime() + 24 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await row()).toEqual({ status: "expired", confirmTokenHash: null });
    expect(await confirmRegistration(token)).toEqual({ outcome: "invalid" });
    expect(await seatsTaken(later.id)).toBe(0);
    // Registering again brings the same row back as pending.
    expect(await requestRegistration(visitor(later.id, "e1"))).toEqual({ outcome: "sent", mail: "confirm" });
    expect(await prisma.registration.count({ where: { email: "fille1@third.example" } })).toBe(1);
  });

  it("a signed-in member with a confirmed address takes over a pending registration at once", async () => {
    const { id } = await makeEvent("medlem-tar-over", { capacity: 5 });
    await requestRegistration(visitor(id, "m", { email: "medlem@borlange.example" }));
    const token = await tokenFor("medlem@borlange.example");
    const member = await registerForEvent({ ...visitor(id, "m"), email: "medlem@borlange.example", name: "Medlem Medlemsson" });
    expect(member.outcome).toBe("confirmed");
    expect(await confirmRegistration(token)).toEqual({ outcome: "invalid" });
    expect(await seatsTaken(id)).toBe(1);
  });

  it("organizer views show pending ones as pending and never count them as seats", async () => {
    const { id } = await makeEvent("arrangor-ser", { capacity: 10, startsInHours: 1 });
    const organizer = await prisma.user.create({ data: { email: "org@kommunforum.example", name: "Org", role: "organizer" }, select: { id: true } });
    await registerForEvent({ ...visitor(id, "s1"), email: "plats@borlange.example", municipalityCode: "2081" });
    await requestRegistration(visitor(id, "p1", { municipalityCode: "2081" }));
    await requestRegistration(visitor(id, "p2"));

    const counts = await countRegistrations(id);
    expect(counts).toMatchObject({ confirmed: 1, waitlisted: 0, pending: 2 });
    expect(counts.byMunicipality).toEqual([{ name: "Borlänge", count: 1 }]);
    const lists = await listRegistrations(id);
    expect(lists.confirmed.map((r) => r.email)).toEqual(["plats@borlange.example"]);
    expect(lists.pending.map((r) => r.email).sort()).toEqual(["fillp1@third.example", "fillp2@third.example"]);
    const csv = await exportRegistrations(id, organizer.id);
    expect(csv.map((r) => r[0])).toEqual(["Plats", "Ej bekräftad", "Ej bekräftad"]);
    const stats = await nextForumStats();
    expect(stats).toMatchObject({ id, confirmed: 1, pending: 2, seatsLeft: 9 });
    expect(stats!.perDay.reduce((sum, d) => sum + d.n, 0)).toBe(1);
  });
});
