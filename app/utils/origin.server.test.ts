import { describe, expect, it } from "vitest";
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
