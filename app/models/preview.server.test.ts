import { describe, expect, it } from "vitest";
import { MARKDOWN_LIMITS } from "~/utils/markdown-limits";
import { renderPreview } from "./preview.server";
import { RATE_LIMITS } from "./rate-limit.server";

describe("previews", () => {
  it("renders within the text's length limit and refuses a longer text with a message naming the limit", async () => {
    expect(await renderPreview("förhandsgranskare-1", "Hej **du**", "post")).toEqual({ ok: true, html: "<p>Hej <strong>du</strong></p>\n" });
    // The review's 20 kB of "*a_" is twice what a post may hold.
    const tooLong = await renderPreview("förhandsgranskare-1", "*a_".repeat(6667), "post");
    expect(tooLong).toEqual({ ok: false, message: "Texten får ha högst 10\u00a0000 tecken." });
    const atLimit = await renderPreview("förhandsgranskare-1", "*a_".repeat(MARKDOWN_LIMITS.post / 3), "post");
    expect(atLimit.ok).toBe(true);
    expect((await renderPreview("förhandsgranskare-1", "x".repeat(MARKDOWN_LIMITS.comment + 1), "comment")).ok).toBe(false);
    expect((await renderPreview("förhandsgranskare-1", "x".repeat(MARKDOWN_LIMITS.caseBody), "caseBody")).ok).toBe(true);
  });

  it("are limited per member like posting: the next one is a 429", async () => {
    const { limit } = RATE_LIMITS.previewUser;
    for (let i = 0; i < limit; i++) await renderPreview("förhandsgranskare-2", `Text ${i}`, "eventDescription");
    const refused = await renderPreview("förhandsgranskare-2", "En till", "eventDescription").then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(429);
    // Another member is not affected.
    expect((await renderPreview("förhandsgranskare-3", "Hej", "eventDescription")).ok).toBe(true);
  });
});
