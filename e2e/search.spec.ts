import { expect, test } from "@playwright/test";
import { cleanUp, createPublishedCase } from "./db";
import { MARKUP_ONLY, expectNoSeriousViolations } from "./fixtures";

// Search, municipality pages and the feed, as a visitor meets them.

test.afterAll(() => cleanUp());
// Several engineers share two cores: give page loads room.
test.describe.configure({ timeout: 60_000 });

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header search finds Kristianstad's case by a Swedish word from its body", async ({ page }) => {
    await page.goto("/");
    const search = page.getByRole("search").filter({ has: page.getByLabel("Sök på webbplatsen") });
    await search.getByLabel("Sök på webbplatsen").fill("Skåne län");
    await search.getByRole("button", { name: "Sök" }).click();
    await expect(page).toHaveURL(/\/sok\?q=Sk%C3%A5ne(\+|%20)l%C3%A4n/);
    await expect(page.locator("h1")).toHaveText("Sök");
    const results = page.locator(".search-results");
    const hit = results.getByRole("link", { name: /Kristianstad: Smart VA/ });
    await expect(hit).toBeVisible();
    // The matched words are highlighted.
    await expect(results.locator("mark", { hasText: "Skåne" }).first()).toBeVisible();
    await expect(hit).toHaveAttribute("href", "/case/kristianstad-smart-va");
    await expect(results.getByRole("link", { name: "Kristianstad", exact: true }).first()).toHaveAttribute("href", "/kommun/1290-kristianstad");
  });

  test("the type filter and prefix search work from the search page", async ({ page }) => {
    await page.goto("/sok");
    await expect(page.getByText("Skriv vad du letar efter.")).toBeVisible();
    await page.getByLabel("Sökord").fill("beslutsstö");
    await page.getByRole("radio", { name: "Case", exact: true }).check();
    await page.getByRole("button", { name: "Sök", exact: true }).last().click();
    await expect(page).toHaveURL(/typ=case/);
    await expect(page.getByRole("status")).toContainText("bland case");
    const kinds = await page.locator(".search-result__kind").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["Case"]));
    await expect(page.locator(".search-results").getByRole("link", { name: /Borlänge: att införa/ })).toBeVisible();
  });

  test("FTS syntax in the query is treated as words, never as an error", async ({ page }) => {
    for (const q of ['"', "NEAR(", "smart AND (va", "*", "-:"]) {
      const response = await page.goto(`/sok?q=${encodeURIComponent(q)}`);
      expect(response?.status(), q).toBe(200);
      await expect(page.locator("h1")).toHaveText("Sök");
    }
  });
});

test("search finds a case an organizer wrote by a Swedish word from its body", async ({ page }) => {
  const created = await createPublishedCase({
    title: "Prognoser för grundvattnet i Borlänge",
    bodyMd: "## Bakgrund\n\nKommunen mäter grundvattennivåer med sensorer och jämför dem med nederbörden.",
  });
  await page.goto(`/sok?q=${encodeURIComponent("grundvatten")}`);
  const hit = page.locator(".search-results").getByRole("link", { name: created.title });
  await expect(hit).toBeVisible();
  const result = page.locator(".search-result").filter({ has: page.getByRole("link", { name: created.title }) });
  await expect(result.locator("mark", { hasText: "grundvattennivåer" })).toBeVisible();
});

test("a results page with highlighted matches passes axe", MARKUP_ONLY, async ({ page }) => {
  await page.goto("/sok?q=och");
  await expect(page.locator(".search-results mark").first()).toBeVisible();
  await expectNoSeriousViolations(page, "/sok?q=och");
});

test("/kommun lists the 21 counties and links to the municipalities", async ({ page }) => {
  const response = await page.goto("/kommun");
  expect(response?.status()).toBe(200);
  await expect(page.locator("h1")).toHaveText("Kommuner");
  const countySections = page.locator("section h2");
  await expect(countySections).toHaveCount(21);
  await expect(countySections.first()).toHaveText("Blekinge län");
  await expect(page.getByRole("link", { name: "Kristianstad", exact: true })).toHaveAttribute("href", "/kommun/1290-kristianstad");
  // The axe scan of /kommun is in a11y.spec.ts, with every other page.
});

test("Borlänge's page shows its county, code and case", async ({ page }) => {
  await page.goto("/kommun/2081-fel-namn");
  await expect(page).toHaveURL("/kommun/2081-borlange");
  await expect(page.locator("h1")).toHaveText("Borlänge kommun");
  await expect(page.getByText("Dalarnas län").first()).toBeVisible();
  await expect(page.getByText("2081", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Case" }).getByRole("link", { name: /Borlänge: att införa och utveckla beslutsstöd/ })).toBeVisible();
  const response = await page.goto("/kommun/9999-ingenstans");
  expect(response?.status()).toBe(404);
});

test("the feed is announced and lists the seeded case", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
  expect(href).toBe("/feed.xml");
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/atom+xml");
  expect(await response.text()).toContain("/case/kristianstad-smart-va</id>");
});
