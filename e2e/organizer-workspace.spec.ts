import { expect, test, type Page } from "@playwright/test";
import { cleanUp, createUserWithPassword, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// The organizer's way into the workspace and its layout: login lands there, the
// header and the public forum page lead there, and its pages fit 1280 × 800.

test.afterAll(() => cleanUp());

const PASSWORD = "Ett-langt-testlosenord-17";
const UPCOMING = "/forum/kommunforum-analytics-nasta";

async function logInThroughForm(page: Page, email: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test("an organizer lands in the workspace after login and finds it from the header and the forum page", async ({ page }) => {
  const organizer = await createUserWithPassword(PASSWORD, { role: "organizer" });
  await logInThroughForm(page, organizer.email);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Arrangörsverktyg" })).toBeVisible();
  const tools = page.getByRole("navigation", { name: "Arrangörsverktyg" });
  await expect(tools.getByRole("link", { name: "Forum" })).toBeVisible();
  await expect(tools.getByRole("link", { name: "Översikt" })).toHaveAttribute("aria-current", "page");
  // No public menu competes with the tools.
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toHaveCount(0);

  // The dashboard leads with what needs doing; each number links to its list.
  await expect(page.getByRole("region", { name: "Att göra" }).getByRole("link", { name: /obesvarade meddelanden/ })).toHaveAttribute(
    "href",
    "/admin/inkorg?status=ny",
  );
  const upcoming = page.getByRole("region", { name: "Kommande forum" });
  await upcoming
    .getByRole("link", { name: /på väntelistan till/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/anmalningar\?visa=vantelista$/);

  await page.goto(UPCOMING);
  await page.getByRole("link", { name: "Hantera anmälningar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Anmälningar:/ })).toBeVisible();
  await page.goto(UPCOMING);
  await page.getByRole("link", { name: "Redigera forumet" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Uppgifter om forumet" })).toBeVisible();
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Arrangörsverktyg" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("a moderator lands in the moderation queue; a member on the profile, without workspace links", async ({ browser }) => {
  const moderator = await createUserWithPassword(PASSWORD, { role: "moderator" });
  const member = await createUserWithPassword(PASSWORD);
  const asModerator = await (await browser.newContext()).newPage();
  await logInThroughForm(asModerator, moderator.email);
  await expect(asModerator).toHaveURL(/\/admin\/moderering$/);
  const tools = asModerator.getByRole("navigation", { name: "Arrangörsverktyg" });
  await expect(tools.getByRole("link")).toHaveCount(1);

  const asMember = await (await browser.newContext()).newPage();
  await logInThroughForm(asMember, member.email);
  await expect(asMember).toHaveURL(/\/profil$/);
  await expect(asMember.getByRole("link", { name: "Arrangörsverktyg" })).toHaveCount(0);
  await asMember.goto(UPCOMING);
  await expect(asMember.getByRole("link", { name: "Hantera anmälningar" })).toHaveCount(0);
});

test("the workspace pages pass axe and have no horizontal overflow at 1280 × 800", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "admin" }), baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/admin/forum");
  const eventLinks = await page.locator('main a[href^="/admin/forum/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const eventId = eventLinks.map((h) => h.split("/")[3]).find((id) => id && id !== "ny")!;
  const urls = [
    "/admin",
    "/admin/forum",
    "/admin/forum/ny",
    `/admin/forum/${eventId}`,
    `/admin/forum/${eventId}/anmalningar`,
    `/admin/forum/${eventId}/inspelning`,
    `/admin/forum/${eventId}/omrostningar`,
    "/admin/inkorg",
    "/admin/moderering",
    "/admin/case",
    "/admin/case/ny",
    "/admin/spaningar",
    "/admin/spaningar/ny",
    "/admin/tillhorighet",
    "/admin/tillhorighet/domaner",
    "/admin/logg",
    "/admin/anvandare",
    "/admin/mejl",
  ];
  for (const url of urls) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.locator("h1"), `${url}: exactly one h1`).toHaveCount(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} is ${overflow} px wider than the window`).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page, url);
  }
});
