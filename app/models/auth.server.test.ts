// The guards every protected loader and action calls, on real sessions in this
// file's database. app/test/route-roles.server.test.ts checks that the routes call them.
import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  endSession,
  getAuth,
  getOptionalUser,
  hasRole,
  requireAnonymous,
  requireRole,
  requireUser,
  requireVerifiedUser,
  SESSION_ABSOLUTE_DAYS,
  SESSION_IDLE_DAYS,
  startSession,
} from "./auth.server";
import { ROLES, type Role } from "~/utils/roles";

type Options = { role?: Role; totp?: boolean; verified?: boolean; suspendedUntil?: Date | null; twoFactorVerified?: boolean };

/** A user with a session; returns a request that carries its cookie. */
async function signedIn(
  { role = "member", totp = role === "admin", verified = true, suspendedUntil = null, twoFactorVerified = true }: Options = {},
  path = "/a?b=1",
) {
  const now = new Date();
  const user = await prisma.user.create({
    data: {
      email: `${crypto.randomUUID()}@test.example`,
      name: "Test",
      role,
      emailVerifiedAt: verified ? now : null,
      totpEnabledAt: totp ? now : null,
      suspendedUntil,
    },
    select: { id: true },
  });
  const { session, cookie } = await startSession(user.id, { twoFactorVerified });
  return { userId: user.id, session, cookie, request: withCookie(cookie, path) };
}

const withCookie = (cookie: string, path = "/a?b=1") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie.split(";")[0]! } });
/** A form post with the session cookie (a write). */
const posting = (cookie: string, path = "/a") => new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie.split(";")[0]! } });

/** The text of the Response a guard throws. */
const refusal = (guard: Promise<unknown>) =>
  guard.then(
    () => "",
    (r: Response) => r.text(),
  );

/** What a guard throws (a Response), or "ok" with the user id it returned. */
async function outcome(guard: Promise<{ id: string } | null | void>) {
  try {
    const user = await guard;
    return { ok: user ? user.id : null };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location") };
  }
}

// First in the file: the first test to use the sessions sets Lucia up.
describe("the session cookie and what a session carries", () => {
  it("is an HttpOnly, SameSite=Lax cookie for the whole site that lasts as long as the idle limit", async () => {
    const { cookie, request, userId } = await signedIn({ role: "moderator", totp: true });
    expect(cookie).toMatch(/^kf_session=[a-z0-9]+; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure|Domain/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBe(SESSION_IDLE_DAYS * 86_400);
    const row = await prisma.session.findFirstOrThrow({ where: { userId }, select: { expiresAt: true } });
    expect((row.expiresAt.getTime() - Date.now()) / 86_400_000).toBeCloseTo(SESSION_IDLE_DAYS, 2);

    const auth = await getAuth(request);
    expect(auth.session).toMatchObject({ userId, twoFactorVerified: true });
    expect(auth.session?.absoluteExpiresAt).toBeInstanceOf(Date);
    expect(auth.user).toMatchObject({
      id: userId,
      role: "moderator",
      name: "Test",
      title: "",
      emailVerified: true,
      totpEnabled: true,
      municipalityCode: null,
      suspendedUntil: null,
    });
    expect(auth.user?.email).toMatch(/@test\.example$/);
  });

  it("a visitor without a cookie has no session and gets no cookie", async () => {
    expect(await getAuth(new Request("http://localhost/"))).toEqual({ user: null, session: null, setCookie: null });
  });
});

describe("the session cookie on a site served over https", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is __Host- prefixed and Secure", async () => {
    vi.resetModules();
    vi.stubEnv("APP_URL", "https://kommunforum.example");
    const https = await import("./auth.server");
    const { userId } = await signedIn();
    const { cookie } = await https.startSession(userId, { twoFactorVerified: true });
    expect(cookie).toMatch(/^__Host-kf_session=[a-z0-9]+; /);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain/);
    expect(https.blankSessionCookie()).toMatch(/^__Host-kf_session=;.*Secure/);
  });
});

describe("requireUser and getOptionalUser", () => {
  it("send a visitor to the login page with the page and query to come back to", async () => {
    const anonymous = new Request("http://localhost/profil/case?sida=2");
    expect(await outcome(requireUser(anonymous))).toEqual({ status: 302, location: "/logga-in?redirectTo=%2Fprofil%2Fcase%3Fsida%3D2" });
    expect(await getOptionalUser(anonymous)).toBeNull();
    const unknown = withCookie("kf_session=finns-inte-0000000000000000000000000000");
    expect(await outcome(requireUser(unknown))).toMatchObject({ status: 302, location: "/logga-in?redirectTo=%2Fa%3Fb%3D1" });
    // A dead cookie is cleared in the browser.
    expect((await getAuth(unknown)).setCookie).toMatch(/^kf_session=;.*Max-Age=0/);
  });

  it("let a logged-in user in, once per request", async () => {
    const { userId, request } = await signedIn();
    expect(await outcome(requireUser(request))).toEqual({ ok: userId });
    expect((await getOptionalUser(request))?.id).toBe(userId);
    expect(getAuth(request)).toBe(getAuth(request));
    expect((await getAuth(request)).setCookie).toBeNull();
  });

  it("treat a session that still waits for its TOTP code as logged out", async () => {
    const pending = await signedIn({ totp: true, twoFactorVerified: false });
    expect(await outcome(requireUser(pending.request))).toEqual({ status: 302, location: "/logga-in/tvastegs" });
    expect(await getOptionalUser(pending.request)).toBeNull();
    expect(await outcome(requireAnonymous(pending.request))).toEqual({ ok: null });
    const passed = await signedIn({ totp: true, twoFactorVerified: true });
    expect(await outcome(requireUser(passed.request))).toEqual({ ok: passed.userId });
  });

  it("requireAnonymous sends a logged-in user to the profile", async () => {
    const { request } = await signedIn();
    expect(await outcome(requireAnonymous(request))).toEqual({ status: 302, location: "/profil" });
    expect(await outcome(requireAnonymous(new Request("http://localhost/registrera")))).toEqual({ ok: null });
  });
});

