import { expect, test, type Page } from "@playwright/test";
import { cleanUp, cleanUpThreads, createThreadWithAnswer, createUserWithSession, logInAs } from "./db";
import { MARKUP_ONLY, expectNoSeriousViolations, pagesToScan, type PageToScan } from "./fixtures";

// Every page of the build, found from its route manifest: an axe scan against
// WCAG 2.1 AA and the page structure every route promises (one h1, title, description).

const pages = await pagesToScan("anonymous");

/**
 * One page per worker for the anonymous scans: a fresh context per test starts a
 * new renderer process each time, which made these scans about twice as slow.
 * Anonymous pages set no state that could leak from one test to the next.
 */
const scanTest = test.extend<object, { scanPage: Page }>({
  scanPage: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, locale, timezoneId, viewport, userAgent, deviceScaleFactor } = workerInfo.project.use;
      const context = await browser.newContext({ baseURL, locale, timezoneId, viewport, userAgent, deviceScaleFactor });
      await use(await context.newPage());
      await context.close();
    },
    { scope: "worker" },
  ],
});

async function open(page: Page, target: PageToScan) {
  const response = await page.goto(target.url, { waitUntil: "load" });
  const status = response?.status() ?? 0;
  if (target.kind === "not-found") {
    expect(status, `${target.url} should be the 404 page`).toBe(404);
  } else {
    // A sample that 404s means the seed and PARAM_SAMPLES in e2e/fixtures.ts disagree.
    expect(status, `${target.url} answered ${status}`).toBeLessThan(400);
  }
}

// One page load per page: the structure checks and the axe scan share it.
test.describe("every page: its structure, and no serious or critical WCAG 2.1 AA violations", MARKUP_ONLY, () => {
  for (const target of pages) {
    scanTest(`axe ${target.url}`, async ({ scanPage: page }) => {
      await open(page, target);
      await expect(page.locator("h1"), "exactly one h1").toHaveCount(1);
      expect((await page.title()).trim(), "a non-empty <title>").not.toBe("");
      const description = await page.locator('meta[name="description"]').getAttribute("content");
      expect(description?.trim(), 'a non-empty <meta name="description">').toBeTruthy();
      await expectNoSeriousViolations(page, target.url);
    });
  }
});

test("the home page has no horizontal scroll at 320 px", MARKUP_ONLY, async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(scrollWidth).toBeGreaterThan(0);
  expect(scrollWidth, `scrollWidth ${scrollWidth} > 320`).toBeLessThanOrEqual(320);
});

test("the page list comes from the build and includes the home and 404 pages", MARKUP_ONLY, () => {
  const urls = pages.map((p) => p.url);
  expect(urls).toContain("/");
  expect(pages.some((p) => p.kind === "not-found")).toBe(true);
  expect(urls.filter((u) => u.startsWith("/admin"))).toEqual([]);
});

// Pages behind a login, with their own test data: moderation and the member's watch settings.
test.describe("axe: moderation and watch pages (logged in)", MARKUP_ONLY, () => {
  test.afterAll(async () => {
    await cleanUpThreads();
    await cleanUp();
  });

  test("the flag form, the moderation pages and /profil/bevakningar have no serious violations", async ({ browser, baseURL }) => {
    const asker = await createUserWithSession();
    const answerer = await createUserWithSession();
    const moderator = await createUserWithSession({ role: "moderator" });
    const thread = await createThreadWithAnswer({ askerId: asker.id, answererId: answerer.id });
    const scan = async (role: "member" | "moderator", urls: string[]) => {
      const context = await browser.newContext();
      await logInAs(context, role === "member" ? asker : moderator, baseURL!);
      const page = await context.newPage();
      for (const url of urls) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        await expect(page.locator("h1"), `${url}: exactly one h1`).toHaveCount(1);
        await expectNoSeriousViolations(page, url);
      }
      await context.close();
    };
    await scan("member", [`/diskussioner/inlagg/${thread.answerId}/flagga`, "/profil/bevakningar"]);
    await scan("moderator", [
      "/admin/moderering",
      "/admin/moderering?status=hanterade",
      `/admin/moderering/inlagg/${thread.answerId}`,
      `/admin/moderering/trad/${thread.threadId}`,
    ]);
  });
});

// Discussion pages as a logged-in member sees them: the ask form (with preview and
// similar threads), a thread with the answer, comment and vote forms, and the edit form.
test.describe("axe: discussion pages for a logged-in member", MARKUP_ONLY, () => {
  test.afterAll(() => cleanUp());
  const THREAD = "/diskussioner/demo-trad-prognos-hemtjanst/hur-kom-ni-igang-med-prognoser-for-hemtjanstens-behov";
  for (const url of ["/diskussioner/ny", "/diskussioner/ny?kategori=iot-sensorer&case=kristianstad-smart-va", THREAD]) {
    test(`axe (member) ${url}`, async ({ page, context, baseURL }) => {
      await logInAs(context, await createUserWithSession({ role: "member" }), baseURL!);
      const response = await page.goto(url);
      expect(response?.status()).toBeLessThan(400);
      await expect(page.locator("h1")).toHaveCount(1);
      if (url === THREAD) await page.getByText("Kommentera svaret").first().click();
      if (url.startsWith("/diskussioner/ny")) {
        await page.getByLabel("Rubrik").fill("Prognoser för hemtjänsten");
        await page.getByRole("button", { name: "Förhandsgranska" }).click();
        await expect(page.getByRole("heading", { name: "Förhandsgranskning" })).toBeVisible();
      }
      await expectNoSeriousViolations(page, url);
    });
  }
  test("axe (moderator) thread page and edit history", async ({ page, context, baseURL }) => {
    await logInAs(context, await createUserWithSession({ role: "moderator" }), baseURL!);
    for (const url of [THREAD, "/diskussioner/inlagg/demo-inlagg-prognos-fraga/historik"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBeLessThan(400);
      await expectNoSeriousViolations(page, url);
    }
  });
});

test.describe("organizer poll pages", MARKUP_ONLY, () => {
  // The seeded demo draft (DATA7) on the upcoming forum: its list, its admin page and the presenter view.
  test("axe: poll admin pages and the presenter view", async ({ page, context, baseURL }) => {
    const { cleanUp, createUserWithSession, findPoll, logInAs } = await import("./db");
    const poll = await findPoll("DATA7");
    await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
    try {
      for (const url of [
        `/admin/forum/${poll.eventId}/omrostningar`,
        `/admin/forum/${poll.eventId}/omrostningar/${poll.id}`,
        `/admin/forum/${poll.eventId}/omrostningar/${poll.id}/presentera`,
      ]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        await expect(page.locator("h1"), "exactly one h1").toHaveCount(1);
        await expectNoSeriousViolations(page, url);
      }
    } finally {
      await cleanUp();
    }
  });
});
