import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan } from "lucia";
import type { Session, User } from "lucia";
import { sessionAdapter } from "./session.server";
import { env } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { roleRank, type Role } from "~/utils/roles";
import { safeRedirect } from "~/utils/safe-redirect";
import { sessionCookieName } from "~/utils/session-cookie.server";
import { loginHref } from "~/utils/links";

/**
 * Sessions and the guards every protected loader and action calls.
 * Kept small on purpose: Lucia v3 is in maintenance upstream, and this module
 * plus app/models/session.server.ts is all that would change to replace it.
 */
export const SESSION_IDLE_DAYS = 7;
export const SESSION_ABSOLUTE_DAYS = 30;

export { ROLES, type Role } from "~/utils/roles";

let instance: ReturnType<typeof createLucia> | undefined;

function createLucia() {
  const secure = env().APP_URL.startsWith("https:");
  return new Lucia(sessionAdapter, {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
    sessionCookie: {
      name: sessionCookieName(),
      expires: true,
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      title: attributes.title,
      role: attributes.role as Role,
      emailVerified: attributes.emailVerifiedAt !== null,
      totpEnabled: attributes.totpEnabledAt !== null,
      municipalityCode: attributes.municipalityCode,
      // Verified member of that municipality (or of the organisation): docs/decisions/012-verified-affiliation.md.
      affiliationVerified: attributes.affiliationStatus === "verified",
      suspendedUntil: attributes.suspendedUntil,
    }),
  });
}

export function lucia() {
  instance ??= createLucia();
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { absoluteExpiresAt: Date; twoFactorVerified: boolean };
    DatabaseUserAttributes: {
      email: string;
      name: string;
      title: string;
      role: string;
      emailVerifiedAt: Date | null;
      totpEnabledAt: Date | null;
      municipalityCode: string | null;
      affiliationStatus: string;
      suspendedUntil: Date | null;
      deletedAt: Date | null;
    };
  }
}

export type AuthUser = User;
type Auth = { user: User; session: Session; setCookie: string | null } | { user: null; session: null; setCookie: string | null };

// Several loaders of one request validate the same cookie: do it once per request.
const perRequest = new WeakMap<Request, Promise<Auth>>();

export function getAuth(request: Request): Promise<Auth> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = validate(request);
    perRequest.set(request, pending);
  }
  return pending;
}

async function validate(request: Request): Promise<Auth> {
  const l = lucia();
  const sessionId = l.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, session: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionId);
  if (!session) return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  return { user, session, setCookie: session.fresh ? l.createSessionCookie(session.id).serialize() : null };
}

/** The logged-in user, or null. A session still waiting for its TOTP code counts as logged out. */
export async function getOptionalUser(request: Request): Promise<User | null> {
  const auth = await getAuth(request);
  if (!auth.user || needsSecondFactor(auth.user, auth.session)) return null;
  refuseSuspendedWrite(request, auth.user);
  return auth.user;
}

/**
 * What a suspended member may still do as themselves: log out and delete the
 * account (exporting the data is a GET). Everything else they post is refused.
 */
export const SUSPENDED_MAY_POST = ["/logga-ut", "/profil/radera"] as const;

function isSuspended(user: Pick<User, "suspendedUntil">, now = new Date()): boolean {
  return !!user.suspendedUntil && user.suspendedUntil > now;
}

/**
 * The one place suspension is enforced. Every action that acts as the member
 * learns who that is from getOptionalUser or requireUser (and so requireRole and
 * requireVerifiedUser), so a write by a suspended member stops here, whatever the
 * route and whether it came as a form post, a ?_data request or a fetcher.
 * Reading (GET, HEAD) stays open.
 */
function refuseSuspendedWrite(request: Request, user: User) {
  if (request.method === "GET" || request.method === "HEAD" || !isSuspended(user)) return;
  const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
  if ((SUSPENDED_MAY_POST as readonly string[]).includes(path)) return;
  const until = formatDateTime(user.suspendedUntil!);
  throw new Response(
    `Ditt konto är avstängt till ${until}. Du kan läsa, logga ut, ladda ned dina uppgifter och radera kontot, men inte skriva eller ändra något. Kontakta forumansvarig om du har frågor.`,
    { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } },
  );
}

export function needsSecondFactor(user: User, session: Session) {
  return user.totpEnabled && !session.twoFactorVerified;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  return redirect(loginHref(safeRedirect(redirectTo)));
}

/** Throws a redirect to the login page (with redirectTo) when nobody is logged in. */
export async function requireUser(request: Request): Promise<User> {
  const auth = await getAuth(request);
  if (!auth.user) throw loginRedirect(request);
  if (needsSecondFactor(auth.user, auth.session)) throw redirect("/logga-in/tvastegs");
  refuseSuspendedWrite(request, auth.user);
  return auth.user;
}

/** Members must confirm their email address before they can post. */
export async function requireVerifiedUser(request: Request): Promise<User> {
  const user = await requireUser(request);
  if (!user.emailVerified) {
    throw new Response("Bekräfta din e-postadress innan du skriver. Vi har skickat en länk till dig; du kan få en ny på din profilsida.", {
      status: 403,
    });
  }
  return user;
}

export function hasRole(user: Pick<User, "role"> | null, minimum: Role): boolean {
  return !!user && roleRank(user.role) >= roleRank(minimum);
}

/**
 * Every organizer, moderator and admin loader/action calls this itself.
 * Admins must have two-factor authentication enabled before they get in.
 */
export async function requireRole(request: Request, minimum: Role): Promise<User> {
  const user = await requireUser(request);
  if (!hasRole(user, minimum)) throw new Response("Du saknar behörighet till den här sidan.", { status: 403 });
  if (user.role === "admin" && !user.totpEnabled) throw redirect("/profil/tvastegs?krav=admin");
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getOptionalUser(request)) throw redirect("/profil");
}

/** Starts a new session (a new id at every login) and returns its Set-Cookie header. */
export async function startSession(userId: string, { twoFactorVerified }: { twoFactorVerified: boolean }) {
  const absoluteExpiresAt = new Date(Date.now() + SESSION_ABSOLUTE_DAYS * 24 * 3600 * 1000);
  const session = await lucia().createSession(userId, { absoluteExpiresAt, twoFactorVerified });
  return { session, cookie: lucia().createSessionCookie(session.id).serialize() };
}

export async function endSession(request: Request): Promise<string> {
  const auth = await getAuth(request);
  if (auth.session) await lucia().invalidateSession(auth.session.id);
  return blankSessionCookie();
}

export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string) {
  await lucia().invalidateUserSessions(userId);
}
