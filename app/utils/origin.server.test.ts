import { describe, expect, it } from "vitest";
import { env } from "./env.server";
import { isSameOriginRequest } from "./origin.server";

// The headers real browsers send with a form POST: Chromium, Firefox and Safari
// (since 16.4) send Sec-Fetch-Site on every request, and Origin on every POST.
const SITE = new URL(env().APP_URL).origin;

describe("the Origin check", () => {
  it("trusts Sec-Fetch-Site when a browser sends it, whatever Origin says", () => {
    expect(isSameOriginRequest(SITE, null, "same-origin")).toBe(true);
    expect(isSameOriginRequest(null, null, "same-origin")).toBe(true);
    // "none": the user started it (address bar, bookmark): no other site is involved.
    expect(isSameOriginRequest(null, null, "none")).toBe(true);
    expect(isSameOriginRequest("https://evil.example", null, "cross-site")).toBe(false);
    expect(isSameOriginRequest(null, null, "cross-site")).toBe(false);
    // A sibling subdomain is another site's code too.
    expect(isSameOriginRequest("https://blogg.kommunforum.example", null, "same-site")).toBe(false);
    expect(isSameOriginRequest(SITE, `${SITE}/kontakt`, "same-site")).toBe(false);
    expect(isSameOriginRequest(SITE, null, "something-new")).toBe(false);
  });

  it("without Sec-Fetch-Site (older browsers) compares Origin with the site's address and the Host header", () => {
    expect(isSameOriginRequest(SITE, null, null)).toBe(true);
    expect(isSameOriginRequest(`${SITE}/`, null, null)).toBe(false);
    expect(isSameOriginRequest("https://evil.example", `${SITE}/kontakt`, null)).toBe(false);
    expect(isSameOriginRequest("http://127.0.0.1:4000", null, null, "127.0.0.1:4000")).toBe(true);
    expect(isSameOriginRequest("https://kommunforum.example", null, undefined, "kommunforum.example")).toBe(true);
    expect(isSameOriginRequest("http://127.0.0.1:4000", null, null, "127.0.0.1:4001")).toBe(false);
    expect(isSameOriginRequest("http://127.0.0.1:4000", null, null)).toBe(false);
    // Sandboxed frames and some redirects send the literal "null".
    expect(isSameOriginRequest("null", `${SITE}/kontakt`, null)).toBe(false);
  });

  it("falls back to Referer when there is no Origin, and lets a request with neither through", () => {
    expect(isSameOriginRequest(null, `${SITE}/kontakt?x=1`, null)).toBe(true);
    expect(isSameOriginRequest(undefined, "https://evil.example/kontakt", undefined)).toBe(false);
    expect(isSameOriginRequest(null, "http://kommunforum.example/a", null, "kommunforum.example")).toBe(true);
    expect(isSameOriginRequest(null, "inte en adress", null)).toBe(false);
    expect(isSameOriginRequest("", "", "")).toBe(true);
    expect(isSameOriginRequest(null, null, null)).toBe(true);
    expect(isSameOriginRequest(undefined, undefined, undefined)).toBe(true);
  });
});
