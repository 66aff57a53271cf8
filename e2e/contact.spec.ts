import { expect, test } from "@playwright/test";
import { waitForMail } from "../app/test/smtp-sink";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { E2E_MAIL_DIR } from "./paths";

test.afterAll(() => cleanUp());

test("a visitor writes to the organizer, who replies from the inbox, and the reply arrives", async ({ page, browser, baseURL }) => {
  const email = `fraga-${Date.now().toString(36)}@kristianstad.example`;
  await page.goto("/kontakt");
  await page.getByLabel("Namn", { exact: true }).fill("Vera Besökare");
  await page.getByLabel("E-postadress").fill(email);
  // The kommun list appears once "I en kommun" is chosen (nothing is chosen in advance: it is optional).
  await expect(page.getByLabel("Kommun", { exact: true })).toBeHidden();
  await page.getByLabel("I en kommun").check();
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Kristianstad" });
  await page.getByLabel("Vad gäller det?").selectOption({ label: "Jag vill se en inspelning" });
  await page.getByLabel("Meddelande", { exact: true }).fill("Hej! Var hittar jag inspelningen om Smart VA?");
  // No consent box: a line tells what is kept and links to the privacy notice.
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "personuppgiftspolicyn" })).toBeVisible();
  await page.getByRole("button", { name: "Skicka meddelandet" }).click();
  await expect(page.getByText("Ditt meddelande är skickat")).toBeVisible();
  await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Vi har tagit emot", timeoutMs: 20_000 });

  const organizerContext = await browser.newContext({ baseURL });
  await logInAs(organizerContext, await createUserWithSession({ role: "organizer" }), baseURL!);
  const inbox = await organizerContext.newPage();
  await inbox.goto("/admin/inkorg?status=ny");
  await inbox
    .getByRole("row", { name: /Vera Besökare/ })
    .getByRole("link")
    .click();
  await expect(inbox.getByText("Var hittar jag inspelningen om Smart VA?")).toBeVisible();
  await inbox.getByLabel("Ditt svar").fill("Hej Vera! Den ligger under Inspelningar när den är publicerad.");
  await inbox.getByRole("button", { name: "Skicka svar" }).click();
  await expect(inbox.getByText("Svaret är skickat")).toBeVisible();
  await expect(inbox.locator(".conversation__item--reply")).toContainText("Den ligger under Inspelningar");
  await organizerContext.close();

  const reply = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Svar:", timeoutMs: 20_000 });
  expect(reply.text).toContain("Den ligger under Inspelningar");
});
