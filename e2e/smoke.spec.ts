import { expect, test } from "@playwright/test";
import { MARKUP_ONLY, NOT_FOUND_URL } from "./fixtures";

// The site's shell: language, skip link, header and footer navigation, 404, health.

const SECTIONS = [
  { name: "Forum och evenemang", path: "/forum" },
  { name: "Inspelningar", path: "/inspelningar" },
  { name: "Case", path: "/case" },
  { name: "Diskussioner", path: "/diskussioner" },
  { name: "Omröstningar", path: "/undersokningar" },
  { name: "Kontakt", path: "/kontakt" },
];

const FOOTER_LINKS = [
  { name: "Tillgänglighetsredogörelse", path: "/tillganglighet" },
  { name: "Personuppgiftspolicy", path: "/personuppgifter" },
];

test("the home page is in Swedish and has one h1", MARKUP_ONLY, async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.locator("h1")).toHaveCount(1);
});

test("the skip link is the first stop and moves focus to the main content", MARKUP_ONLY, async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till huvudinnehållet" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#huvudinnehall")).toBeFocused();
});

for (const section of SECTIONS) {
  test(`the main menu leads to ${section.path}`, MARKUP_ONLY, async ({ page, request }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: section.name, exact: true }).click();
    await expect(page).toHaveURL(section.path);
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.locator("h1")).not.toBeEmpty();
    // A client-side navigation has no document status; ask the server directly.
    const response = await request.get(section.path);
    expect(response.status(), `${section.path} answered ${response.status()}`).toBeLessThan(500);
  });
}

for (const link of FOOTER_LINKS) {
  test(`the footer links to ${link.path}`, MARKUP_ONLY, async ({ page, request }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: link.name }).click();
    await expect(page).toHaveURL(link.path);
    await expect(page.locator("h1")).toHaveCount(1);
    const response = await request.get(link.path);
    expect(response.status(), `${link.path} answered ${response.status()}`).toBeLessThan(500);
  });
}

test("an unknown address gets the Swedish 404 page", MARKUP_ONLY, async ({ page }) => {
  const response = await page.goto(NOT_FOUND_URL);
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
  await expect(page.getByRole("main").getByRole("link", { name: "Till startsidan" })).toBeVisible();
});

test("/healthz reports ok as JSON", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ status: "ok" });
});
