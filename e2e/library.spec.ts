import { expect, test } from "@playwright/test";
import { waitForMail } from "../app/test/smtp-sink";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { MARKUP_ONLY, expectNoSeriousViolations } from "./fixtures";
import { E2E_MAIL_DIR } from "./paths";

// Journeys from issue 5: the case library, asking a case owner, and an organizer publishing a case.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.afterAll(() => cleanUp());

test("a visitor filters the library to IoT cases in Skåne and opens Kristianstad's case", async ({ page }) => {
  await page.goto("/case");
  await page.getByLabel("Område").selectOption({ label: "IoT" });
  await page.getByLabel("Län").selectOption({ label: "Skåne län" });
  await page.getByRole("button", { name: "Visa case" }).click();

  await expect(page).toHaveURL(/tagg=iot/);
  await expect(page).toHaveURL(/lan=12/);
  await expect(page.getByRole("heading", { level: 2, name: "Case som matchar filtret" })).toBeVisible();
  const results = page.locator(".cards > li");
  await expect(results.first()).toBeVisible();
  // Every card in the result is in Skåne and tagged IoT.
  for (const card of await results.all()) {
    await expect(card).toContainText("Skåne län");
    await expect(card.getByText("IoT", { exact: true })).toBeVisible();
  }
  // The filter survives in the form, and can be cleared.
  await expect(page.getByLabel("Område")).toHaveValue("iot");
  await expect(page.getByRole("link", { name: "Rensa filter" })).toBeVisible();

  await page.getByRole("link", { name: /Kristianstad: Smart VA/ }).click();
  await expect(page).toHaveURL(/\/case\/kristianstad-smart-va$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Smart VA");
  const facts = page.getByRole("complementary", { name: "Fakta om caset" });
  await expect(facts).toContainText("Kristianstad");
  await expect(facts).toContainText("Skåne län");
  // Visitors do not see the contact's email address.
  await expect(facts).not.toContainText("@kristianstad.example");
  // Only the sections with content, on the page and in its table of contents.
  await expect(page.getByRole("navigation", { name: "Innehåll" }).getByRole("link")).toHaveText(["Bakgrund", "Lösning"]);
  await expect(page.getByText(/Att fylla i/)).toHaveCount(0);
  // A tag pill leads to the cases with that tag.
  await facts.getByRole("list", { name: "Områden" }).getByRole("link", { name: "IoT" }).click();
  await expect(page).toHaveURL("/case?tagg=iot");
  await expect(page.getByLabel("Område", { exact: true })).toHaveValue("iot");
});

test("the recordings archive has the 2021 forum, whose page asks the organizer for the video and loads nothing from elsewhere", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  await page.goto("/inspelningar");
  await expect(page.getByText(/inga inspelningar/i)).toHaveCount(0);
  const entry = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Kommunforum Analytics 6 maj 2021" }) });
  await expect(entry).toContainText("4 kapitel");
  await entry.getByRole("link", { name: "IoT" }).click();
  await expect(page).toHaveURL("/inspelningar?omrade=iot");
  await page.getByRole("link", { name: "Kommunforum Analytics 6 maj 2021" }).click();
  const section = page.getByRole("region", { name: "Inspelning" });
  await expect(section).toContainText("Videon finns inte på webbplatsen.");
  await expect(page.getByRole("complementary", { name: "Fakta om forumet" })).toContainText("Finns hos forumansvarig");
  await expect(section.getByRole("link", { name: "Be forumansvarig om den" })).toHaveAttribute("href", "/kontakt");
  await expect(section.getByRole("listitem")).toHaveCount(4);
  await expect(page.locator("iframe, video")).toHaveCount(0);
  expect(foreign).toEqual([]);
});

test("an unknown filter value is ignored instead of failing", async ({ page }) => {
  const response = await page.goto("/case?tagg=finns-inte&lan=99&sida=abc&sortera=%3Cx%3E");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 2, name: "Alla case" })).toBeVisible();
});

