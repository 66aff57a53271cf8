import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { sha256Hex } from "~/utils/crypto.server";
import { endAllSessions, getAuth, getOptionalUser, lucia, startSession } from "~/models/auth.server";
import { countUserSessions, markSessionTwoFactorVerified } from "./session.server";

async function makeUser(email: string) {
  return prisma.user.create({ data: { email, name: "Test Testsson", passwordHash: "x" }, select: { id: true } });
}

function requestWith(cookie: string) {
  return new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } });
}

describe("database sessions", () => {
  it("stores only the SHA-256 of the session id", async () => {
    const user = await makeUser("hash@example.se");
    const { session } = await startSession(user.id, { twoFactorVerified: true });
    const rows = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(rows).toEqual([{ id: sha256Hex(session.id) }]);
    expect(rows[0]!.id).not.toBe(session.id);
  });

  it("validates the cookie, and a logged-out session is dead on the server", async () => {
    const user = await makeUser("cookie@example.se");
    const { session, cookie } = await startSession(user.id, { twoFactorVerified: true });
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const auth = await getAuth(requestWith(cookie));
    expect(auth.user?.id).toBe(user.id);
    await lucia().invalidateSession(session.id);
    const after = await getAuth(requestWith(cookie));
    expect(after.user).toBeNull();
  });

  it("ends a session at its absolute lifetime even while it is in use", async () => {
    const user = await makeUser("absolute@example.se");
    const { session, cookie } = await startSession(user.id, { twoFactorVerified: true });
    await prisma.session.update({ where: { id: sha256Hex(session.id) }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect((await getAuth(requestWith(cookie))).user).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("ends a session that was idle too long although its absolute lifetime is not over", async () => {
    const user = await makeUser("idle@example.se");
    const { session, cookie } = await startSession(user.id, { twoFactorVerified: true });
    await prisma.session.update({ where: { id: sha256Hex(session.id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getAuth(requestWith(cookie))).user).toBeNull();
  });

  it("extends a session in use by the idle period", async () => {
    const user = await makeUser("forlangs@example.se");
    const { session, cookie } = await startSession(user.id, { twoFactorVerified: true });
    const other = await startSession(user.id, { twoFactorVerified: true });
    const otherBefore = await prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(other.session.id) }, select: { expiresAt: true } });
    // Past half its idle time: Lucia extends it by a week, well inside the absolute lifetime.
    await prisma.session.update({ where: { id: sha256Hex(session.id) }, data: { expiresAt: new Date(Date.now() + 86_400_000) } });
    const auth = await getAuth(requestWith(cookie));
    expect(auth.setCookie).toMatch(/^kf_session=/);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(session.id) }, select: { expiresAt: true } });
    expect((row.expiresAt.getTime() - Date.now()) / 86_400_000).toBeCloseTo(7, 1);
    // Only that session.
    expect(await prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(other.session.id) }, select: { expiresAt: true } })).toEqual(otherBefore);
  });

  it("never extends an idle session past its absolute lifetime", async () => {
    const user = await makeUser("extend@example.se");
    const { session, cookie } = await startSession(user.id, { twoFactorVerified: true });
    const absolute = new Date(Date.now() + 60 * 60 * 1000);
    // Past half its idle time, so Lucia wants to extend it by a week.
    await prisma.session.update({
      where: { id: sha256Hex(session.id) },
      data: { expiresAt: new Date(Date.now() + 60_000), absoluteExpiresAt: absolute },
    });
    const auth = await getAuth(requestWith(cookie));
    expect(auth.user?.id).toBe(user.id);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(session.id) }, select: { expiresAt: true } });
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(absolute.getTime());
  });

  it("marks a session as past its TOTP step, that session only", async () => {
    const user = await prisma.user.create({ data: { email: "tvasteg@example.se", name: "T", totpEnabledAt: new Date() }, select: { id: true } });
    const waiting = await startSession(user.id, { twoFactorVerified: false });
    const other = await startSession(user.id, { twoFactorVerified: false });
    expect(await getOptionalUser(requestWith(waiting.cookie))).toBeNull();
    await markSessionTwoFactorVerified(waiting.session.id);
    expect((await getOptionalUser(requestWith(waiting.cookie)))?.id).toBe(user.id);
    expect(await getOptionalUser(requestWith(other.cookie))).toBeNull();
  });

  it("counts a user's live sessions, lists them by hash only, and ends them all", async () => {
    const user = await makeUser("alla@example.se");
    const other = await makeUser("andra@example.se");
    const first = await startSession(user.id, { twoFactorVerified: true });
    await startSession(user.id, { twoFactorVerified: false });
    const theirs = await startSession(other.id, { twoFactorVerified: true });
    // An idle-expired one is not counted.
    const stale = await startSession(user.id, { twoFactorVerified: true });
    await prisma.session.update({ where: { id: sha256Hex(stale.session.id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await countUserSessions(user.id)).toBe(2);

    const listed = await lucia().getUserSessions(user.id);
    // Lucia leaves out the expired one.
    const ids = listed.map((s) => s.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(sha256Hex(first.session.id));
    expect(ids).not.toContain(first.session.id);
    expect(listed.every((s) => s.userId === user.id && s.absoluteExpiresAt instanceof Date)).toBe(true);
    expect(listed.map((s) => s.twoFactorVerified).sort()).toEqual([false, true]);

    await endAllSessions(user.id);
    expect(await countUserSessions(user.id)).toBe(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await getAuth(requestWith(theirs.cookie))).user?.id).toBe(other.id);
  });

  it("removes expired sessions, idle or past their absolute lifetime, and keeps live ones", async () => {
    const user = await makeUser("utgangna@example.se");
    const live = await startSession(user.id, { twoFactorVerified: true });
    const idle = await startSession(user.id, { twoFactorVerified: true });
    const absolute = await startSession(user.id, { twoFactorVerified: true });
    const past = new Date(Date.now() - 1000);
    await prisma.session.update({ where: { id: sha256Hex(idle.session.id) }, data: { expiresAt: past } });
    await prisma.session.update({ where: { id: sha256Hex(absolute.session.id) }, data: { absoluteExpiresAt: past } });
    await lucia().deleteExpiredSessions();
    const left = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left).toEqual([{ id: sha256Hex(live.session.id) }]);
  });

  it("an idle extension of a session that was ended meanwhile changes nothing", async () => {
    const user = await makeUser("borta@example.se");
    const { session } = await startSession(user.id, { twoFactorVerified: true });
    await lucia().invalidateSession(session.id);
    const { sessionAdapter } = await import("./session.server");
    await sessionAdapter.updateSessionExpiration(session.id, new Date(Date.now() + 86_400_000));
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
