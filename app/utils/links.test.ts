import { describe, expect, it } from "vitest";
import { eventRegistrationHref, municipalityHref } from "./links";

describe("municipalityHref", () => {
  it("joins the code and an ASCII slug of the short name", () => {
    expect(municipalityHref({ code: "2081", name: "Borlänge" })).toBe("/kommun/2081-borlange");
    expect(municipalityHref({ code: "1290", name: "Kristianstad" })).toBe("/kommun/1290-kristianstad");
    expect(municipalityHref({ code: "0114", name: "Upplands Väsby" })).toBe("/kommun/0114-upplands-vasby");
    expect(municipalityHref({ code: "2023", name: "Malung-Sälen" })).toBe("/kommun/2023-malung-salen");
    expect(municipalityHref({ code: "2518", name: "Övertorneå" })).toBe("/kommun/2518-overtornea");
  });

  it("falls back to the code alone when the name has no letters", () => {
    expect(municipalityHref({ code: "9999", name: "–" })).toBe("/kommun/9999");
  });
});

describe("eventRegistrationHref", () => {
  it("points at the registration section of the event page", () => {
    expect(eventRegistrationHref({ slug: "kommunforum-analytics-nasta" })).toBe("/forum/kommunforum-analytics-nasta#anmalan");
  });
});
