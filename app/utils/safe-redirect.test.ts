import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/forum/nasta?x=1#anmalan")).toBe("/forum/nasta?x=1#anmalan");
  });

  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "/ok\nLocation: x", "", null])(
    "refuses %j",
    (to) => {
      expect(safeRedirect(to, "/profil")).toBe("/profil");
    },
  );
});
