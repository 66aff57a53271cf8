import { afterEach, describe, expect, it, vi } from "vitest";

// env() caches; each case loads a fresh copy of the module.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
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

  it("needs no configuration for a demo and keeps a generated secret in the data folder", async () => {
    const env = await loadEnv({ PORT: undefined, SESSION_SECRET: undefined });
    const first = env();
    expect(first.PORT).toBe(3000);
    expect(first.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadEnv({ SESSION_SECRET: undefined });
    expect(again().SESSION_SECRET).toBe(first.SESSION_SECRET);
  });
});
