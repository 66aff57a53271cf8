// Who may use each route: the one table app/test/route-roles.server.test.ts walks
// against the production build, as a visitor and as every role. Every route of
// the build must be listed here (the test fails on a route it does not know), so
// a new route is classified the day it lands. Keys are the build's route ids.
import { ROLES, type Role } from "../utils/roles";

/**
 * - "public": anyone, logged in or not (tokens and signed links are checked by the
 *   route itself, not by a role).
 * - "guest": meant for visitors; a logged-in user is sent on to /profil.
 * - a role: that role or a higher one. "member" means logged in; member writes also
 *   need a confirmed email address (requireVerifiedUser). Below the role a visitor
 *   is sent to /logga-in?redirectTo=…, a logged-in user gets 403. An admin also
 *   needs two-factor authentication.
 */
export type Access = "public" | "guest" | Role;

/** Required access of a route's loader (GET) and action (POST); absent when the route has none. */
export type RouteAccess = { loader?: Access; action?: Access };

const both = (access: Access): RouteAccess => ({ loader: access, action: access });
const page = (access: Access): RouteAccess => ({ loader: access });

export const ROUTE_ROLES: Record<string, RouteAccess> = {
  root: page("public"),
  "routes/$": both("public"),
  "routes/_index": page("public"),
  "routes/healthz": page("public"),
  "routes/sok": page("public"),
  "routes/feed[.]xml": page("public"),
  "routes/kontakt": both("public"),
  "routes/personuppgifter": page("public"),
  "routes/tillganglighet": page("public"),

  // Accounts. The two-step page belongs to a session that still waits for its
  // code: without a session it sends to /logga-in, a full session goes to /profil.
  "routes/logga-in._index": { loader: "guest", action: "public" },
  "routes/logga-in.tvastegs": both("member"),
  "routes/logga-ut": both("public"),
  "routes/registrera._index": both("guest"),
  "routes/registrera.skickat": {},
  "routes/glomt-losenord": { action: "public" },
  "routes/aterstall-losenord": both("public"),
  "routes/verifiera": both("public"),
  "routes/inbjudan._index": { action: "public" },
  "routes/inbjudan.bekrafta": both("public"),
  "routes/inbjudan.avsluta": both("public"),
  "routes/profil._index": both("member"),
  "routes/profil.bevakningar": both("member"),
  "routes/profil.case._index": page("member"),
  "routes/profil.case.$id": both("member"),
  "routes/profil.export": page("member"),
  "routes/profil.radera": both("member"),
  "routes/profil.tvastegs": both("member"),

  // Forums, registration, recordings and polls.
  "routes/forum._index": page("public"),
  "routes/forum.$slug": both("public"),
  "routes/forum.$slug[.]ics": page("public"),
  "routes/forum.feed[.]xml": page("public"),
  "routes/forum.kalender[.]ics": page("public"),
  "routes/forum.anmalan": page("public"),
  "routes/forum.avanmal": both("public"),
  // A visitor's registration waits for the mailed link: the token is checked by the route.
  "routes/forum.kolla-epost": page("public"),
  "routes/forum.bekrafta": both("public"),
  "routes/inspelningar._index": page("public"),
  "routes/material.$id": page("public"),
  "routes/rosta._index": page("public"),
  "routes/rosta.$code": both("public"),
  "routes/undersokningar._index": page("public"),
  "routes/undersokningar.$code": page("public"),
  "routes/undersokningar.$code[.]csv": page("public"),
  "routes/undersokningar.$code[.]json": page("public"),

  // Library, municipalities and the maturity survey.
  "routes/case._index": page("public"),
  "routes/case.$slug": page("public"),
  "routes/case.$slug_.fraga": both("member"),
  "routes/spaningar._index": page("public"),
  "routes/spaningar.$slug": page("public"),
  "routes/kommun._index": page("public"),
  "routes/kommun.$slug": page("public"),
  "routes/analysmognad._index": page("public"),
  "routes/analysmognad.bedom": both("member"),
  "routes/analysmognad.kommun.$slug": page("public"),
  "routes/analysmognad.sverige": page("public"),
  "routes/analysmognad.oppna-data[.]csv": page("public"),
  "routes/analysmognad.oppna-data[.]json": page("public"),

  // Discussions. Editing is for the post's author (checked after the login).
  "routes/diskussioner._index": page("public"),
  "routes/diskussioner.$id.$slug": { loader: "public", action: "member" },
  "routes/diskussioner.kategori.$slug": page("public"),
  "routes/diskussioner.kategori.$slug_.feed[.]xml": page("public"),
  "routes/diskussioner.feed[.]xml": page("public"),
  "routes/diskussioner.ny": both("member"),
  "routes/diskussioner.sluta-bevaka": both("public"),
  "routes/diskussioner.inlagg.$postId.flagga": both("member"),
  "routes/diskussioner.inlagg.$postId.redigera": both("member"),
  "routes/diskussioner.inlagg.$postId.historik": page("moderator"),

  // Moderation.
  "routes/admin.moderering._index": both("moderator"),
  "routes/admin.moderering.inlagg.$postId": both("moderator"),
  "routes/admin.moderering.trad.$threadId": both("moderator"),

  // The organizer's pages.
  "routes/admin": page("moderator"),
  "routes/admin._index": page("organizer"),
  "routes/admin.logg": page("organizer"),
  "routes/admin.tillhorighet._index": both("organizer"),
  "routes/admin.tillhorighet.domaner": both("organizer"),
  "routes/admin.inkorg._index": page("organizer"),
  "routes/admin.inkorg.$id": both("organizer"),
  "routes/admin.case._index": page("organizer"),
  "routes/admin.case.ny": both("organizer"),
  "routes/admin.case.$id": both("organizer"),
  "routes/admin.spaningar._index": page("organizer"),
  "routes/admin.spaningar.ny": both("organizer"),
  "routes/admin.spaningar.$id": both("organizer"),
  "routes/admin.forum._index": page("organizer"),
  "routes/admin.forum.ny": both("organizer"),
  "routes/admin.forum.$eventId._index": both("organizer"),
  "routes/admin.forum.$eventId.inspelning": both("organizer"),
  "routes/admin.forum_.$eventId_.anmalningar": both("organizer"),
  "routes/admin.forum_.$eventId_.anmalningar[.]csv": page("organizer"),
  "routes/admin.forum_.$eventId_.omrostningar._index": both("organizer"),
  "routes/admin.forum_.$eventId_.omrostningar.$pollId._index": both("organizer"),
  "routes/admin.forum_.$eventId_.omrostningar.$pollId.live": page("organizer"),
  "routes/admin.forum_.$eventId_.omrostningar.$pollId.presentera": page("organizer"),

  // The admin's pages: roles and the outbox.
  "routes/admin.anvandare": both("admin"),
  "routes/admin.mejl": both("admin"),
};

/** Who is refused: a visitor for every login level, and each role below the required one. */
export function refuses(access: Access, who: Role | "visitor"): boolean {
  if (access === "public" || access === "guest") return false;
  if (who === "visitor") return true;
  return ROLES.indexOf(who) < ROLES.indexOf(access);
}
