import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createOpenPoll, createSmallEvent, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// The presenter view on a projector (1920×1080): nothing of the site around it,
// the code and the QR code large, the address on one line, and the organizer's
// controls out of the audience's sight until the pointer or focus reaches them.

test.use({ viewport: { width: 1920, height: 1080 } });

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

test("the presenter view is a full screen for the projector, with the controls hidden from the audience", async ({ page, context, baseURL }) => {
  const event = await createSmallEvent({ capacity: 50 });
  const question = "Var finns den största potentialen för analys i er kommun?";
  const poll = await createOpenPoll(event.id, question, ["Vård och omsorg", "Skola", "Samhällsbyggnad", "Vatten och avlopp"]);
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  await page.goto(`/admin/forum/${event.id}/omrostningar/${poll.id}/presentera`);
  await expect(page.getByRole("heading", { level: 1, name: question })).toBeVisible();
  // No site chrome: no demo banner, header, menu, search or footer.
  await expect(page.getByRole("banner")).toHaveCount(0);
  await expect(page.getByRole("contentinfo")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toHaveCount(0);
  await expect(page.getByRole("search")).toHaveCount(0);
  await expect(page.getByText(/Demoläge/)).toHaveCount(0);

  // The code at 80 px or more, the QR code large, the address on one line, all on the first screen.
  const code = page.getByText(poll.code, { exact: true });
  await expect(code).toBeInViewport({ ratio: 1 });
  const fontSize = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(80);
  const qr = await page.getByRole("img", { name: /QR-kod/ }).boundingBox();
  expect(qr!.width).toBeGreaterThanOrEqual(360);
  await expect(page.getByRole("img", { name: /QR-kod/ })).toBeInViewport({ ratio: 1 });
  const address = page.getByRole("link", { name: new RegExp(`/rosta/${poll.code}$`) });
  const lines = await address.evaluate((el) => {
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5;
    return Math.round(el.getBoundingClientRect().height / lineHeight);
  });
  expect(lines).toBe(1);
  // The chart's labels are large enough to read from the back of the room.
  const labelSize = await page
    .locator(".poll-chart__svg text")
    .first()
    .evaluate((el) => el.getBoundingClientRect().height);
  expect(labelSize).toBeGreaterThanOrEqual(32);

  // The controls are transparent to the audience, and appear under the pointer or with the keyboard.
  await page.mouse.move(960, 900);
  const controls = page.locator(".presenter__controls");
  await expect(controls).toHaveCSS("opacity", "0");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Tillbaka till omröstningen" })).toBeFocused();
  await expect(controls).toHaveCSS("opacity", "1");
  await page.getByRole("button", { name: "Stäng omröstningen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Omröstningen är stängd." })).toBeAttached();
  await expect(page.locator("#antal-svar")).toContainText("Stängd");
  await page.mouse.move(960, 900);
  await expect(controls).toHaveCSS("opacity", "0");

  await expectNoSeriousViolations(page);
  expect(cspViolations).toEqual([]);
});

test("a member cannot open the presenter view", async ({ page, context, baseURL }) => {
  const event = await createSmallEvent({ capacity: 50 });
  const poll = await createOpenPoll(event.id, "Använder ni prognoser?", ["Ja", "Nej"]);
  await logInAs(context, await createUserWithSession({ role: "member" }), baseURL!);
  const response = await page.goto(`/admin/forum/${event.id}/omrostningar/${poll.id}/presentera`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText(poll.code, { exact: true })).toHaveCount(0);
});
