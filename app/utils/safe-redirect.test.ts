import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/forum/nasta?x=1#anmalan")).toBe("/forum/nasta?x=1#anmalan");
  });

  it("keeps percent-encoded non-ASCII paths", () => {
    expect(safeRedirect("/kommun/2081-borl%C3%A4nge?q=%E3%80%82")).toBe("/kommun/2081-borl%C3%A4nge?q=%E3%80%82");
  });

  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/ok\nLocation: x",
    "",
    null,
    "/\u3002evil",
    "/a\u2028b",
    "/\u00e5",
    "/a b",
    "/\u00a0",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/profil")).toBe("/profil");
  });
});
