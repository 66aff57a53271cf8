import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createSmallEvent, createUserWithSession, logInAs } from "./db";

// The organizer's add-forms start empty after each save (a kept speaker once put
// the wrong name on a public programme), the message stands beside the action,
// and deleting or unpublishing asks first and says what will follow.

test.afterAll(async () => {
  await cleanUpEvents();
  await cleanUp();
});

test("two agenda items in a row each get the right speaker, and deleting a speaker asks first", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createSmallEvent({ capacity: 10 });
  await page.goto(`/admin/forum/${event.id}`);

  const speakers = page.getByRole("region", { name: "Talare" });
  for (const name of ["Anna Andersson", "Bo Berg"]) {
    await speakers.getByLabel("Namn").fill(name);
    await speakers.getByRole("button", { name: "Lägg till talaren" }).click();
    await expect(speakers.getByRole("status")).toHaveText("Talarna är sparade.");
    await expect(speakers.locator("strong", { hasText: name })).toBeVisible();
    await expect(speakers.getByLabel("Namn")).toHaveValue("");
  }

  const program = page.getByRole("region", { name: "Program" });
  await program.getByLabel("Tid").fill("13:00");
  await program.getByLabel("Programpunkt").fill("Välkommen");
  await program.getByLabel("Talare (valfritt)").selectOption({ label: "Bo Berg" });
  await program.getByRole("button", { name: "Lägg till i programmet" }).click();
  await expect(program.getByRole("status")).toHaveText("Programmet är sparat.");
  await expect(program.getByText("Välkommen – Bo Berg")).toBeVisible();
  // The form is empty again: the next item does not inherit Bo Berg.
  await expect(program.getByLabel("Programpunkt")).toHaveValue("");
  await expect(program.getByLabel("Talare (valfritt)")).toHaveValue("");
  await program.getByLabel("Tid").fill("13:10");
  await program.getByLabel("Programpunkt").fill("Borlänges resa");
  await program.getByLabel("Talare (valfritt)").selectOption({ label: "Anna Andersson" });
  await program.getByRole("button", { name: "Lägg till i programmet" }).click();
  await expect(program.getByText("Borlänges resa – Anna Andersson")).toBeVisible();
  await expect(program.getByText("Välkommen – Bo Berg")).toBeVisible();

  // Deleting a speaker says what follows before anything happens.
  await speakers.locator("summary", { hasText: "Ta bort Bo Berg" }).click();
  await expect(speakers.getByText("Programpunkter med Bo Berg står kvar, utan talare.")).toBeVisible();
  await expect(speakers.locator("strong", { hasText: "Bo Berg" })).toBeVisible();
  await speakers.getByRole("button", { name: "Ja, ta bort Bo Berg" }).click();
  await expect(speakers.getByRole("status")).toContainText("Talaren är borttagen");
  await expect(program.getByText(/13\.00 Välkommen$/)).toBeVisible();
});

test("unpublishing a forum with registrations asks first and says the mailed links stop working", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createSmallEvent({ capacity: 10 });
  const { registerSomeone } = await import("./db");
  await registerSomeone(event.id);
  await page.goto(`/admin/forum/${event.id}`);
  await page.getByText("Avpublicera", { exact: true }).click();
  await expect(page.getByText(/En person är anmäld\. Medan forumet är avpublicerat leder länkarna i deras mejl/)).toBeVisible();
  await page.getByRole("button", { name: "Ja, avpublicera forumet" }).click();
  await expect(page.getByRole("status")).toHaveText("Forumet är avpublicerat. Det syns inte längre på webbplatsen.");
});