test("a member asks the case owner a question, and the contact person gets the email", async ({ page, context, baseURL }) => {
  const member = await createUserWithSession({ role: "member" });
  await logInAs(context, member, baseURL!);
  const title = `Hur mäter ni läckage? ${unique()}`;

  await page.goto("/case/kristianstad-smart-va");
  await expect(page.getByRole("link", { name: "case-kontakt@kristianstad.example" })).toBeVisible();
  await page.getByRole("link", { name: "Ställ en fråga om caset" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fråga case-ägaren" })).toBeVisible();

  // An empty question is refused with a message in Swedish.
  await page.getByRole("button", { name: "Skicka frågan" }).click();
  await expect(page.getByRole("alert")).toContainText("Skriv din fråga");

  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Din fråga").fill("Vi vill också följa upp läckage i ledningsnätet. Vilka sensorer började ni med?");
  await page.getByRole("button", { name: "Skicka frågan" }).click();

  await expect(page.getByText("Tack! Din fråga är publicerad")).toBeVisible();
  await expect(page.getByRole("region", { name: "Diskussioner om caset" }).getByRole("link", { name: title })).toBeVisible();

  const mail = await waitForMail(E2E_MAIL_DIR, { to: "case-kontakt@kristianstad.example", subjectIncludes: "Fråga om ert case", timeoutMs: 20_000 });
  expect(mail.text).toContain(title);
  expect(mail.text).toContain(member.name);
  expect(mail.text).toMatch(/\/diskussioner\/[\w-]+\/hur-mater-ni-lackage/);
});

test("an organizer writes a case in Markdown, previews it, publishes it, and it appears in the library and in search", async ({
  page,
  context,
  baseURL,
  request,
}) => {
  const organizer = await createUserWithSession({ role: "organizer" });
  await logInAs(context, organizer, baseURL!);
  const title = `Prognoser för hemtjänsten ${unique()}`;

  await page.goto("/admin");
  await page.getByRole("main").getByRole("link", { name: "Case", exact: true }).click();
  await page.getByRole("link", { name: "Skriv ett nytt case" }).click();
  await expect(page.getByLabel("Text")).toHaveValue(/## Bakgrund[\s\S]*## Nästa steg/);

  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Sammanfattning").fill("Ett testcase om prognoser i hemtjänsten.");
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Kristianstad (Skåne län)" });
  await page.getByLabel("AI och prediktiv analys").check();
  await page.getByLabel("Verksamhet", { exact: true }).fill("Socialtjänst");
  await page
    .getByLabel("Text")
    .fill("## Bakgrund\n\nVi ville förutse **behovet** av hemtjänst i glesbygdsområdena.\n\n## Lärdomar\n\n- Börja smått\n- Mät tidigt");

  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const preview = page.getByRole("region", { name: "Förhandsgranskning" });
  await expect(preview.getByRole("heading", { level: 2, name: "Lärdomar" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("behovet");

  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Caset är skapat som utkast.")).toBeVisible();
  // A draft is not public yet (the organizer's own request would get the preview).
  const slug = title
    .toLowerCase()
    .replace(/ö/g, "o")
    .replace(/ä/g, "a")
    .replace(/[^a-z0-9]+/g, "-");
  expect((await request.get(`/case/${slug}`)).status()).toBe(404);
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByText("Caset är publicerat och syns i biblioteket.")).toBeVisible();

  await page.goto("/case");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".prose li")).toHaveText(["Börja smått", "Mät tidigt"]);
  await expect(page.getByRole("complementary", { name: "Fakta om caset" })).toContainText("Socialtjänst");

  // Search finds it at once by a Swedish word from its body, with å, ä and ö intact.
  await page.getByRole("searchbox", { name: "Sök på webbplatsen" }).fill("glesbygdsområdena");
  await page.getByRole("searchbox", { name: "Sök på webbplatsen" }).press("Enter");
  await expect(page).toHaveURL(/\/sok\?q=/);
  await expect(page.getByRole("main").getByRole("link", { name: title })).toBeVisible();
});

test("the library's organizer and member pages have no serious accessibility problems", MARKUP_ONLY, async ({ browser, baseURL }) => {
  const organizerContext = await browser.newContext();
  await logInAs(organizerContext, await createUserWithSession({ role: "organizer" }), baseURL!);
  const page = await organizerContext.newPage();
  for (const url of ["/admin/case", "/admin/case/ny", "/admin/spaningar", "/admin/spaningar/ny", "/case/kristianstad-smart-va/fraga", "/profil/case"]) {
    await page.goto(url);
    await expect(page.locator("h1")).toHaveCount(1);
    await expectNoSeriousViolations(page, url);
  }
  await organizerContext.close();
});
