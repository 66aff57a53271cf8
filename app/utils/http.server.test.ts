import { describe, expect, it } from "vitest";
import { failureOf } from "./forms";
import { badRequest, notFound, ofShape, rateLimitMessage, rateLimitResponse, requireParam, tooManyAttempts } from "./http.server";

describe("rateLimitResponse", () => {
  it("answers 429 with Retry-After and a Swedish message in whole minutes", async () => {
    const response = rateLimitResponse({ retryAfterSeconds: 14 * 60 + 1 });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe(String(14 * 60 + 1));
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("För många försök. Vänta 15 minuter och försök igen.");
  });

  it("says one minute in the singular and never zero", () => {
    expect(rateLimitMessage({ retryAfterSeconds: 30 })).toBe("För många försök. Vänta 1 minut och försök igen.");
    expect(rateLimitMessage({ retryAfterSeconds: 0 })).toBe("För många försök. Vänta 1 minut och försök igen.");
  });

  it("counts long waits in hours", () => {
    expect(rateLimitMessage({ retryAfterSeconds: 90 * 60 })).toBe("För många försök. Vänta 90 minuter och försök igen.");
    expect(rateLimitMessage({ retryAfterSeconds: 24 * 3600 - 5 })).toBe("För många försök. Vänta 24 timmar och försök igen.");
  });
});

describe("badRequest: the one failure answer of a form", () => {
  it("answers 400 with the errors, the values and which form failed", async () => {
    const response = badRequest({ body: "Skriv något." }, { body: "" }, { intent: "comment", target: "a1" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, intent: "comment", target: "a1", errors: { body: "Skriv något." }, values: { body: "" } });
  });

  it("leaves intent and target out when not given, and passes another status and extra data through", async () => {
    expect(await badRequest({ form: "Nej." }).json()).toEqual({ ok: false, errors: { form: "Nej." }, values: {} });
    const refused = badRequest({ form: "Spärrad." }, {}, { status: 403, extra: { similar: [1] } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ ok: false, errors: { form: "Spärrad." }, values: {}, similar: [1] });
  });

  it("tooManyAttempts is the same shape with 429 and Retry-After", async () => {
    const response = tooManyAttempts({ retryAfterSeconds: 60 }, { email: "a@b.se" }, "reason");
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(await response.json()).toEqual({ ok: false, errors: { reason: rateLimitMessage({ retryAfterSeconds: 60 }) }, values: { email: "a@b.se" } });
  });

  it("failureOf finds the failure of the form asked about, and nothing in a success", () => {
    const failure = { ok: false as const, intent: "save", errors: { title: "Fel." }, values: {} };
    expect(failureOf(failure)).toBe(failure);
    expect(failureOf(failure, "preview", "save")).toBe(failure);
    expect(failureOf(failure, "cancel")).toBeUndefined();
    expect(failureOf({ ok: true as const, message: "Klart." })).toBeUndefined();
    expect(failureOf(undefined)).toBeUndefined();
  });
});

describe("requireParam", () => {
  it("returns a parameter of the shape asked for", () => {
    expect(requireParam({ id: "clx0abc123" }, "id", "cuid")).toBe("clx0abc123");
    expect(requireParam({ slug: "kommunforum-maj" }, "slug", "slug")).toBe("kommunforum-maj");
    expect(requireParam({ postId: "Seed_post-1" }, "postId", "id")).toBe("Seed_post-1");
  });

  it("throws the site's 404 for a missing or odd-shaped parameter, with the route's text when it has one", async () => {
    for (const [params, shape] of [
      [{}, "cuid"],
      [{ id: "ABC" }, "cuid"],
      [{ id: "a/b" }, "slug"],
      [{ id: "x".repeat(65) }, "id"],
    ] as const) {
      let thrown: unknown;
      try {
        requireParam(params, "id", shape);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
      expect(await (thrown as Response).text()).toBe("Sidan finns inte");
    }
    expect(() => requireParam({ id: "Å" }, "id", "cuid", "Filen finns inte.")).toThrow();
    expect(await notFound("Filen finns inte.").text()).toBe("Filen finns inte.");
  });

  it("ofShape checks an optional query value", () => {
    expect(ofShape("borlange", "slug")).toBe("borlange");
    expect(ofShape("Borlänge", "slug")).toBeUndefined();
    expect(ofShape(null, "slug")).toBeUndefined();
  });
});
