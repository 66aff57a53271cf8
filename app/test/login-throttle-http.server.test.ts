// Login and two-factor throttling over HTTP against the production build. An
// attacker who keeps guessing from one address is slowed down more and more
// (a growing Retry-After) and refused, but cannot lock the owner out: the right
// password from an address that has not been failing still gets in (OWASP,
// "Authentication Cheat Sheet", account lockout).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { startAppServer, type AppServer } from "./app-server";
import { httpFixtures, sessionCookie } from "./http-fixtures";
import { buildExists } from "./route-manifest";

let app: AppServer;
const { sql, member, post } = httpFixtures(() => app);
const PASSWORD = "Ratt-losenord-for-test-2026";
let passwordHash: string;

const retryAfter = (res: Response) => Number(res.headers.get("retry-after") ?? "0");

/** Sends `count` wrong guesses for `email` from `ip`; returns each answer's status and Retry-After. */
async function guess(path: string, count: number, fields: (i: number) => Record<string, string>, options: { ip: string; cookie?: string }) {
  const answers: { status: number; retryAfter: number }[] = [];
  for (let i = 0; i < count; i++) {
    const res = await post(path, fields(i), options);
    await res.arrayBuffer();
    answers.push({ status: res.status, retryAfter: retryAfter(res) });
  }
  return answers;
}

function expectGrowingDelays(answers: { status: number; retryAfter: number }[]) {
  expect(answers.slice(0, 3).map((a) => a.status)).toEqual([400, 400, 400]); // real guesses first
  const refused = answers.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThan(answers.length / 2);
  expect(answers.every((a) => a.status === 400 || a.status === 429)).toBe(true);
  // Every refusal says how long to wait, and the wait grows the longer the guessing goes on.
  expect(refused.every((a) => a.retryAfter > 0)).toBe(true);
  for (let i = 1; i < refused.length; i++) expect(refused[i]!.retryAfter).toBeGreaterThanOrEqual(refused[i - 1]!.retryAfter - 5);
  expect(refused.at(-1)!.retryAfter).toBeGreaterThan(refused[0]!.retryAfter * 10);
}

describe.skipIf(!buildExists())("login throttling (production build)", () => {
  beforeAll(async () => {
    [app, passwordHash] = await Promise.all([startAppServer({ name: "login-throttle", env: { TRUST_PROXY: "1" } }), hashPassword(PASSWORD)]);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("slows and refuses an attacker's address, but lets the owner in from another address", async () => {
    const owner = await member({ passwordHash, municipalityCode: null, affiliation: "none", session: false });
    const attacker = "198.51.100.7";
    const answers = await guess("/logga-in", 50, (i) => ({ email: owner.email, password: `gissning-${i}` }), { ip: attacker });
    expectGrowingDelays(answers);
    // The attacker's address stays refused, even with the right password.
    expect((await post("/logga-in", { email: owner.email, password: PASSWORD }, { ip: attacker })).status).toBe(429);

    const ok = await post("/logga-in", { email: owner.email, password: PASSWORD }, { ip: "203.0.113.9" });
    expect(ok.status, app.errorLines()).toBe(302);
    expect(ok.headers.get("location")).toBe("/profil");
  });

  it("stops guessing at one account spread over many addresses after one try each", async () => {
    const owner = await member({ passwordHash, municipalityCode: null, affiliation: "none", session: false });
    const addresses = Array.from({ length: 12 }, (_, i) => `192.0.2.${i + 10}`);
    for (const ip of addresses) expect((await post("/logga-in", { email: owner.email, password: "fel-losenord" }, { ip })).status).toBe(400);
    // The account has now failed more than ten times: an address that failed is refused ...
    const again = await post("/logga-in", { email: owner.email, password: "fel-igen" }, { ip: addresses[0]! });
    expect(again.status).toBe(429);
    expect(retryAfter(again)).toBeGreaterThan(0);
    // ... and a fresh one still gets in with the right password.
    expect((await post("/logga-in", { email: owner.email, password: PASSWORD }, { ip: "203.0.113.10" })).status).toBe(302);
  });

  it("keeps the per-address limit: one address guessing at many accounts is refused", async () => {
    const ip = "198.51.100.99";
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await post("/logga-in", { email: `okand-${i}@test.example`, password: "fel-losenord" }, { ip });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(-5).every((s) => s === 429)).toBe(true);
  });

  it("slows wrong two-factor codes from one address without locking the owner's own login", async () => {
    const owner = await member({ passwordHash, municipalityCode: null, affiliation: "none", totpEnabled: true, session: false });
    const recovery = "ABCD-EFGH";
    await sql(`INSERT INTO "RecoveryCode" ("id", "userId", "codeHash") VALUES (?, ?, ?)`, [
      `rc${crypto.randomBytes(6).toString("hex")}`,
      owner.id,
      crypto.createHash("sha256").update("ABCDEFGH").digest("hex"),
    ]);
    const logIn = async (ip: string) => {
      const res = await post("/logga-in", { email: owner.email, password: PASSWORD }, { ip });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/logga-in\/tvastegs/);
      return sessionCookie(res);
    };

    // Someone who has the password guesses codes from one address.
    const attacker = "198.51.100.20";
    const cookie = await logIn(attacker);
    const answers = await guess("/logga-in/tvastegs", 30, (i) => ({ code: String(100000 + i) }), { ip: attacker, cookie });
    expectGrowingDelays(answers);

    // The owner logs in from home and uses a recovery code.
    const ownCookie = await logIn("203.0.113.30");
    const ok = await post("/logga-in/tvastegs", { code: recovery }, { ip: "203.0.113.30", cookie: ownCookie });
    expect(ok.status, app.errorLines()).toBe(302);
    expect(ok.headers.get("location")).toBe("/profil");
  });
});