describe("requireRole", () => {
  it("lets each role in at its own level and below, and refuses it above with 403", async () => {
    for (const role of ROLES) {
      const { userId, request } = await signedIn({ role });
      for (const minimum of ROLES) {
        const expected = ROLES.indexOf(role) >= ROLES.indexOf(minimum) ? { ok: userId } : { status: 403, location: null };
        expect(await outcome(requireRole(request, minimum)), `${role} → ${minimum}`).toEqual(expected);
        expect(hasRole({ role }, minimum)).toBe(ROLES.indexOf(role) >= ROLES.indexOf(minimum));
      }
    }
    expect(hasRole(null, "member")).toBe(false);
  });

  it("sends a visitor to log in, and refuses with a Swedish message", async () => {
    expect(await outcome(requireRole(new Request("http://localhost/admin"), "organizer"))).toEqual({ status: 302, location: "/logga-in?redirectTo=%2Fadmin" });
    const { request } = await signedIn({ role: "moderator" });
    const refused = await requireRole(request, "organizer").catch((r: Response) => r);
    expect(await (refused as Response).text()).toBe("Du saknar behörighet till den här sidan.");
  });

  it("sends an admin without two-factor authentication to switch it on, on every level", async () => {
    const { request } = await signedIn({ role: "admin", totp: false });
    for (const minimum of ROLES) expect(await outcome(requireRole(request, minimum))).toEqual({ status: 302, location: "/profil/tvastegs?krav=admin" });
    // An organizer without it is not asked for it.
    const organizer = await signedIn({ role: "organizer", totp: false });
    expect(await outcome(requireRole(organizer.request, "organizer"))).toEqual({ ok: organizer.userId });
  });
});

describe("requireVerifiedUser", () => {
  it("refuses an unconfirmed address and a suspension that has not ended, with 403 and a Swedish reason", async () => {
    const unverified = await signedIn({ verified: false });
    expect(await outcome(requireVerifiedUser(unverified.request))).toEqual({ status: 403, location: null });
    expect(await refusal(requireVerifiedUser(unverified.request))).toMatch(/^Bekräfta din e-postadress/);
    // A suspension refuses writes (every non-GET request) and leaves reading open.
    const suspended = await signedIn({ suspendedUntil: new Date(Date.now() + 3600_000) });
    const write = posting(suspended.cookie);
    expect(await outcome(requireVerifiedUser(write))).toEqual({ status: 403, location: null });
    expect(await refusal(requireVerifiedUser(posting(suspended.cookie)))).toMatch(/^Ditt konto är avstängt/);
    expect(await outcome(requireVerifiedUser(suspended.request))).toEqual({ ok: suspended.userId });
    const ended = await signedIn({ suspendedUntil: new Date(Date.now() - 1000) });
    expect(await outcome(requireVerifiedUser(posting(ended.cookie)))).toEqual({ ok: ended.userId });
    expect(await outcome(requireVerifiedUser(new Request("http://localhost/x")))).toMatchObject({ status: 302 });
  });

  it("lets the user write again at the very moment the suspension ends", async () => {
    const until = new Date(Date.now() + 60_000);
    const { userId, cookie } = await signedIn({ suspendedUntil: until });
    vi.useFakeTimers({ toFake: ["Date"], now: until });
    try {
      expect(await outcome(requireVerifiedUser(posting(cookie)))).toEqual({ ok: userId });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("sessions", () => {
  it("start with a fresh id and a 30-day absolute lifetime, and end on the server", async () => {
    const first = await signedIn();
    const second = await startSession(first.userId, { twoFactorVerified: true });
    expect(second.session.id).not.toBe(first.session.id);
    const row = await prisma.session.findFirstOrThrow({
      where: { userId: first.userId },
      orderBy: { absoluteExpiresAt: "desc" },
      select: { absoluteExpiresAt: true },
    });
    const days = (row.absoluteExpiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(SESSION_ABSOLUTE_DAYS - 0.01);
    expect(days).toBeLessThanOrEqual(SESSION_ABSOLUTE_DAYS);

    const blank = await endSession(first.request);
    expect(blank).toMatch(/^kf_session=;.*Max-Age=0/);
    expect((await getAuth(withCookie(first.cookie))).user).toBeNull();
    expect((await getAuth(withCookie(second.cookie))).user?.id).toBe(first.userId);
    // Without a session there is nothing to end, and the answer is the same.
    expect(await endSession(new Request("http://localhost/logga-ut"))).toBe(blank);
  });
});
