import { expect, test } from "@playwright/test";

// Pages from the anonymous page cache (ADR 013) keep the strict CSP: no nonce,
// the hashes of their own inline scripts instead. Chromium enforces that policy:
// the inline scripts must run (Remix hydrates) and nothing may be refused.
// Off on `npm run test:pg`, which runs its servers without the cache.
test.skip(process.env.PAGE_CACHE_MB === "0", "the page cache is off in this run");

test("two cached answers pass the CSP in Chromium and hydrate", async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // Stored after the first answer (compressed first): wait until the page answers from the cache.
  await expect.poll(async () => (await page.request.get("/")).headers()["x-cache"], { timeout: 10_000 }).toBe("HIT");

  const policies: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await page.goto("/");
    expect(response?.headers()["x-cache"]).toBe("HIT");
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("'sha256-");
    expect(csp).not.toContain("nonce-");
    policies.push(csp);
    // Remix's inline module script ran: the router exists once the page hydrated.
    await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  }
  // A client-side navigation works on the cached page (JavaScript is in charge).
  await page.getByRole("link", { name: "Diskussioner" }).first().click();
  await expect(page).toHaveURL(/\/diskussioner$/);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
});
