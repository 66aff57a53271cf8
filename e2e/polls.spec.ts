import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createSmallEvent, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

test("the organizer opens a poll, three participants vote, the presenter view updates live, and the published result appears on the forum page", async ({
  page,
  context,
  baseURL,
  browser,
}) => {
  test.setTimeout(240_000);
  const event = await createSmallEvent({ capacity: 50 });
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);

  // The event admin page links to the polls.
  await page.goto(`/admin/forum/${event.id}`);
  await page
    .getByRole("main")
    .getByRole("link", { name: /Omröstningar/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Omröstningar" })).toBeVisible();

  // A bad form first: errors in Swedish, status 400, nothing saved.
  await page.getByRole("button", { name: "Spara omröstningen" }).click();
  await expect(page.getByRole("alert")).toContainText("Skriv frågan.");

  await page.getByRole("textbox", { name: "Fråga", exact: true }).fill("Har din kommun en analysplan?");
  await page.getByLabel("Svarsalternativ").fill("Ja\nNej\nPå gång");
  await page.getByLabel("Lägg till svaret ”Vet ej” sist").check();
  await page.getByRole("button", { name: "Spara omröstningen" }).click();
  await expect(page.getByRole("status")).toContainText("sparad som utkast");
  const code = (await page.locator(".lead code").first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{5}$/);
  await expectNoSeriousViolations(page);

  // Before it opens, the code shows nothing of the question: "not found", with a hint to try again later.
  const early = await browser.newPage();
  expect((await early.goto(`/rosta/${code}`))?.status()).toBe(404);
  await expect(early.getByText("Har omröstningen inte öppnat än?")).toBeVisible();
  await expect(early.getByText("Har din kommun en analysplan?")).toHaveCount(0);
  await early.close();

  await page.getByRole("button", { name: "Öppna för röster" }).click();
  await expect(page.getByRole("status")).toContainText("Omröstningen är öppen");
  await page.getByRole("link", { name: /Presentatörsvy/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Har din kommun en analysplan?" })).toBeVisible();
  await expect(page.locator("#antal-svar")).toContainText("0 svar");
  await expect(page.getByRole("img", { name: /QR-kod/ })).toBeVisible();
  await expect(page.getByText("Siffrorna uppdateras automatiskt.")).toBeVisible();
  await expectNoSeriousViolations(page);
  // Marks this page load: it must survive until the end (no reload).
  await page.evaluate(() => ((window as unknown as { __samma: boolean }).__samma = true));

  // Three participants in their own browser contexts, without accounts.
  const answers = ["Ja", "Ja", "Nej"];
  for (const [i, answer] of answers.entries()) {
    const voter = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await voter.newPage();
    await phone.goto("/rosta");
    await phone.getByLabel("Kod").fill(code.toLowerCase());
    await phone.getByRole("button", { name: "Gå till omröstningen" }).click();
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Har din kommun en analysplan?");
    if (i === 0) await expectNoSeriousViolations(phone);
    await phone.getByLabel(answer, { exact: true }).check();
    // The optional kommun is folded away, so the options and the button fit a phone's first screen.
    await phone.getByText("Ange din kommun (frivilligt)").click();
    await phone.getByLabel("Din kommun (frivilligt)").selectOption(i === 2 ? "1290" : "2081");
    await phone.getByRole("button", { name: "Skicka mitt svar" }).click();
    await expect(phone.getByRole("status")).toContainText("Tack, din röst är registrerad");
    if (i === 0) {
      // Changing one's mind replaces the vote rather than adding one.
      await phone.getByLabel("Nej", { exact: true }).check();
      await phone.getByRole("button", { name: "Ändra mitt svar" }).click();
      await expect(phone.getByRole("status")).toContainText("Ditt tidigare svar är ersatt");
      await phone.getByLabel("Ja", { exact: true }).check();
      await phone.getByRole("button", { name: "Ändra mitt svar" }).click();
      await expect(phone.getByRole("status")).toContainText("Tack, din röst är registrerad");
    }
    await voter.close();
    // The presenter view follows each vote live.
    await expect(page.locator("#antal-svar")).toContainText(`${i + 1} svar`);
  }
  const table = page.locator(".poll-table");
  await expect(table.getByRole("row", { name: /^Ja/ }).getByRole("cell").first()).toHaveText("2");
  await expect(table.getByRole("row", { name: /^Nej/ }).getByRole("cell").first()).toHaveText("1");
  expect(await page.evaluate(() => (window as unknown as { __samma?: boolean }).__samma)).toBe(true);

  // Close and publish from the presenter view.
  await page.getByRole("button", { name: "Stäng omröstningen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Omröstningen är stängd." })).toBeVisible();
  const late = await browser.newPage();
  await late.goto(`/rosta/${code}`);
  await expect(late.getByText("Omröstningen är stängd och tar inte emot fler svar.")).toBeVisible();
  await late.close();
  await page.getByRole("button", { name: "Publicera resultatet" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resultatet är publicerat." })).toBeVisible();

  // The forum page shows the chart and the table, to anyone.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/forum/${event.slug}`);
  const section = visitor.getByRole("region", { name: "Omröstningar" });
  await expect(section.getByRole("img", { name: /Diagram: Har din kommun en analysplan\?/ })).toBeVisible();
  const publicTable = section.getByRole("table");
  await expect(publicTable.getByRole("row", { name: /^Ja/ })).toContainText("67 %");
  await expect(publicTable.getByRole("row", { name: /^Nej/ })).toContainText("33 %");
  await expect(publicTable.getByRole("row", { name: /Antal svarande/ })).toContainText("3");

  // The results page and its downloads.
  await section.getByRole("link", { name: "Har din kommun en analysplan?" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Har din kommun en analysplan?");
  // Only three respondents: every county group is below five and hidden.
  await expect(visitor.getByText(/2 grupper är dolda/).first()).toBeVisible();
  await expect(visitor.getByRole("cell", { name: "Dalarnas län" })).toHaveCount(0);
  await expectNoSeriousViolations(visitor);
  const json = await (await visitor.request.get(`/undersokningar/${code}.json`)).json();
  expect(json).toMatchObject({
    code,
    respondents: 3,
    results: [
      { label: "Ja", count: 2, percent: 67 },
      { label: "Nej", count: 1, percent: 33 },
      { label: "På gång", count: 0 },
      { label: "Vet ej", count: 0 },
    ],
  });
  const csv = await visitor.request.get(`/undersokningar/${code}.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  await visitorContext.close();
});

test("the imported 2021 result shows percentages, the unreported share and no count", async ({ page }) => {
  await page.goto("/undersokningar/K21A");
  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /^Nej/ })).toContainText("63 %");
  await expect(table.getByRole("row", { name: /^Ja/ })).toContainText("10 %");
  await expect(table.getByRole("row", { name: /^Vet ej/ })).toContainText("15 %");
  await expect(table.getByRole("row", { name: /^Ej redovisat/ })).toContainText("12 %");
  await expect(table.getByRole("columnheader", { name: "Antal" })).toHaveCount(0);
  await page.goto("/undersokningar/K21C");
  await expect(page.getByText(/bristande kompetens i verksamheten/)).toBeVisible();
});

test("without JavaScript a participant can still vote", async ({ browser, baseURL, context }) => {
  const event = await createSmallEvent({ capacity: 50 });
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const admin = await context.newPage();
  await admin.goto(`/admin/forum/${event.id}/omrostningar`);
  await admin.getByRole("textbox", { name: "Fråga", exact: true }).fill("Använder ni IoT?");
  await admin.getByLabel("Svarsalternativ").fill("Ja\nNej");
  await admin.getByRole("button", { name: "Spara omröstningen" }).click();
  const code = (await admin.locator(".lead code").first().textContent())!.trim();
  await admin.getByRole("button", { name: "Öppna för röster" }).click();
  await expect(admin.getByRole("status")).toContainText("Omröstningen är öppen");

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const phone = await noJs.newPage();
  await phone.goto(`/rosta?kod=${code}`);
  await phone.getByRole("button", { name: "Skicka mitt svar" }).click();
  await expect(phone.getByRole("alert")).toContainText("Välj ett svar.");
  await phone.getByLabel("Ja", { exact: true }).check();
  await phone.getByRole("button", { name: "Skicka mitt svar" }).click();
  await expect(phone.getByRole("status")).toContainText("Tack, din röst är registrerad");
  await noJs.close();

  // The organizer's own pages reload with the numbers.
  await admin.reload();
  await expect(admin.locator(".poll-table").getByRole("row", { name: /Antal svarande/ })).toContainText("1");
});
