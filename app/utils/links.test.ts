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

describe("discussion links", () => {
  it("point at the agreed addresses, shared with the moderation routes", async () => {
    const links = await import("./links");
    expect(links.flagPostHref("p1")).toBe("/diskussioner/inlagg/p1/flagga");
    expect(links.moderatePostHref("p1")).toBe("/admin/moderering/inlagg/p1");
    expect(links.moderateThreadHref("t1")).toBe("/admin/moderering/trad/t1");
    expect(links.postHistoryHref("p1")).toBe("/diskussioner/inlagg/p1/historik");
    expect(links.askQuestionHref({ kategori: "iot-sensorer", case: undefined })).toBe("/diskussioner/ny?kategori=iot-sensorer");
    expect(links.askQuestionHref()).toBe("/diskussioner/ny");
    expect(links.categoryFeedHref({ slug: "ovrigt" })).toBe("/diskussioner/kategori/ovrigt/feed.xml");
  });
});

describe("admin links", () => {
  it("point at the organizer's pages, one builder per page", async () => {
    const links = await import("./links");
    expect(links.ADMIN_HREF).toBe("/admin");
    expect(links.adminEventHref("e1")).toBe("/admin/forum/e1");
    expect(links.adminRecordingHref("e1")).toBe("/admin/forum/e1/inspelning");
    expect(links.adminRegistrationsCsvHref("e1")).toBe("/admin/forum/e1/anmalningar.csv");
    expect(links.pollPresenterHref("e1", "p1")).toBe("/admin/forum/e1/omrostningar/p1/presentera");
    expect(links.adminCaseHref("c1")).toBe("/admin/case/c1");
    expect(links.NEW_ARTICLE_HREF).toBe("/admin/spaningar/ny");
    expect(links.inboxMessageHref("m1")).toBe("/admin/inkorg/m1");
    expect(links.AFFILIATION_DOMAINS_HREF).toBe("/admin/tillhorighet/domaner");
    expect([links.ADMIN_USERS_HREF, links.AUDIT_LOG_HREF, links.OUTBOX_HREF]).toEqual(["/admin/anvandare", "/admin/logg", "/admin/mejl"]);
  });
});
