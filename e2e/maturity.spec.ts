import { expect, test, type Page } from "@playwright/test";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// Journeys from issue 7, the analytics-maturity self-assessment ("Analysmognad").
// The demo seed gives this year's assessments to enough municipalities in Dalarna and
// in Borlänge's municipality group, Borlänge one for last year, and exactly four to the
// tourism group (Åre the only one in Jämtland).

const thisYear = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date()));

test.afterAll(() => cleanUp());

/** One dimension's radio group: its legend reads "<n>. <label> <statement>". */
const group = (page: Page, label: string) => page.getByRole("group", { name: new RegExp(`^\\d+\\. ${label} `) });

async function answer(page: Page, label: string, score: number) {
  await group(page, label)
    .getByRole("radio", { name: new RegExp(`^${score} – `) })
    .check();
}

test("a member of Borlänge submits the self-assessment and sees the comparison and the recommendations", async ({ page, context, baseURL }) => {
  const member = await createUserWithSession();
  await logInAs(context, member, baseURL!);

  await page.goto("/analysmognad");
  await page.getByRole("link", { name: `Gör bedömningen för ${thisYear}` }).click();
  await expect(page).toHaveURL(/\/analysmognad\/bedom$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Analysmognad ${thisYear}: Borlänge`);
  await expectNoSeriousViolations(page);

  // Sending without answers names every missing answer and links to its first radio button.
  await page.getByRole("button", { name: "Skicka in bedömningen" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("10 fel");
  await summary.getByRole("link", { name: /BI i drift/ }).click();
  await expect(group(page, "BI i drift").getByRole("radio", { name: /^0 – / })).toBeFocused();

  // Weak in BI, IoT and culture; strong elsewhere.
  for (const label of [
    "Ägarskap",
    "Långsiktig plan",
    "AI och prognoser",
    "Kompetens i verksamheten",
    "Samverkan verksamhet–IT",
    "Gemensam dataplattform",
    "Öppna data",
  ]) {
    await answer(page, label, 3);
  }
  await answer(page, "BI i drift", 0);
  await answer(page, "IoT", 1);
  await answer(page, "Datadriven kultur", 1);
  await page.getByRole("button", { name: "Skicka in bedömningen" }).click();

  await expect(page).toHaveURL(new RegExp(`/analysmognad/kommun/2081-borlange\\?ar=${thisYear}&sparad=1$`));
  await expect(page.getByRole("status")).toContainText(`Bedömningen för ${thisYear} är sparad`);

  // The chart and its table compare Borlänge with the nation, Dalarna and the municipality group.
  await expect(page.locator("svg[role=img] title").first()).toHaveText(`Borlänges poäng ${thisYear} jämfört med andra`);
  await page.getByText("Visa siffrorna som tabell").first().click();
  const table = page.getByRole("table", { name: /Poäng per område/ });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Område",
    "Borlänge",
    "Riket",
    "Dalarnas län",
    "Kommungruppen",
    `Förändring sedan ${thisYear - 1}`,
  ]);
  await expect(
    table
      .getByRole("row", { name: /BI i drift/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("0");
  await expect(page.locator(".maturity-hidden")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: `Förändring sedan ${thisYear - 1}` })).toBeVisible();

  // Recommendations for the weakest dimensions link to tagged material.
  const recommendations = page.getByRole("region", { name: "Rekommendationer" });
  await expect(recommendations.getByRole("heading", { level: 3 })).toHaveText(["BI i drift (poäng 0)", "IoT (poäng 1)", "Datadriven kultur (poäng 1)"]);
  await expect(recommendations.getByRole("link", { name: /Borlänge: att införa och utveckla beslutsstöd/ }).first()).toBeVisible();
  await expect(recommendations.getByRole("link", { name: /Kristianstad: Smart VA/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  // The form is prefilled from the current assessment; sending again replaces it and keeps the history.
  await page.goto("/analysmognad/bedom");
  await expect(page.getByText(`Borlänge har redan en bedömning för ${thisYear}`)).toBeVisible();
  await expect(group(page, "BI i drift").getByRole("radio", { name: /^0 – / })).toBeChecked();
  await answer(page, "BI i drift", 2);
  await page.getByRole("button", { name: "Ersätt bedömningen" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const history = page.getByRole("table", { name: /Alla bedömningar/ });
  await expect(history.getByRole("row").filter({ hasText: String(thisYear) })).toHaveCount(2);
  await expect(history.getByRole("row").filter({ hasText: "Ersatt" })).toHaveCount(1);
});

test("comparison groups below 5 are hidden", async ({ page }) => {
  // Åre: the only municipality in Jämtland that answered, and one of four in its group.
  await page.goto("/analysmognad/kommun/2321-are");
  const hidden = page.locator(".maturity-hidden");
  await expect(hidden).toContainText("för att skydda små grupper");
  await expect(hidden.getByRole("listitem")).toHaveText(["Jämtlands län", "kommungruppen Turism- och besöksnäringskommuner"]);
  await page.getByText("Visa siffrorna som tabell").first().click();
  await expect(page.getByRole("table", { name: /Poäng per område/ }).getByRole("columnheader")).toHaveText(["Område", "Riket"]);
  // Visitors never see a municipality's own scores.
  await expect(page.getByText("Ares egna poäng")).toHaveCount(0);
  await expect(page.getByText("egna poäng visas bara för verifierade medlemmar från Åre")).toBeVisible();

  await page.goto("/analysmognad/sverige");
  const groups = page.getByRole("table", { name: /per kommungrupp/ });
  await expect(groups.getByRole("row", { name: /Turism- och besöksnäringskommuner/ })).toContainText("Dolt (färre än 5)");
  const counties = page.getByRole("table", { name: /per län/ });
  await expect(counties.getByRole("row", { name: /Jämtlands län/ })).toContainText("Dolt (färre än 5)");
  await expect(counties.getByRole("row", { name: /Dalarnas län/ })).not.toContainText("Dolt");
  await expect(counties.getByRole("row", { name: /Dalarnas län/ })).toContainText(/\d,\d/);

  // The open-data export has no group under 5.
  const csv = await (await page.request.get("/analysmognad/oppna-data.csv")).text();
  expect(csv).toContain(";lan;20;Dalarnas län;");
  expect(csv).not.toContain(";lan;23;");
  expect(csv).not.toContain(";kommungrupp;turism;");
});
