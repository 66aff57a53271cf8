import { roleRank, type Role } from "~/utils/roles";
import {
  ADMIN_ARTICLES_HREF,
  ADMIN_CASES_HREF,
  ADMIN_EVENTS_HREF,
  ADMIN_HREF,
  ADMIN_USERS_HREF,
  AFFILIATION_QUEUE_HREF,
  AUDIT_LOG_HREF,
  INBOX_HREF,
  MODERATION_QUEUE_HREF,
  OUTBOX_HREF,
} from "~/utils/links";

export type WorkspaceBadges = { newContacts: number; openFlags: number; pendingClaims: number };
export type WorkspaceNavItem = { to: string; label: string; end?: boolean; count?: number; countLabel?: string };

/** The workspace's tools, in the order of a working day, each shown to the roles that may use it. */
export function workspaceNav(role: string, badges: WorkspaceBadges): WorkspaceNavItem[] {
  const items: (WorkspaceNavItem & { role: Role })[] = [
    { role: "organizer", to: ADMIN_HREF, label: "Översikt", end: true },
    { role: "organizer", to: ADMIN_EVENTS_HREF, label: "Forum" },
    { role: "organizer", to: INBOX_HREF, label: "Inkorg", count: badges.newContacts, countLabel: "obesvarade" },
    { role: "moderator", to: MODERATION_QUEUE_HREF, label: "Moderering", count: badges.openFlags, countLabel: "flaggade" },
    { role: "organizer", to: ADMIN_CASES_HREF, label: "Case" },
    { role: "organizer", to: ADMIN_ARTICLES_HREF, label: "Spaningar" },
    { role: "organizer", to: AFFILIATION_QUEUE_HREF, label: "Verifiera medlemmar", count: badges.pendingClaims, countLabel: "väntar" },
    { role: "organizer", to: AUDIT_LOG_HREF, label: "Logg" },
    { role: "admin", to: ADMIN_USERS_HREF, label: "Användare och roller" },
    { role: "admin", to: OUTBOX_HREF, label: "Utgående e-post" },
  ];
  return items.filter((i) => roleRank(role) >= roleRank(i.role)).map(({ role: _role, ...item }) => item);
}
