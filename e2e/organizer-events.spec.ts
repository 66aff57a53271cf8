import { expect, test, type Page } from "@playwright/test";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// Issue 4, organizer side: create, preview, publish, add a recording with chapters and
// slides; then a visitor sees the recording, and nothing loads from YouTube before the click.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const THIRD_PARTY = /youtube|youtu\.be|ytimg|vimeo|googlevideo/i;

test.afterAll(() => cleanUp());

async function createPastEvent(page: Page, title: string) {
  await page.goto("/admin");
  await page.getByRole("link", { name: "Skapa ett nytt forum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Skapa ett forum" })).toBeVisible();
  await page.getByLabel("Rubrik", { exact: true }).fill(title);
  await page.getByLabel("Ingress").fill("Ett forum som testet skapar.");
  await page.getByLabel("Beskrivning").fill("## Om forumet\n\nVi pratar om **Smart VA** och beslutsstöd.");
  await page.getByLabel("Börjar").fill("2024-03-05T13:00");
  await page.getByLabel("Slutar").fill("2024-03-05T14:30");
  await page.getByLabel("BI och beslutsstöd").check();

  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const preview = page.locator("section.preview");
  await expect(preview.getByRole("heading", { name: "Om forumet" })).toBeVisible();
  await expect(preview.locator("strong", { hasText: "Smart VA" })).toBeVisible();
  // Nothing is saved by a preview, and the typed values survive it.
  await expect(page).toHaveURL(/\/admin\/forum\/ny/);
  await expect(page.getByLabel("Rubrik", { exact: true })).toHaveValue(title);
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Forumet är sparat som utkast.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("an organizer creates, previews and publishes a forum, then adds a recording with chapters and slides", async ({
  page,
  context,
  baseURL,
  browser,
  request,
}) => {
  test.setTimeout(120_000); // a long journey on a shared, slow machine
  const organizer = await createUserWithSession({ role: "organizer" });
  await logInAs(context, organizer, baseURL!);
  const title = `Testforum ${unique()}`;
  const adminPath = await createPastEvent(page, title);

  // Drafts are not public (the organizer's own request would get the preview).
  const slug = await page.getByLabel("Adressnamn (frivilligt)").inputValue();
  expect(slug).toMatch(/^testforum-/);
  expect((await request.get(`/forum/${slug}`)).status()).toBe(404);

  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Publicera forumet" }).click();
  await expect(page.getByText("Forumet är publicerat och syns nu under Forum.")).toBeVisible();
  await page.goto("/forum");
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // The recording: YouTube, published, with two chapters and a PDF.
  await page.goto(`${adminPath}/inspelning`);
  await page.getByLabel("Videons adress").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await page.getByLabel("Längd (frivilligt)").fill("1:30:00");
  await page.getByLabel("Publicera inspelningen").check();
  await page.getByRole("button", { name: "Spara videon" }).click();
  await expect(page.getByText("Inspelningen är sparad.")).toBeVisible();

  // Each saved chapter has its own (folded) edit form with the same labels: fill the add form.
  const addChapter = page.locator("form", { has: page.getByRole("button", { name: "Lägg till kapitlet" }) });
  for (const [time, name] of [
    ["12:30", "Borlänge om beslutsstöd"],
    ["0:00", "Välkommen"],
  ] as const) {
    await addChapter.getByLabel("Börjar vid").fill(time);
    await addChapter.getByLabel("Kapitlets namn").fill(name);
    await page.getByRole("button", { name: "Lägg till kapitlet" }).click();
    // Wait for this chapter's row: the message already stands after the first one, and the form is drawn anew (empty) when the save lands.
    await expect(page.locator(".admin-rows li", { hasText: name })).toBeVisible();
    await expect(page.getByText("Kapitlet är tillagt.")).toBeVisible();
  }
  // A bad time gets a Swedish message next to the field.
  await addChapter.getByLabel("Börjar vid").fill("tolv");
  await addChapter.getByLabel("Kapitlets namn").fill("Fel");
  await page.getByRole("button", { name: "Lägg till kapitlet" }).click();
  await expect(page.locator(".field__error", { hasText: "mm:ss" })).toBeVisible();

  // A renamed executable is refused; a real PDF is accepted.
  const upload = page.locator("form", { has: page.getByRole("button", { name: "Ladda upp filen" }) });
  await upload.getByLabel("Namn").fill("Bilder från Borlänge");
  await upload.getByLabel("Fil").setInputFiles({ name: "bilder.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 inte en pdf") });
  await upload.getByRole("button", { name: "Ladda upp filen" }).click();
  await expect(page.locator(".field__error", { hasText: "inte en PDF" })).toBeVisible();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Ladda upp filen" }) });
  await form.getByLabel("Namn").fill("Bilder från Borlänge");
  await form.getByLabel("Fil").setInputFiles({ name: "bilder.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%test\n") });
  await form.getByRole("button", { name: "Ladda upp filen" }).click();
  await expect(page.getByText("Materialet är tillagt.")).toBeVisible();
  await expectNoSeriousViolations(page);

  // A visitor: nothing from YouTube until the click.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const thirdParty: string[] = [];
  visitor.on("request", (request) => {
    if (THIRD_PARTY.test(new URL(request.url()).hostname)) thirdParty.push(request.url());
  });
  // The machine is offline: answer third-party requests locally, but they still count as requests.
  await visitor.route(THIRD_PARTY, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>spelare</title>" }));

  await visitor.goto(`/forum/${slug}`);
  const section = visitor.locator("#inspelning");
  await expect(section.getByRole("heading", { name: "Inspelning" })).toBeVisible();
  await expect(section.getByText("Videon ligger hos YouTube")).toBeVisible();
  const chapters = section.getByRole("list").filter({ hasText: "Välkommen" }).getByRole("link");
  await expect(chapters).toHaveText(["0:00 Välkommen", "12:30 Borlänge om beslutsstöd"]);
  await expect(chapters.nth(1)).toHaveAttribute("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=750s");
  await expect(section.locator("iframe")).toHaveCount(0);
  await expectNoSeriousViolations(visitor);
  await visitor.waitForLoadState("networkidle");
  expect(thirdParty, "no request to a video host before the click").toEqual([]);

  // Without JavaScript this is a plain link to the video on YouTube's own site.
  const load = section.getByRole("link", { name: "Visa videon (laddas från YouTube)" });
  await expect(load).toHaveAttribute("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await load.click();
  const iframe = section.locator("iframe");
  await expect(iframe).toBeVisible();
  await expect(iframe).toHaveAttribute("src", /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ/);
  await expect.poll(() => thirdParty.some((url) => url.startsWith("https://www.youtube-nocookie.com/embed/"))).toBe(true);

  // The slides download with safe headers.
  const material = section.getByRole("link", { name: /Bilder från Borlänge/ });
  const response = await visitor.request.get((await material.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; .*filename\*=UTF-8''Bilder%20fr%C3%A5n%20Borl%C3%A4nge\.pdf$/);
  expect((await response.body()).subarray(0, 4).toString()).toBe("%PDF");

  // The archive lists it under the area the organizer picked.
  await visitor.goto("/inspelningar");
  await visitor.getByLabel("Område", { exact: true }).selectOption({ label: "BI och beslutsstöd" });
  await visitor.getByRole("button", { name: "Visa" }).click();
  await expect(visitor).toHaveURL(/omrade=bi/);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await visitorContext.close();
});

test("organizer pages are closed to members", async ({ page, context, baseURL }) => {
  const member = await createUserWithSession({ role: "member" });
  await logInAs(context, member, baseURL!);
  const response = await page.goto("/admin/forum");
  expect(response?.status()).toBe(403);
});

test("without JavaScript the Markdown preview and the form errors still work", async ({ browser, baseURL }) => {
  const organizer = await createUserWithSession({ role: "organizer" });
  const context = await browser.newContext({ javaScriptEnabled: false });
  await logInAs(context, organizer, baseURL!);
  const page = await context.newPage();
  await page.goto("/admin/forum/ny");
  await page.getByLabel("Beskrivning").fill("Text med *betoning*");
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.locator("section.preview em", { hasText: "betoning" })).toBeVisible();
  // Saving with missing fields gives the error summary and field messages from the server.
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByRole("heading", { name: /Det finns \d+ fel i formuläret/ })).toBeVisible();
  await expect(page.locator(".field__error", { hasText: "Skriv en rubrik." })).toBeVisible();
  await context.close();
});
