import { expect, test, type Page } from "@playwright/test";
import { linksInMail, waitForMail } from "../app/test/smtp-sink";
import { cleanUpEvents, createSmallEvent } from "./db";
import { E2E_MAIL_DIR } from "./paths";

// Forum registration journeys from issue 4, with mail read from the real SMTP sink.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.afterAll(() => cleanUpEvents());

async function register(page: Page, slug: string, { name, email }: { name: string; email: string }) {
  await page.goto(`/forum/${slug}`);
  const form = page.locator("#anmalan");
  await form.getByLabel("Namn", { exact: true }).fill(name);
  await form.getByLabel("E-postadress").fill(email);
  await form.getByLabel("I en kommun").check();
  await form.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await form.getByLabel(/Jag godkänner att mina uppgifter sparas/).check();
  await form.getByRole("button", { name: /Anmäl dig|Ställ mig på väntelistan/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Din anmälan" })).toBeVisible();
}

const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

test("a visitor registers for the upcoming forum, gets the confirmation with an .ics and cancels through the link", async ({ page }) => {
  const email = `besok-${unique()}@borlange.example`;
  await register(page, "kommunforum-analytics-nasta", { name: "Vera Besökare", email });
  await expect(page.getByText("Du är anmäld och har en plats.")).toBeVisible();

  // A second registration with the same address is recognised.
  await page.goto("/forum/kommunforum-analytics-nasta");
  const form = page.locator("#anmalan");
  await form.getByLabel("Namn", { exact: true }).fill("Vera Besökare");
  await form.getByLabel("E-postadress").fill(email);
  await form.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await form.getByLabel(/Jag godkänner att mina uppgifter sparas/).check();
  await form.getByRole("button", { name: "Anmäl dig" }).click();
  await expect(page.getByRole("alert").getByText(/Du är redan anmäld/)).toBeVisible();

  const mail = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Du är anmäld", timeoutMs: 20_000 });
  expect(mail.attachments.map((a) => a.filename)).toContain("kommunforum-analytics-nasta.ics");
  expect(mail.attachments.find((a) => a.filename?.endsWith(".ics"))?.contentType).toMatch(/text\/calendar/);
  const cancelLink = linksInMail(mail).find((l) => l.includes("/forum/avanmal?"));
  expect(cancelLink).toBeTruthy();

  await page.goto(pathOf(cancelLink!));
  await expect(page.getByRole("heading", { level: 1, name: "Avanmäl dig" })).toBeVisible();
  await page.getByRole("button", { name: "Avanmäl mig" }).click();
  await expect(page.getByText("Du är avanmäld.")).toBeVisible();
  await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Du är avanmäld", timeoutMs: 20_000 });
});

test("a waitlisted person is promoted when someone cancels, and is emailed", async ({ page }) => {
  const event = createSmallEvent({ capacity: 1 });
  const first = `forst-${unique()}@falun.example`;
  const second = `andra-${unique()}@falun.example`;

  await register(page, event.slug, { name: "Första Person", email: first });
  await expect(page.getByText("Du är anmäld och har en plats.")).toBeVisible();
  const firstPage = page.url();

  await page.goto(`/forum/${event.slug}`);
  await expect(page.locator("#anmalan").getByText("Forumet är fullbokat.")).toBeVisible();
  await register(page, event.slug, { name: "Andra Person", email: second });
  await expect(page.getByText("nummer 1")).toBeVisible();
  await expect(page.getByText("https://meet.example/e2e")).toHaveCount(0);
  const waitMail = await waitForMail(E2E_MAIL_DIR, { to: second, subjectIncludes: "väntelistan", timeoutMs: 20_000 });
  expect(waitMail.attachments.some((a) => a.filename?.endsWith(".ics"))).toBe(true);

  // The first person cancels from their own page.
  await page.goto(firstPage);
  await page.getByRole("link", { name: "Avanmäl dig" }).click();
  await page.getByRole("button", { name: "Avanmäl mig" }).click();
  await expect(page.getByText("Du är avanmäld.")).toBeVisible();

  const promoted = await waitForMail(E2E_MAIL_DIR, { to: second, subjectIncludes: "Du har fått en plats", timeoutMs: 20_000 });
  expect(promoted.text).toContain("https://meet.example/e2e");
  expect(promoted.attachments.map((a) => a.filename)).toContain(`${event.slug}.ics`);
  const own = linksInMail(promoted).find((l) => l.includes("/forum/anmalan?"));
  await page.goto(pathOf(own!));
  await expect(page.getByText("Du är anmäld och har en plats.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Länk till webbinariet" })).toHaveAttribute("href", "https://meet.example/e2e");
});
