/** The roles, lowest first, with their Swedish names. Shared by server and browser code. */
export const ROLES = ["member", "moderator", "organizer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  member: "Medlem",
  moderator: "Moderator",
  organizer: "Arrangör",
  admin: "Administratör",
};

/** A role's place in ROLES (0 = member); an unknown role counts as a member. */
export function roleRank(role: string): number {
  return Math.max(0, ROLES.indexOf(role as Role));
}
