import { expect, test } from "@playwright/test";
import { cleanUpEvents, createOpenPoll, createSmallEvent } from "./db";

// On a phone (375×812) the header is one compact bar with a "Meny" disclosure, and
// the event and vote pages put their action on the first screen, with and without
// JavaScript.

const PHONE = { width: 375, height: 812 };
const NEXT_FORUM = "/forum/kommunforum-analytics-nasta";

test.afterAll(async () => {
  await cleanUpEvents();
});

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(`at 375×812 ${js}`, () => {
    test.use({ viewport: PHONE, javaScriptEnabled });

    test("the header is one bar and the menu opens and closes behind Meny", async ({ page }) => {
      await page.goto("/");
      const banner = page.getByRole("banner");
      const bar = await banner.boundingBox();
      expect(bar!.y + bar!.height, "the header ends within the first 100 px").toBeLessThanOrEqual(100);
      const menu = page.getByRole("navigation", { name: "Huvudmeny" });
      await expect(menu).toBeHidden();
      await expect(page.getByRole("search")).toBeHidden();
      await page.locator("summary", { hasText: "Meny" }).click();
      await expect(menu.getByRole("link", { name: "Case", exact: true })).toBeVisible();
      await expect(page.getByRole("search")).toBeVisible();
      await menu.getByRole("link", { name: "Case", exact: true }).click();
      await expect(page).toHaveURL("/case");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // A followed link leaves the menu closed, with JavaScript as after a page load.
      await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeHidden();
    });

    test("the event page shows the date, the seats, the deadline and Anmäl dig on the first screen", async ({ page }) => {
      await page.goto(NEXT_FORUM);
      const header = page.locator(".page-header");
      await expect(header.locator(".page-header__meta")).toBeInViewport({ ratio: 1 });
      await expect(header.getByText(/platser kvar av/)).toBeInViewport({ ratio: 1 });
      await expect(header.getByText(/Sista anmälan/)).toBeInViewport({ ratio: 1 });
      const register = header.getByRole("link", { name: "Anmäl dig" });
      await expect(register).toBeInViewport({ ratio: 1 });
      await register.click();
      await expect(page).toHaveURL(`${NEXT_FORUM}#anmalan`);
      await expect(page.locator("#anmalan").getByRole("button", { name: "Anmäl dig" })).toBeVisible();
    });

    test("the results' chart labels are at least 12 px on a phone", async ({ page }) => {
      for (const url of ["/undersokningar/K21A", "/forum/kommunforum-analytics-2021-05-06", "/analysmognad/sverige"]) {
        await page.goto(url);
        const sizes = await page
          .locator("figure svg text")
          .evaluateAll((texts) => texts.map((text) => parseFloat(getComputedStyle(text).fontSize) * ((text as SVGTextElement).getScreenCTM()?.a ?? 1)));
        expect(sizes.length, url).toBeGreaterThan(0);
        expect(Math.min(...sizes), url).toBeGreaterThanOrEqual(12);
      }
    });

    test("the vote page shows the question, four options and the button on the first screen", async ({ page }) => {
      const event = await createSmallEvent({ capacity: 50 });
      const question = "Har din kommun en person eller funktion som säkerställer samordningen av analys (BI, IoT och AI)?";
      const poll = await createOpenPoll(event.id, question, ["Ja", "Nej", "Vi arbetar på det", "Vet inte"]);
      await page.goto(`/rosta/${poll.code}`);
      await expect(page.getByRole("heading", { level: 1, name: question })).toBeInViewport({ ratio: 1 });
      for (const option of ["Ja", "Nej", "Vi arbetar på det", "Vet inte"]) {
        await expect(page.getByRole("radio", { name: option, exact: true })).toBeInViewport({ ratio: 1 });
      }
      const submit = page.getByRole("button", { name: "Skicka mitt svar" });
      await expect(submit).toBeInViewport({ ratio: 1 });
      await page.getByRole("radio", { name: "Vet inte" }).check();
      await submit.click();
      await expect(page.getByRole("status")).toContainText("Tack, din röst är registrerad.");
    });
  });
}
