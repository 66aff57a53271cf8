import { describe, expect, it } from "vitest";
import { auditActionLabel, auditFacts, auditLink } from "./audit-labels";

describe("the audit log in Swedish", () => {
  it("says what happened, links to the thing and reads the reason out of the detail, with no JSON or model names", () => {
    expect(auditActionLabel("post.hide")).toBe("dolde ett inlägg");
    expect(auditActionLabel("event.nytt")).toBe("gjorde en ändring (Forum)");
    expect(auditLink({ entityType: "Post", entityId: "p1", detail: "{}" })).toEqual({ to: "/admin/moderering/inlagg/p1", label: "Inlägget" });
    expect(auditLink({ entityType: "Registration", entityId: "r1", detail: '{"eventId":"e1"}' })).toEqual({ to: "/admin/forum/e1/anmalningar", label: "Forumets anmälningar" });
    expect(auditFacts('{"reason":"Reklam","threadId":"t1","resolvedFlags":2}')).toEqual(["Motivering: Reklam"]);
    expect(auditFacts('{"from":"member","to":"moderator"}')).toEqual(["Roll: Medlem → Moderator"]);
    expect(auditFacts("inte json")).toEqual([]);
  });
});
