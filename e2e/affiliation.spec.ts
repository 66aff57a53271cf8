import { expect, test, type Page } from "@playwright/test";
import { linksInMail, waitForMail } from "../app/test/smtp-sink";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";
import { E2E_MAIL_DIR } from "./paths";

// Verified affiliation (docs/decisions/012-verified-affiliation.md), with mail
// read from the real SMTP sink. The seed registers borlange.example for Borlänge.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = "Verifierad-i-Dalarna-2026";

test.afterAll(() => cleanUp());

async function linkFrom(to: string, subjectIncludes: string, path: string) {
  const mail = await waitForMail(E2E_MAIL_DIR, { to, subjectIncludes, timeoutMs: 20_000 });
  const link = linksInMail(mail).find((l) => l.includes(path));
  expect(link, `a ${path} link in "${mail.subject}"`).toBeTruthy();
  return new URL(link!).pathname + new URL(link!).search;
}

/** Signs up as a member of Borlänge, confirms the address and logs in. */
async function joinBorlange(page: Page, email: string) {
  await page.goto("/registrera");
  await page.getByLabel("Namn", { exact: true }).fill("Vera Verifiering");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(PASSWORD);
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await page.getByRole("button", { name: "Skapa konto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();
  await page.goto(await linkFrom(email, "Bekräfta din e-postadress", "/verifiera"));
  await page.getByRole("button", { name: "Bekräfta e-postadressen" }).click();
  // Confirmed in the browser that signed up: signed in at once.
  await page.getByRole("link", { name: "Till din profil" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Min profil" })).toBeVisible();
}

test("a work address is verified at once; a new address asks for the password, tells the old one and drops the badge", async ({ page }) => {
  const work = `vera-${unique()}@borlange.example`;
  await joinBorlange(page, work);
  const tillhorighet = page.getByRole("region", { name: "Tillhörighet" });
  await expect(tillhorighet.getByText("Verifierad: Borlänge kommun")).toBeVisible();
  await expectNoSeriousViolations(page);

  const privat = `vera-${unique()}@privat.example`;
  await page.getByLabel("Ny e-postadress").fill(privat);
  await page.getByRole("button", { name: "Byt e-postadress" }).click();
  await expect(page.locator(".field__error", { hasText: "Skriv ditt nuvarande lösenord" })).toBeVisible();
  await page.getByLabel("Ny e-postadress").fill(privat);
  await page.getByLabel("Ditt nuvarande lösenord").fill(PASSWORD);
  await page.getByRole("button", { name: "Byt e-postadress" }).click();
  await expect(page.getByText("Vi har skickat en länk till den nya adressen")).toBeVisible();

  const notice = await waitForMail(E2E_MAIL_DIR, { to: work, subjectIncludes: "byta e-postadress", timeoutMs: 20_000 });
  expect(notice.text).toContain(privat);
  await page.goto(await linkFrom(privat, "Bekräfta din nya e-postadress", "/verifiera"));
  await page.getByRole("button", { name: "Bekräfta e-postadressen" }).click();
  await expect(page.getByText("Din nya e-postadress är bekräftad.")).toBeVisible();
  await expect(tillhorighet).toContainText("väntar på att forumansvarig granskar");
  await expect(page.getByText("Verifierad: Borlänge kommun")).toHaveCount(0);
});

test("an organizer approves a member with a private address from the queue", async ({ page, browser, baseURL }) => {
  const email = `privat-${unique()}@privat.example`;
  await joinBorlange(page, email);
  await expect(page.getByRole("region", { name: "Tillhörighet" })).toContainText("väntar på att forumansvarig granskar");
  await page.goto("/analysmognad/bedom");
  await expect(page.getByText("Din koppling till kommunen är inte verifierad än")).toBeVisible();
  await expect(page.getByRole("button", { name: /bedömningen/ })).toHaveCount(0);

  const organizerContext = await browser.newContext({ baseURL });
  await logInAs(organizerContext, await createUserWithSession({ role: "organizer" }), baseURL!);
  const admin = await organizerContext.newPage();
  await admin.goto("/admin");
  await admin.getByRole("link", { name: /medlemmar väntar på verifiering/ }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Verifiera medlemmar" })).toBeVisible();
  await expectNoSeriousViolations(admin);
  const claim = admin.getByRole("article").filter({ hasText: email });
  await claim.getByRole("button", { name: /^Godkänn/ }).click();
  await expect(admin.getByRole("status")).toContainText("Medlemmen är verifierad");
  await expect(admin.getByRole("article").filter({ hasText: email })).toHaveCount(0);
  await admin.getByRole("link", { name: "Domäner för kommuner och organisationer" }).click();
  await expect(admin.getByRole("row", { name: /borlange\.example/ })).toContainText("Borlänge kommun");
  await expectNoSeriousViolations(admin);
  await organizerContext.close();

  await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Din tillhörighet är verifierad", timeoutMs: 20_000 });
  await page.goto("/profil");
  await expect(page.getByRole("region", { name: "Tillhörighet" }).getByText("Verifierad: Borlänge kommun")).toBeVisible();
  await page.goto("/analysmognad/bedom");
  await expect(page.getByRole("button", { name: /bedömningen/ })).toBeVisible();
});
