import { expect, test } from "@playwright/test";
import { linksInMail, waitForMail } from "../app/test/smtp-sink";
import { cleanUp, createUserWithSession, logInAs, lockThread } from "./db";
import { MARKUP_ONLY } from "./fixtures";
import { E2E_MAIL_DIR } from "./paths";

// Journeys from issue 6 (reading and writing): asking, answering, accepting, and a locked thread.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.afterAll(() => cleanUp());

test("member A asks in AI & prediktiv analys, member B answers, A accepts, and the list shows the thread as answered", async ({ browser, baseURL }) => {
  const a = await createUserWithSession({ role: "member" });
  const b = await createUserWithSession({ role: "member" });
  const title = `Hur validerar ni era prognosmodeller? ${unique()}`;

  const contextA = await browser.newContext();
  await logInAs(contextA, a, baseURL!);
  const pageA = await contextA.newPage();
  await pageA.goto("/diskussioner/kategori/ai-prediktiv-analys");
  await pageA.getByRole("link", { name: "Ställ en fråga i AI & prediktiv analys" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: "Ställ en fråga" })).toBeVisible();
  await expect(pageA.getByLabel("Kategori")).toHaveValue("ai-prediktiv-analys");

  // Too short a title is refused in Swedish.
  await pageA.getByLabel("Rubrik").fill("Kort");
  await pageA.getByLabel("Din fråga").fill("Vi har byggt en prognos för skolplaceringar och undrar hur andra testar sina modeller.");
  await pageA.getByRole("button", { name: "Publicera frågan" }).click();
  await expect(pageA.getByRole("alert")).toContainText("Rubriken behöver minst 8 tecken.");

  await pageA.getByLabel("Rubrik").fill(title);
  await pageA.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(pageA.getByRole("heading", { name: "Förhandsgranskning" })).toBeVisible();
  await pageA.getByRole("button", { name: "Publicera frågan" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadUrl = pageA.url().split(/[?#]/)[0]!; // without the "?skickat=fraga" of the confirmation

  const contextB = await browser.newContext();
  await logInAs(contextB, b, baseURL!);
  const pageB = await contextB.newPage();
  await pageB.goto(threadUrl);
  await pageB.getByRole("textbox", { name: "Svar", exact: true }).fill("Vi jämför prognosen med utfallet varje månad och visar felet öppet för verksamheten.");
  await pageB.getByRole("button", { name: "Skicka svaret" }).click();
  const answer = pageB.getByRole("article", { name: `Svar från ${b.name}` });
  await expect(answer).toContainText("Vi jämför prognosen med utfallet");
  // The answer went out: a confirmation with focus, and the reply box is empty again.
  await expect(pageB.getByRole("status").filter({ hasText: "Ditt svar är publicerat" })).toBeFocused();
  await expect(pageB.getByRole("textbox", { name: "Svar", exact: true })).toHaveValue("");
  // B cannot accept A's question's answers, and cannot vote on their own answer.
  await expect(answer.getByRole("button", { name: /accepterat svar/ })).toHaveCount(0);
  await expect(answer.getByRole("button", { name: /Rösta upp/ })).toHaveCount(0);

  // A follows the thread as its asker and gets an email about B's answer, with a link back.
  const mail = await waitForMail(E2E_MAIL_DIR, { to: a.email, subjectIncludes: `Nytt svar i ”${title}”`, timeoutMs: 30_000 });
  expect(mail.text).toContain("Vi jämför prognosen med utfallet");
  expect(linksInMail(mail).some((link) => link.startsWith(threadUrl))).toBe(true);
  expect(linksInMail(mail).some((link) => link.includes("/diskussioner/sluta-bevaka"))).toBe(true);

  await pageA.reload();
  const answerForA = pageA.getByRole("article", { name: `Svar från ${b.name}` });
  await answerForA.getByRole("button", { name: /Rösta upp/ }).click();
  await expect(pageA.getByRole("article", { name: `Svar från ${b.name}` })).toContainText("1 röst");
  await pageA
    .getByRole("article", { name: `Svar från ${b.name}` })
    .getByRole("button", { name: "Markera som accepterat svar" })
    .click();
  await expect(pageA.getByRole("article", { name: `Svar från ${b.name}` })).toContainText("Accepterat svar");

  // A sharpens the question's title; the thread gets a new address and the old one still leads there.
  const newTitle = `Så validerar vi prognosmodeller ${unique()}`;
  await pageA.getByRole("article", { name: "Frågan" }).getByRole("link", { name: "Redigera" }).click();
  await expect(pageA.getByLabel("Rubrik")).toHaveValue(title);
  await pageA.getByLabel("Rubrik").fill(newTitle);
  await pageA.getByRole("button", { name: "Spara ändringen" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
  expect(pageA.url()).not.toContain(new URL(threadUrl).pathname);
  await pageA.goto(threadUrl);
  await expect(pageA.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();

  await pageA.goto("/diskussioner/kategori/ai-prediktiv-analys?ordning=nya");
  const row = pageA.getByRole("listitem").filter({ has: pageA.getByRole("link", { name: newTitle }) });
  await expect(row).toContainText("Besvarad");
  await expect(row).toContainText("1 svar");
  await contextA.close();
  await contextB.close();
});

test("a locked thread refuses new answers with a clear message", async ({ page, context, baseURL }) => {
  const asker = await createUserWithSession({ role: "member" });
  const member = await createUserWithSession({ role: "member" });
  const title = `En tråd som snart låses ${unique()}`;

  const askerContext = await page.context().browser()!.newContext();
  await logInAs(askerContext, asker, baseURL!);
  const askerPage = await askerContext.newPage();
  await askerPage.goto("/diskussioner/ny?kategori=ovrigt");
  await askerPage.getByLabel("Rubrik").fill(title);
  await askerPage.getByLabel("Din fråga").fill("Här diskuteras något som en moderator sedan låser.");
  await askerPage.getByRole("button", { name: "Publicera frågan" }).click();
  await expect(askerPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadUrl = askerPage.url().split(/[?#]/)[0]!;
  const threadId = new URL(threadUrl).pathname.split("/")[2]!;
  await askerContext.close();

  await logInAs(context, member, baseURL!);
  await page.goto(threadUrl);
  await page.getByRole("textbox", { name: "Svar", exact: true }).fill("Ett svar som kommer för sent.");
  await lockThread(threadId);
  const responsePromise = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Skicka svaret" }).click();
  expect((await responsePromise).status()).toBe(403);
  await expect(page.getByText("Tråden är låst av en moderator. Det går inte längre att svara eller kommentera.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Svar", exact: true })).toHaveCount(0);
  await expect(page.getByText("Låst", { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByText(/Tråden är låst av en moderator/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Skicka svaret" })).toHaveCount(0);
});

test("/diskussioner shows the threads before the list of categories", MARKUP_ONLY, async ({ page }) => {
  await page.goto("/diskussioner");
  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.indexOf("Trådar")).toBeGreaterThanOrEqual(0);
  expect(headings.indexOf("Trådar")).toBeLessThan(headings.indexOf("Kategorier"));
});
