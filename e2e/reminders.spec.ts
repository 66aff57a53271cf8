import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createSmallEvent, createUserWithSession, logInAs, registerSomeone } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// Reminders are a schedule: sending one early asks first with the count and
// leaves the scheduled reminder (24 hours before the start) in place.

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

test("an early reminder asks first with the count and leaves the scheduled one in place", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createSmallEvent({ capacity: 5 });
  await registerSomeone(event.id);
  await registerSomeone(event.id);
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  const schedule = page.locator("#paminnelse-schema");
  await expect(schedule).toContainText(/^Påminnelsen skickas automatiskt \S+ \d+ \S+ \d{4} kl\. \d\d\.\d\d \(24 timmar före start\)\.$/);

  await page.getByRole("button", { name: "Skicka en påminnelse nu …" }).click();
  const question = page.getByRole("alert").filter({ hasText: "Skicka påminnelse nu till 2 deltagare?" });
  await expect(question).toContainText("Den schemalagda påminnelsen skickas ändå.");
  await question.getByRole("button", { name: "Ja, skicka till 2 deltagare" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Påminnelsen är lagd i utkorgen till 2 personer." }).first()).toBeVisible();
  await expect(schedule).toContainText("Påminnelsen skickas automatiskt");
  await expect(schedule).toContainText("(24 timmar före start). 2 deltagare har fått en påminnelse i förväg.");
  await expectNoSeriousViolations(page);
});

test("Skickade mejl shows each send with its recipients and each guest's mail about the forum", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createSmallEvent({ capacity: 5 });
  const anna = await registerSomeone(event.id);
  await registerSomeone(event.id);
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  const log = page.locator("section", { has: page.getByRole("heading", { name: "Skickade mejl" }) });
  await expect(log).toContainText("Inga utskick om det här forumet än.");

  await page.getByRole("button", { name: "Skicka en påminnelse nu …" }).click();
  await page.getByRole("button", { name: "Ja, skicka till 2 deltagare" }).click();
  await expect(log.getByRole("listitem")).toHaveText([/^Påminnelse \(skickad i förväg\), .+: 2 mejl\. Skickat \d, i kö \d, misslyckat 0\. Visa mottagarna/]);

  await log.getByRole("link", { name: "Visa mottagarna av Påminnelse (skickad i förväg)" }).click();
  const recipients = log.getByRole("table", { name: "Mottagare och status, 2 mejl" });
  await expect(recipients.getByRole("row")).toHaveCount(3);
  await expect(recipients.getByRole("row", { name: new RegExp(anna.email) })).toContainText(/I kö|Skickat/);
  await expectNoSeriousViolations(page);

  await page.getByRole("link", { name: `Mejl till ${anna.name}` }).click();
  await expect(log.getByRole("heading", { name: `Mejl till ${anna.name} (${anna.email})` })).toBeVisible();
  await expect(log.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(log.getByRole("table")).toContainText(/Påminnelse|påminnelse/);

  // A send or guest that is not this forum's is a clear 404, not a 500.
  const unknown = await page.goto(`/admin/forum/${event.id}/anmalningar?utskick=okand`);
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Sidan finns inte" })).toBeVisible();
  expect((await page.goto(`/admin/forum/${event.id}/anmalningar?gast=finnsinte`))?.status()).toBe(404);
});
