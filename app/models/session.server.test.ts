import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { sha256Hex } from "~/utils/crypto.server";
import { getAuth, lucia, startSession } from "~/models/auth.server";

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
});
