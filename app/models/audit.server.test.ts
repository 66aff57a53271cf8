import { describe, expect, it } from "vitest";
import { makeThread, makeUser } from "~/test/discussion-fixtures";
import { countQueries, prisma } from "~/utils/db.server";
import { describeAudit, GONE, type AuditPart } from "~/utils/audit-text";
import { auditFilterOptions, listAuditLog, listAuditPage, recordAudit } from "./audit.server";
import { hidePost } from "./moderation.server";
import { cancelRegistration } from "./registration.server";

const HOUR = 3600_000;
const plain = (parts: AuditPart[]) => parts.map((p) => (typeof p === "string" ? p : p.name)).join("");

async function makeEvent(title: string) {
  const startsAt = new Date(Date.now() + 30 * 24 * HOUR);
  return prisma.event.create({
    data: { slug: title.toLowerCase().replace(/\W+/g, "-"), title, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), status: "published" },
  });
}

describe("audit log", () => {
  it("writes with the change's transaction: a rolled-back change leaves no entry", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: "event.publish", entityType: "Event", entityId: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("lists newest first and pages with a cursor, at most one page at a time", async () => {
    for (let i = 0; i < 60; i++) await recordAudit(prisma, { actorId: null, action: "event.publish", entityType: "Event", entityId: `id-${i}`, detail: { i } });
    const first = await listAuditLog({});
    expect(first.rows).toHaveLength(50);
    const second = await listAuditLog({ before: first.next! });
    expect(second.rows).toHaveLength(10);
    expect(second.next).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(60);
  });

  it("filters by person, forum and period, and names and links what each entry concerns", async () => {
    const anna = await makeUser({ name: "Anna Andersson", role: "organizer" });
    const bo = await makeUser({ name: "Bo Berg", role: "moderator" });
    const forum = await makeEvent("Kommunforum Analytics 2027");
    const other = await makeEvent("Ett annat forum");
    const reg = await prisma.registration.create({
      data: { eventId: forum.id, email: "eva@kommun.se", name: "Eva Ek", status: "confirmed", consentedAt: new Date() },
    });

    // Through the real call sites, so the entries carry what they carry in production.
    await recordAudit(prisma, { actorId: anna.id, action: "event.publish", entityType: "Event", entityId: forum.id });
    await recordAudit(prisma, { actorId: anna.id, action: "event.publish", entityType: "Event", entityId: other.id });
    expect(await cancelRegistration(reg.id, { actorId: anna.id })).toMatchObject({ outcome: "cancelled" });
    const { thread, question } = await makeThread({ authorId: anna.id, title: "Hur kom ni igång med öppna data i kommunen?", notify: false });
    expect(await hidePost(bo.id, question.id, "Reklam")).toMatchObject({ ok: true });

    const inForum = await listAuditPage({ eventId: forum.id }, false);
    expect(inForum.rows.map((r) => r.action).sort()).toEqual(["event.publish", "registration.cancel"]);
    const cancel = inForum.rows.find((r) => r.action === "registration.cancel")!;
    expect(plain(describeAudit(cancel, cancel.refs))).toBe("avbokade Eva Ek från ”Kommunforum Analytics 2027”");
    expect(cancel.refs.forum?.href).toBe(`/admin/forum/${forum.id}`);
    expect(cancel.refs.person?.href).toBe(`/admin/forum/${forum.id}/anmalningar`);
    expect(cancel.actor).toMatchObject({ name: "Anna Andersson", role: "organizer" });

    const byBo = await listAuditPage({ actorId: bo.id }, false);
    expect(byBo.rows).toHaveLength(1);
    const hide = byBo.rows[0]!;
    expect(plain(describeAudit(hide, hide.refs))).toBe("dolde ett inlägg i ”Hur kom ni igång med öppna data i kommu…”");
    expect(hide.refs.thread?.href).toBe(`/diskussioner/${thread.id}/${thread.slug}`);
    expect(hide.refs.post?.href).toBe(`/diskussioner/${thread.id}/${thread.slug}#inlagg-${question.id}`);
    expect(hide.detail.reason).toBe("Reklam");

    // Period: from (inclusive) to (exclusive).
    const old = new Date("2026-03-31T21:59:00Z");
    await prisma.auditLog.updateMany({ where: { actorId: bo.id }, data: { createdAt: old } });
    expect((await listAuditLog({ from: new Date("2026-03-31T22:00:00Z") })).rows.map((r) => r.actor?.id)).not.toContain(bo.id);
    expect((await listAuditLog({ to: new Date("2026-03-31T22:00:00Z") })).rows.map((r) => r.actor?.id)).toEqual([bo.id]);
    expect((await listAuditLog({ actorId: bo.id, from: new Date(old.getTime() - HOUR), to: new Date(old.getTime() + HOUR) })).rows).toHaveLength(1);

    // A forum that is gone: no link, and the log says so.
    await prisma.event.delete({ where: { id: other.id } });
    const gone = (await listAuditPage({ eventId: other.id }, false)).rows[0]!;
    expect(gone.refs.forum).toEqual({ name: GONE, href: null });

    const options = await auditFilterOptions();
    expect(options.people.map((p) => p.name)).toEqual(["Anna Andersson", "Bo Berg"]);
    expect(options.forums.map((f) => f.title)).toContain("Kommunforum Analytics 2027");
  });

  it("links a person to the user list for an admin only", async () => {
    const admin = await makeUser({ name: "Ada Admin", role: "admin" });
    const member = await makeUser({ name: "Mia Medlem" });
    await recordAudit(prisma, { actorId: admin.id, action: "user.role", entityType: "User", entityId: member.id, detail: { from: "member", to: "moderator" } });
    const [forAdmin] = (await listAuditPage({}, true)).rows;
    const [forOrganizer] = (await listAuditPage({}, false)).rows;
    expect(forAdmin!.refs.person).toEqual({ name: "Mia Medlem", href: `/admin/anvandare?q=${encodeURIComponent(member.email)}` });
    expect(forOrganizer!.refs.person).toEqual({ name: "Mia Medlem", href: null });
    expect(plain(describeAudit(forAdmin!, forAdmin!.refs))).toBe("ändrade rollen för Mia Medlem från medlem till moderator");
  });

  it("loads what a page concerns in one query per kind, however many rows point at it (no query per row)", async () => {
    const moderator = await makeUser({ role: "moderator" });
    const run = async (threads: number) => {
      await prisma.auditLog.deleteMany();
      for (let i = 0; i < threads; i++) {
        const { question } = await makeThread({ authorId: moderator.id, title: `Tråd ${i}`, notify: false });
        expect(await hidePost(moderator.id, question.id, "Reklam")).toMatchObject({ ok: true });
        await recordAudit(prisma, {
          actorId: moderator.id,
          action: "registration.cancel",
          entityType: "Registration",
          entityId: `gone-${i}`,
          detail: { eventId: `gone-${i}` },
        });
      }
      const { result, queries } = await countQueries(() => listAuditPage({}, false));
      expect(result.rows).toHaveLength(threads * 2);
      return queries;
    };
    expect(await run(20)).toBe(await run(2));
  });
});
