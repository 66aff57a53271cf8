import { describe, expect, it } from "vitest";
import { env } from "./env.server";
import { isSameOriginRequest } from "./origin.server";

// APP_URL is the default, http://localhost:3000, in tests.
describe("isSameOriginRequest", () => {
  it("lets a browser's same-site post through, and a client that is not a browser", () => {
    expect(isSameOriginRequest("http://localhost:3000", null, "same-origin", "localhost:3000")).toBe(true);
    expect(isSameOriginRequest("https://forum.example", null, null, "forum.example")).toBe(true);
    expect(isSameOriginRequest(null, "http://localhost:3000/kontakt", null, "localhost:3000")).toBe(true);
    expect(isSameOriginRequest(null, null, null, "localhost:3000")).toBe(true);
  });

  it("refuses another site, an opaque origin and a cross-site fetch", () => {
    expect(isSameOriginRequest("https://evil.example", null, null, "localhost:3000")).toBe(false);
    expect(isSameOriginRequest("null", null, null, "localhost:3000")).toBe(false);
    expect(isSameOriginRequest(null, null, "cross-site", "localhost:3000")).toBe(false);
    expect(isSameOriginRequest(null, "https://evil.example/x", null, "localhost:3000")).toBe(false);
    expect(isSameOriginRequest("inte en adress", null, null, "localhost:3000")).toBe(false);
  });

  it("refuses an Origin that does not name the Host (or X-Forwarded-Host), as Remix does, even from APP_URL", () => {
    // A proxy that passes its own Host on: the browser's Origin is APP_URL, Host is the app's address.
    expect(isSameOriginRequest("http://localhost:3000", null, "same-origin", "127.0.0.1:3000")).toBe(false);
    expect(isSameOriginRequest("http://localhost:3000", null, null, "127.0.0.1:3000")).toBe(false);
    // With X-Forwarded-Host, that is the host the Origin must name.
    expect(isSameOriginRequest("https://forum.example", null, "same-origin", "127.0.0.1:3000", "forum.example")).toBe(true);
    expect(isSameOriginRequest("https://forum.example", null, "same-origin", "forum.example", "other.example, forum.example")).toBe(false);
  });
});

// The headers real browsers send with a form POST: Chromium, Firefox and Safari
// (since 16.4) send Sec-Fetch-Site on every request, and Origin on every POST.
const SITE = new URL(env().APP_URL).origin;
const HOST = new URL(SITE).host;

describe("the Origin check with the headers real browsers send", () => {
  it("trusts Sec-Fetch-Site when a browser sends it, once Origin names the host", () => {
    expect(isSameOriginRequest(SITE, null, "same-origin", HOST)).toBe(true);
    expect(isSameOriginRequest("https://evil.example", null, "same-origin", HOST)).toBe(false);
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
    expect(isSameOriginRequest(SITE, null, null, HOST)).toBe(true);
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
