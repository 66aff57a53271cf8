import { describe, expect, it } from "vitest";
import { ROLE_LABELS, ROLES } from "./roles";

describe("roles", () => {
  it("rank from member up to admin, each with its Swedish name", () => {
    expect(ROLES).toEqual(["member", "moderator", "organizer", "admin"]);
    expect(ROLE_LABELS).toEqual({ member: "Medlem", moderator: "Moderator", organizer: "Arrangör", admin: "Administratör" });
  });
});
