import { afterEach, describe, expect, it, vi } from "vitest";

// env() caches; each case loads a fresh copy of the module.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value as string);
  return (await import("./env.server")).env;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("environment validation", () => {
  it("fails at start with a message that names the bad variable", async () => {
    const env = await loadEnv({ PORT: "inte-en-port", APP_URL: "localhost" });
    expect(() => env()).toThrowError(/PORT/);
    expect(() => env()).toThrowError(/APP_URL/);
    expect(() => env()).toThrowError(/Ogiltig konfiguration/);
  });

  it("refuses a database URL it cannot use", async () => {
    const env = await loadEnv({ DATABASE_URL: "mysql://x" });
    expect(() => env()).toThrowError(/DATABASE_URL: måste börja med file: eller postgres:\/\//);
  });

  it("needs no configuration for a demo and keeps generated secrets in the data folder, one per purpose", async () => {
    const env = await loadEnv({ PORT: undefined, SESSION_SECRET: undefined, LINK_SECRET: undefined });
    const first = env();
    expect(first.PORT).toBe(3000);
    expect(first.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(first.LINK_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(first.LINK_SECRET).not.toBe(first.SESSION_SECRET);
    const again = await loadEnv({ SESSION_SECRET: undefined, LINK_SECRET: undefined });
    expect(again().SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(again().LINK_SECRET).toBe(first.LINK_SECRET);
  });

  it("refuses short secrets and a link key that is the session key; an empty previous key counts as none", async () => {
    const short = await loadEnv({ LINK_SECRET_PREVIOUS: "kort" });
    expect(() => short()).toThrowError(/LINK_SECRET_PREVIOUS: måste vara minst 32 tecken/);
    const same = "samma-nyckel-for-bada-0123456789abcdef";
    const shared = await loadEnv({ SESSION_SECRET: same, LINK_SECRET: same });
    expect(() => shared()).toThrowError(/LINK_SECRET: måste skilja sig från SESSION_SECRET/);
    const empty = await loadEnv({ SESSION_SECRET_PREVIOUS: "", LINK_SECRET_PREVIOUS: "" });
    expect(empty().SESSION_SECRET_PREVIOUS).toBeUndefined();
    expect(empty().LINK_SECRET_PREVIOUS).toBeUndefined();
  });
});
