import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createSmallEvent, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

// The log as an organizer reads it, without JavaScript: the filter is a plain GET form.
test("an organizer filters the log by forum and reads Swedish sentences that link to what they concern", async ({ browser, baseURL }) => {
  test.slow(); // two contexts and an axe scan on a shared machine
  const forum = await createSmallEvent();
  const other = await createSmallEvent();
  const organizer = await createUserWithSession({ role: "organizer" });
  const context = await browser.newContext({ javaScriptEnabled: false });
  await logInAs(context, organizer, baseURL!);
  const page = await context.newPage();

  await page.goto("/admin/logg");
  await expect(page.getByRole("heading", { level: 1, name: "Logg" })).toBeVisible();
  const titleOf = async (id: string) => (await page.getByLabel("Forum").locator(`option[value="${id}"]`).textContent())!;
  const [title, otherTitle] = [await titleOf(forum.id), await titleOf(other.id)];

  await page.getByLabel("Forum").selectOption(forum.id);
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]forum=${forum.id}`));

  const rows = page.getByRole("table", { name: "Loggposter, nyast först" }).getByRole("row");
  await expect(rows.filter({ hasText: /publicerade forumet/ })).toHaveCount(1);
  const published = rows.filter({ hasText: `publicerade forumet ”${title}”` });
  await expect(published).toContainText(/^.*Forumansvarig .+ publicerade forumet/);
  await expect(published.getByRole("link", { name: `”${title}”` })).toHaveAttribute("href", `/admin/forum/${forum.id}`);
  await expect(rows.filter({ hasText: /skapade forumet/ })).toHaveCount(1);
  await expect(page.getByRole("table")).not.toContainText(otherTitle);
  // No model names or raw detail on the page.
  await expect(page.getByRole("main")).not.toContainText(/event\.|"eventId"|\{"/);

  // The organizer's name filters the log by them; the forum filter stays.
  const actor = published.getByRole("link").first();
  await actor.click();
  await expect(page).toHaveURL(/[?&]person=/);
  await expect(page).toHaveURL(new RegExp(`[?&]forum=${forum.id}`));
  await expect(rows.filter({ hasText: /forumet/ })).toHaveCount(2);

  const filtered = page.url();
  // A date that is not one: a Swedish message and a 400, never a 500.
  const response = await page.goto(`/admin/logg?fran=${encodeURIComponent("31/3")}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByText("Skriv datumet som ÅÅÅÅ-MM-DD").first()).toBeVisible();
  await context.close();

  // axe runs in the page, so with JavaScript on: the filtered log has no serious violations.
  const axeContext = await browser.newContext();
  await logInAs(axeContext, organizer, baseURL!);
  const axePage = await axeContext.newPage();
  await axePage.goto(filtered);
  await expectNoSeriousViolations(axePage, "/admin/logg (filtrerad)");
  await axeContext.close();
});
