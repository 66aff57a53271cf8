import { expect, test, type Locator, type Page } from "@playwright/test";
import { cleanUp } from "./db";

// Forms as people live them (issue 16, items 1, 2 and 5), on a desktop and a phone,
// with JavaScript and without: the error summary survives a click on its links,
// a sent form is empty with focus on the confirmation, and after a client-side
// navigation focus is on the new page's h1. Then a keyboard-only journey.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.afterAll(() => cleanUp());

const VIEWPORTS = [
  { name: "dator", viewport: { width: 1280, height: 800 } },
  { name: "telefon", viewport: { width: 375, height: 812 } },
] as const;

/** Whether the whole of the element is inside the window. */
async function inView(locator: Locator) {
  const box = await locator.boundingBox();
  const height = await locator.page().evaluate(() => window.innerHeight);
  return !!box && box.y >= 0 && box.y + box.height <= height;
}

async function fillContact(page: Page, email: string) {
  await page.getByLabel("Namn", { exact: true }).fill("Vera Besökare");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Vad gäller det?").selectOption({ label: "Något annat" });
  await page.getByLabel("Meddelande", { exact: true }).fill("Hej! En fråga om nästa forum.");
}

for (const { name, viewport } of VIEWPORTS) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`${name}, ${javaScriptEnabled ? "med" : "utan"} JavaScript`, () => {
      test.use({ viewport, javaScriptEnabled });

      test("the error summary stays when its link is used, and focus lands on the field with its label and message in view", async ({ page }) => {
        await page.goto("/kontakt");
        await page.getByLabel("E-postadress").fill("inte-en-adress");
        await page.getByRole("button", { name: "Skicka meddelandet" }).click();
        const summary = page.locator(".error-summary");
        await expect(summary).toBeVisible();
        // Every error at once, in the order of the fields.
        await expect(summary.getByRole("listitem")).toHaveText([
          "Skriv ditt namn.",
          "Skriv e-postadressen i formatet namn@exempel.se.",
          "Välj vad meddelandet gäller.",
          "Skriv ditt meddelande.",
        ]);
        await summary.getByRole("link", { name: "Skriv ditt meddelande." }).click();
        const field = page.getByLabel("Meddelande", { exact: true });
        await expect(field).toBeFocused();
        await expect(summary).toBeVisible();
        await expect(page.locator(".field__error")).toHaveCount(4);
        expect(await inView(page.locator('label[for="falt-body"]'))).toBe(true);
        expect(await inView(page.locator("#falt-body-error"))).toBe(true);
        await expect(field).toHaveCSS("border-top-color", await page.getByLabel("Vad gäller det?").evaluate((s) => getComputedStyle(s).borderTopColor));
      });

      test("a sent form is empty, with focus on the confirmation", async ({ page }) => {
        await page.goto("/kontakt");
        await fillContact(page, `skickat-${unique()}@kommun.example`);
        await page.getByRole("button", { name: "Skicka meddelandet" }).click();
        const confirmation = page.getByRole("status").filter({ hasText: "Ditt meddelande är skickat" });
        await expect(confirmation).toBeFocused();
        await expect(page.getByLabel("Namn", { exact: true })).toHaveValue("");
        await expect(page.getByLabel("Meddelande", { exact: true })).toHaveValue("");
        // Sent again from the confirmation: empty again, the confirmation takes focus again.
        await fillContact(page, `igen-${unique()}@kommun.example`);
        await page.getByRole("button", { name: "Skicka meddelandet" }).click();
        await expect(confirmation).toBeFocused();
        await expect(page.getByLabel("Meddelande", { exact: true })).toHaveValue("");
      });

      test("the organisation question follows the radio choice", async ({ page }) => {
        await page.goto("/registrera");
        await expect(page.getByLabel("Kommun", { exact: true })).toBeVisible();
        await expect(page.getByLabel("Organisationens namn")).toBeHidden();
        await page.getByLabel("I en annan organisation").check();
        await expect(page.getByLabel("Kommun", { exact: true })).toBeHidden();
        await expect(page.getByLabel("Organisationens namn")).toBeVisible();
        // The kommun list is grouped by county.
        await expect(page.locator("#falt-municipalityCode optgroup")).toHaveCount(21);
      });

      if (javaScriptEnabled) {
        test("after a client-side navigation focus is on the new page's h1", async ({ page }) => {
          await page.goto("/");
          // On a phone the main menu sits behind the Meny disclosure.
          if (viewport.width < 600) await page.getByText("Meny", { exact: true }).click();
          await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kontakt" }).click();
          await expect(page.getByRole("heading", { level: 1, name: "Kontakta forumansvarig" })).toBeFocused();
          await page.getByRole("contentinfo").getByRole("link", { name: "Personuppgiftspolicy" }).click();
          await expect(page.getByRole("heading", { level: 1, name: "Personuppgiftspolicy" })).toBeFocused();
        });
      }
    });
  }
}

/** Presses Tab until `target` has focus (it must be reachable by keyboard). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("by keyboard alone: register for the next forum and send a Kontakt message", async ({ page }) => {
  await page.goto("/forum/kommunforum-analytics-nasta");
  const form = page.locator("#anmalan");
  await tabTo(page, form.getByLabel("Namn", { exact: true }));
  await page.keyboard.type("Kim Tangentbord");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`tangent-${unique()}@borlange.example`);
  await tabTo(page, form.getByLabel("Kommun", { exact: true }));
  for (const key of "Borl") await page.keyboard.press(key); // a select's type-ahead
  await expect(form.getByLabel("Kommun", { exact: true })).toHaveValue("2081");
  await tabTo(page, form.getByRole("button", { name: /Anmäl dig|Ställ mig på väntelistan/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();

  await tabTo(page, page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kontakt" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Kontakta forumansvarig" })).toBeFocused();
  await tabTo(page, page.getByLabel("Namn", { exact: true }));
  await page.keyboard.type("Kim Tangentbord");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`tangent-${unique()}@borlange.example`);
  await tabTo(page, page.getByLabel("Vad gäller det?"));
  await page.keyboard.press("N"); // "Något annat"
  await page.keyboard.press("Tab");
  await page.keyboard.type("Skickat med tangentbordet.");
  await tabTo(page, page.getByRole("button", { name: "Skicka meddelandet" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Ditt meddelande är skickat" })).toBeFocused();
});
