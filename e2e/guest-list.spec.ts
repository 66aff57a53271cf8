import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createPastEventWithRegistrations, createSmallEvent, createUserWithSession, logInAs } from "./db";
import { expectNoSeriousViolations } from "./fixtures";

// The guest list of a forum: filters, attendance for many at once and one toggle
// per row without a reload, a person added by hand, and cancelling that asks first.

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

test("the organizer filters the guest list, marks attendance for several at once and toggles one without a reload", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const tag = Date.now().toString(36);
  // A forum that has taken place, so attendance can be marked (and not one still running:
  // the dashboard's journey expects the seeded forum to be the next one).
  const event = await createPastEventWithRegistrations({
    monthsAgo: 1,
    people: [
      { name: "Alva Almén", email: `alva-${tag}@borlange.example`, municipalityCode: "2081" },
      { name: "Bea Berg", email: `bea-${tag}@borlange.example`, municipalityCode: "2081" },
      { name: "Carl Cederlund", email: `carl-${tag}@kristianstad.example`, municipalityCode: "1290" },
    ],
  });
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  const list = page.getByRole("region", { name: /Med plats och på väntelistan/ });
  await expect(list.getByRole("row")).toHaveCount(4);

  await page.getByLabel("Län", { exact: true }).selectOption({ label: "Skåne län" });
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/lan=12/);
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list.getByRole("cell", { name: "Carl Cederlund", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Rensa filtren" }).click();
  await expect(list.getByRole("row")).toHaveCount(4);

  await page.getByLabel("Välj Alva Almén").check();
  await page.getByLabel("Välj Bea Berg").check();
  await page.getByLabel("Med de ikryssade").selectOption({ label: "Markera som närvarande" });
  await page.getByRole("button", { name: "Utför" }).click();
  await expect(page.getByRole("status")).toHaveText("2 markerade som närvarande.");
  await expect(page.getByRole("button", { name: "Närvarande för Alva Almén" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Närvarande för Carl Cederlund" })).toHaveAttribute("aria-pressed", "false");

  // One toggle saves in the background: the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("button", { name: "Närvarande för Carl Cederlund" }).click();
  await expect(page.getByRole("button", { name: "Närvarande för Carl Cederlund" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Visa", { exact: true }).selectOption({ label: "Närvarande" });
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page.getByRole("region", { name: /Närvarande \(3\)/ })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the organizer adds two people by hand, and cancelling the first asks first and names who gets the seat", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createSmallEvent({ capacity: 1 });
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  const add = page.getByRole("region", { name: "Lägg till en person" });
  for (const [name, email] of [
    ["Telefon Tina", `tina-${Date.now()}@e2e.example`],
    ["Telefon Tor", `tor-${Date.now()}@e2e.example`],
  ]) {
    // The form stays open after an addition, for the next person.
    if (!(await add.getByLabel("Namn").isVisible())) await add.getByText("Anmäl någon som hört av sig på annat sätt").click();
    await add.getByLabel("Namn").fill(name!);
    await add.getByLabel("E-postadress").fill(email!);
    await add.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge (Dalarnas län)" });
    await add.getByRole("button", { name: "Lägg till personen" }).click();
    await expect(add.getByRole("status")).toContainText(`${name} `);
  }
  await expect(add.getByRole("status")).toHaveText("Telefon Tor står på väntelistan som nummer 1 och har fått en bekräftelse med e-post.");
  const list = page.getByRole("region", { name: /Med plats och på väntelistan/ });
  await expect(list.getByRole("row", { name: /Telefon Tor/ })).toContainText("Väntelista, nr 1");

  const tina = list.getByRole("row", { name: /Telefon Tina/ });
  await tina.locator("summary", { hasText: "Avanmäl" }).click();
  await expect(
    tina.getByText("Telefon Tina förlorar sin plats och får ett mejl om det. Platsen går till Telefon Tor, först på väntelistan, som också får ett mejl."),
  ).toBeVisible();
  await expect(list.getByRole("row", { name: /Telefon Tina/ })).toContainText("Plats");
  await tina.getByRole("button", { name: "Ja, avanmäl Telefon Tina" }).click();
  await expect(page.getByRole("status").first()).toContainText("Platsen har gått till väntelistan");
  await expect(list.getByRole("row", { name: /Telefon Tor/ })).toContainText("Plats");
  await expect(list.getByRole("row", { name: /Telefon Tina/ })).toHaveCount(0);
});
