import { describe, expect, it } from "vitest";
import { rateLimitMessage, rateLimitResponse } from "./http.server";

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
