import { expect, test, type Page } from "@playwright/test";
import { linksInMail, readMails, waitForMail } from "../app/test/smtp-sink";
import { cleanUp, cleanUpEvents, createSmallEvent, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";
import { E2E_MAIL_DIR } from "./paths";

// Forum registration journeys from issue 4, with mail read from the real SMTP sink.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

/** A visitor sends the form: the answer is "Kolla din e-post" with the address, and nothing more. */
async function sendForm(page: Page, slug: string, { name, email }: { name: string; email: string }) {
  await page.goto(`/forum/${slug}`);
  const form = page.locator("#anmalan");
  await form.getByLabel("Namn", { exact: true }).fill(name);
  await form.getByLabel("E-postadress").fill(email);
  await form.getByLabel("I en kommun").check();
  await form.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await form.getByRole("button", { name: /Anmäl dig|Ställ mig på väntelistan/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();
  await expect(page.locator(".lead")).toContainText(email);
  await expect(page.locator('a[href*="/forum/anmalan?"], a[href*="/forum/avanmal?"]')).toHaveCount(0);
}

/** Registers through the mail: the form, the confirmation link from the SMTP sink, the button. */
async function register(page: Page, slug: string, person: { name: string; email: string }, { scan = false } = {}) {
  await sendForm(page, slug, person);
  if (scan) await expectNoSeriousViolations(page);
  const mail = await waitForMail(E2E_MAIL_DIR, { to: person.email, subjectIncludes: "Bekräfta din anmälan", timeoutMs: 20_000 });
  // A neutral greeting: nothing typed into the form reaches an address not yet proven.
  expect(mail.text).not.toContain(person.name);
  expect(linksInMail(mail).filter((l) => /\/forum\/(anmalan|avanmal)\?/.test(l))).toEqual([]);
  await page.goto(pathOf(linksInMail(mail).find((l) => l.includes("/forum/bekrafta?"))!));
  await expect(page.getByRole("heading", { level: 1, name: "Bekräfta din anmälan" })).toBeVisible();
  await expect(page.getByText(person.email)).toBeVisible();
  if (scan) await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Bekräfta anmälan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Din anmälan" })).toBeVisible();
}

test("a visitor registers for the upcoming forum, confirms through the mail, gets the confirmation with an .ics and cancels through the link", async ({
  page,
}) => {
  const email = `besok-${unique()}@borlange.example`;
  await register(page, "kommunforum-analytics-nasta", { name: "Vera Besökare", email }, { scan: true });
  await expect(page.getByText("Du är anmäld och har en plats.")).toBeVisible();
  // The confirmation says what happens next: the mail, the join link, the calendar, how to cancel.
  const next = page.getByRole("region", { name: "Vad händer nu?" });
  await expect(next).toContainText(`Vi har skickat ett mejl till ${email}`);
  await expect(next).toContainText("Länken till webbinariet kommer med e-post före forumet");
  await expect(next.getByRole("link", { name: "Lägg till forumet i din kalender" })).toHaveAttribute("href", "/forum/kommunforum-analytics-nasta.ics");
  await expect(next.getByRole("link", { name: "Avanmäl dig" })).toHaveAttribute("href", /\/forum\/avanmal\?/);

  // The confirmation link worked once.
  const request = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Bekräfta din anmälan" });
  await page.goto(pathOf(linksInMail(request).find((l) => l.includes("/forum/bekrafta?"))!));
  await expect(page.getByRole("alert")).toContainText("Länken gäller inte längre");

  // Sending the form again with the address gives the same answer as for a new one; the links come by mail.
  await sendForm(page, "kommunforum-analytics-nasta", { name: "Någon Annan", email });
  const links = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Länkar till din anmälan", timeoutMs: 20_000 });
  expect(links.text).not.toContain("Någon Annan");
  expect(linksInMail(links).some((l) => l.includes("/forum/avanmal?"))).toBe(true);

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
  const event = await createSmallEvent({ capacity: 1 });
  const first = `forst-${unique()}@falun.example`;
  const second = `andra-${unique()}@falun.example`;

  // An unconfirmed registration holds no seat.
  await sendForm(page, event.slug, { name: "Obekräftad Person", email: `obekraftad-${unique()}@falun.example` });
  await page.goto(`/forum/${event.slug}`);
  await expect(page.locator("#anmalan").getByText("Forumet är fullbokat.")).toHaveCount(0);

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

test("the invitation list: double opt-in, one invitation per event however often it is sent, and unsubscribe", async ({ page, browser, baseURL }) => {
  const email = `lista-${unique()}@mora.example`;
  await page.goto("/inbjudan");
  await page.getByLabel("E-postadress", { exact: true }).fill(email);
  await page.getByLabel(/Jag godkänner att min e-postadress sparas/).check();
  await page.getByRole("button", { name: "Skicka inbjudningar till mig" }).click();
  await expect(page.getByRole("status")).toContainText("Klicka på länken i mejlet");

  const confirm = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Bekräfta att du vill få inbjudningar", timeoutMs: 20_000 });
  await page.goto(pathOf(linksInMail(confirm).find((l) => l.includes("/inbjudan/bekrafta"))!));
  await page.getByRole("button", { name: "Ja, skicka inbjudningar till mig" }).click();
  await expect(page.getByRole("status")).toContainText("Du får en inbjudan");

  // The organizer sends the invitation twice; the subscriber gets one mail.
  const event = await createSmallEvent({ capacity: 10 });
  const organizer = await createUserWithSession({ role: "organizer" });
  const context = await browser.newContext();
  await logInAs(context, organizer, baseURL!);
  const admin = await context.newPage();
  await admin.goto(`/admin/forum/${event.id}/anmalningar`);
  await admin.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(admin.getByRole("status")).toContainText("Inbjudan är lagd i utkorgen");
  await admin.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(admin.getByRole("status")).toContainText("Alla på listan har redan fått inbjudan");

  const invitation = await waitForMail(E2E_MAIL_DIR, { to: email, subjectIncludes: "Inbjudan:", timeoutMs: 20_000 });
  expect(invitation.subject).toContain("Testforum");
  await page.waitForTimeout(1500);
  expect(readMails(E2E_MAIL_DIR).filter((m) => m.to.includes(email) && m.subject.includes("Inbjudan:"))).toHaveLength(1);

  await page.goto(pathOf(linksInMail(invitation).find((l) => l.includes("/inbjudan/avsluta"))!));
  await page.getByRole("button", { name: "Sluta skicka inbjudningar" }).click();
  await expect(page.getByRole("status")).toContainText("får inga fler inbjudningar");
  await context.close();
});

test("a signed-in member with a confirmed address registers at once", async ({ page, context, baseURL }) => {
  const event = await createSmallEvent({ capacity: 5 });
  const member = await createUserWithSession();
  await logInAs(context, member, baseURL!);
  await page.goto(`/forum/${event.slug}`);
  const form = page.locator("#anmalan");
  await expect(form).toContainText(member.email);
  await form.getByRole("button", { name: "Anmäl dig" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Din anmälan" })).toBeVisible();
  await expect(page.getByText("Du är anmäld och har en plats.")).toBeVisible();
});

test("the organizer sees registrations, counts and exports a CSV that Swedish Excel opens", async ({ page, browser, baseURL }) => {
  const event = await createSmallEvent({ capacity: 5 });
  await register(page, event.slug, { name: "Åsa Öberg", email: `asa-${unique()}@borlange.example` });
  await sendForm(page, event.slug, { name: "Per Väntar", email: `per-${unique()}@borlange.example` });
  const organizer = await createUserWithSession({ role: "organizer" });
  const context = await browser.newContext();
  await logInAs(context, organizer, baseURL!);
  const admin = await context.newPage();
  await admin.goto(`/admin/forum/${event.id}/anmalningar`);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("Anmälningar");
  await expect(admin.getByRole("cell", { name: "Åsa Öberg", exact: true })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Dalarnas län", exact: true })).toBeVisible();
  await expect(admin.locator(".lead")).toContainText("1 med plats av 5, 0 på väntelistan, 1 väntar på att bekräfta sin e-post");
  await expect(admin.getByRole("cell", { name: "Per Väntar", exact: true })).toHaveCount(0);
  await admin.getByLabel("Visa", { exact: true }).selectOption({ label: "Ej bekräftade" });
  await admin.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(admin.getByRole("region", { name: /Ej bekräftade/ }).getByRole("cell", { name: "Per Väntar", exact: true })).toBeVisible();
  await expectNoSeriousViolations(admin);

  const csv = await admin.request.get(`/admin/forum/${event.id}/anmalningar.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("Status;Plats i kön;Namn;E-post;Befattning;Kommun;Län;Organisation;Anmäld;Närvarade;Vill ha inbjudningar");
  expect(text).toContain("Plats;;Åsa Öberg;");
  expect(text).toContain("Ej bekräftad;;Per Väntar;");
  await context.close();

  // Anonymous visitors are sent to the login page.
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  await expect(page).toHaveURL(/\/logga-in\?redirectTo=/);
});
