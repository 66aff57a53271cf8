import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./fixtures";
import { cleanUp, cleanUpEvents, createPastEventWithRegistrations, createSmallEvent, createUserWithSession, forgetEventLater, logInAs } from "./db";

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
  await program.getByLabel("Talare (frivilligt)").selectOption({ label: "Bo Berg" });
  await program.getByRole("button", { name: "Lägg till i programmet" }).click();
  await expect(program.getByRole("status")).toHaveText("Programmet är sparat.");
  await expect(program.getByText("Välkommen – Bo Berg")).toBeVisible();
  // The form is empty again: the next item does not inherit Bo Berg.
  await expect(program.getByLabel("Programpunkt")).toHaveValue("");
  await expect(program.getByLabel("Talare (frivilligt)")).toHaveValue("");
  await program.getByLabel("Tid").fill("13:10");
  await program.getByLabel("Programpunkt").fill("Borlänges resa");
  await program.getByLabel("Talare (frivilligt)").selectOption({ label: "Anna Andersson" });
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

  // "Duplicate as next forum": a draft with the programme and speakers, on the new day at the same time.
  const next = new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10);
  await page.getByText("Kopiera som nästa forum").click();
  await page.getByLabel("Nästa forums dag").fill(next);
  await page.getByRole("button", { name: "Skapa utkastet" }).click();
  await expect(page.getByRole("status").first()).toContainText("Det här är en kopia som utkast");
  expect(page.url()).not.toContain(event.id);
  await expect(page.locator(".lead .badge")).toHaveText("Utkast");
  await expect(program.getByText(/13\.10 Borlänges resa – Anna Andersson$/)).toBeVisible();
  await expect(speakers.locator("strong", { hasText: "Anna Andersson" })).toBeVisible();
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

test("a message to participants shows the real mail, sends a test to the organizer and asks 'Skicka till N deltagare?' first", async ({
  page,
  context,
  baseURL,
}) => {
  const organizer = await createUserWithSession({ role: "organizer" });
  await logInAs(context, organizer, baseURL!);
  const event = await createSmallEvent({ capacity: 10 });
  const { registerSomeone } = await import("./db");
  for (let i = 0; i < 3; i++) await registerSomeone(event.id);
  await page.goto(`/admin/forum/${event.id}/anmalningar`);
  const mail = page.getByRole("region", { name: "Utskick" });
  await mail.getByLabel("Rubrik").fill("Praktisk information");
  await mail.getByLabel("Meddelande").fill("Hej alla!\n\nVi börjar 13.00 och länken kommer i påminnelsen.");

  await mail.getByRole("button", { name: "Förhandsgranska" }).click();
  const preview = mail.getByRole("region", { name: /Förhandsgranskning/ });
  await expect(preview).toContainText("Praktisk information");
  // The organizer's own greeting is the only one: no "Hej Testperson!" before it.
  await expect(preview.locator("pre")).toHaveText(/^Hej alla!\n\nVi börjar 13\.00/);
  await expect(preview).toContainText("Du får det här mejlet för att du är anmäld till");
  await expect(mail.getByLabel("Meddelande")).toHaveValue(/Vi börjar 13\.00/);

  await mail.getByRole("button", { name: "Skicka ett test till mig" }).click();
  await expect(mail.getByRole("status")).toContainText(`Ett testmejl är på väg till ${organizer.email}`);
  const { waitForMail } = await import("../app/test/smtp-sink");
  const { E2E_MAIL_DIR } = await import("./paths");
  const test = await waitForMail(E2E_MAIL_DIR, { to: organizer.email, subjectIncludes: "TEST: Praktisk information", timeoutMs: 20_000 });
  expect(test.text).toContain("Vi börjar 13.00");
  expect(test.raw).toMatch(/^Reply-To: .*@/m);

  await mail.getByRole("button", { name: "Skicka till alla med plats" }).click();
  await expect(mail.getByRole("alert")).toContainText("Skicka till 3 deltagare?");
  await mail.getByRole("button", { name: "Ja, skicka till 3 deltagare" }).click();
  await expect(mail.getByRole("status")).toHaveText("Meddelandet är lagt i utkorgen till 3 personer.");
  await expect(mail.getByLabel("Rubrik")).toHaveValue("");
});

test("'Berätta för deltagarna att inspelningen finns' goes through the same preview, test and 'Skicka till N deltagare?', and tells each person once", async ({
  page,
  context,
  baseURL,
}) => {
  const organizer = await createUserWithSession({ role: "organizer" });
  await logInAs(context, organizer, baseURL!);
  const tag = Date.now().toString(36);
  const people = [1, 2].map((i) => ({ name: `Inspelning ${i}`, email: `inspelning-${i}-${tag}@e2e.example`, municipalityCode: "2081" }));
  const event = await createPastEventWithRegistrations({ monthsAgo: 1, people });

  await page.goto(`/admin/forum/${event.id}/inspelning`);
  await page.getByLabel("Videons adress").fill("https://youtu.be/dQw4w9WgXcQ");
  await page.getByLabel("Publicera inspelningen").check();
  await page.getByRole("button", { name: "Spara videon" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Inspelningen är sparad.");
  await page.getByRole("link", { name: "Berätta för deltagarna att inspelningen finns" }).click();

  const mail = page.getByRole("region", { name: "Utskick" });
  await expect(mail.getByLabel("Rubrik")).toHaveValue("Inspelningen finns nu");
  await mail.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(mail.getByRole("region", { name: /Förhandsgranskning/ }).locator("pre")).toContainText(`/forum/${event.slug}`);
  await mail.getByRole("button", { name: "Skicka ett test till mig" }).click();
  await expect(mail.getByRole("status")).toContainText(`Ett testmejl är på väg till ${organizer.email}`);
  const { waitForMail } = await import("../app/test/smtp-sink");
  const { E2E_MAIL_DIR } = await import("./paths");
  await waitForMail(E2E_MAIL_DIR, { to: organizer.email, subjectIncludes: "TEST: Inspelningen finns nu", timeoutMs: 20_000 });

  await mail.getByRole("button", { name: "Skicka till alla med plats" }).click();
  await expect(mail.getByRole("alert")).toContainText("Skicka till 2 deltagare?");
  await mail.getByRole("button", { name: "Ja, skicka till 2 deltagare" }).click();
  await expect(mail.getByRole("status")).toHaveText("Meddelandet är lagt i utkorgen till 2 personer.");

  // A second press, even with an edited text, tells no one twice.
  await page.goto(`/admin/forum/${event.id}/inspelning`);
  await page.getByRole("link", { name: "Berätta för deltagarna att inspelningen finns" }).click();
  await mail.getByLabel("Meddelande").fill("Nu med rätt länk.");
  await mail.getByRole("button", { name: "Skicka till alla med plats" }).click();
  await mail.getByRole("button", { name: "Ja, skicka till 2 deltagare" }).click();
  await expect(mail.getByRole("status")).toHaveText("Alla med plats har redan fått veta att inspelningen finns.");
});

test("a recording takes materials before the video, and a chapter can be edited with a Swedish error when its time is wrong", async ({
  page,
  context,
  baseURL,
}) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const event = await createPastEventWithRegistrations({ monthsAgo: 1, people: [] });
  await page.goto(`/admin/forum/${event.id}/inspelning`);
  const materials = page.getByRole("region", { name: "Material" });
  await materials.getByLabel("Namn").last().fill("Borlänges bilder");
  await materials.getByLabel("Länk").fill("https://kommun.example/bilder.pdf");
  await materials.getByRole("button", { name: "Lägg till länken" }).click();
  await expect(materials.getByRole("status")).toHaveText("Materialet är tillagt.");
  await expect(materials.getByRole("link", { name: "Borlänges bilder" })).toBeVisible();

  await page.getByLabel("Videons adress").fill("https://youtu.be/dQw4w9WgXcQ");
  await page.getByLabel("Längd (frivilligt)").fill("10:00");
  await page.getByRole("button", { name: "Spara videon" }).click();
  const chapters = page.getByRole("region", { name: "Kapitel" });
  await chapters.getByLabel("Börjar vid").fill("3:00");
  await chapters.getByLabel("Kapitlets namn").fill("Borlänge berätar");
  await chapters.getByRole("button", { name: "Lägg till kapitlet" }).click();
  await expect(chapters.getByRole("status")).toHaveText("Kapitlet är tillagt.");

  await chapters.locator("summary", { hasText: "Ändra" }).click();
  const edit = chapters.locator("details form");
  await edit.getByLabel("Börjar vid").fill("12:00");
  await edit.getByRole("button", { name: "Spara kapitlet" }).click();
  await expect(page.locator("details form").getByText("Kapitlet börjar efter att videon har slutat")).toBeVisible();
  await page.locator("details form").getByLabel("Börjar vid").fill("2:30");
  await page.locator("details form").getByLabel("Kapitlets namn").fill("Borlänge berättar");
  await page.locator("details form").getByRole("button", { name: "Spara kapitlet" }).click();
  await expect(chapters.getByRole("status")).toHaveText("Kapitlet är ändrat.");
  await expect(chapters.locator("li").first()).toContainText("2:30 Borlänge berättar");
});

test("a draft case survives an accidental navigation, and leaving with unsaved changes asks first", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  await page.goto("/admin/case/ny");
  await page.getByLabel("Rubrik").fill("Prognoser i hemtjänsten");
  await page.getByLabel("Sammanfattning").fill("Ett utkast som inte får försvinna.");

  // A click on a link inside the site asks first; saying no stays on the page.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Arrangörsverktyg" }).getByRole("link", { name: "Forum" }).click();
  await expect.poll(() => asked).toContain("ändringar som inte är sparade");
  await expect(page).toHaveURL(/\/admin\/case\/ny$/);

  // A full navigation away (a typed address, a closed tab) and back: the text is offered back.
  await page.goto("/admin");
  await page.goto("/admin/case/ny");
  await expect(page.getByRole("status")).toContainText("Vi har tagit fram texten du skrev");
  await expect(page.getByLabel("Rubrik")).toHaveValue("Prognoser i hemtjänsten");
  await expect(page.getByLabel("Sammanfattning")).toHaveValue("Ett utkast som inte får försvinna.");
});

test("a forum duplicated as the next one is previewed as its public page with a banner, then published without it", async ({
  page,
  context,
  baseURL,
  request,
}) => {
  test.setTimeout(90_000); // a long journey on a shared, slow machine
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  const title = `Förhandsforum ${Date.now().toString(36)}`;
  const eventIdOf = () => new URL(page.url()).pathname.split("/")[3] ?? "";

  await page.goto("/admin");
  await page.getByRole("link", { name: "Skapa ett nytt forum" }).click();
  await page.getByLabel("Rubrik", { exact: true }).fill(title);
  await page.getByLabel("Ingress").fill("Ett forum som blir mall för nästa.");
  await page.getByLabel("Börjar").fill("2031-03-05T13:00");
  await page.getByLabel("Slutar").fill("2031-03-05T14:30");
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Forumet är sparat som utkast.")).toBeVisible();
  forgetEventLater(eventIdOf());

  await page.getByText("Kopiera som nästa forum").click();
  await page.getByLabel("Nästa forums dag").fill("2031-04-02");
  await page.getByRole("button", { name: "Skapa utkastet" }).click();
  await expect(page.getByRole("status").first()).toContainText("Det här är en kopia som utkast");
  forgetEventLater(eventIdOf());
  const adminPath = new URL(page.url()).pathname;

  // The preview is the public page itself, with the banner; nobody else can open it yet.
  await page.getByRole("link", { name: "Förhandsgranska sidan" }).click();
  await expect(page.getByText("Förhandsgranskning – sidan är inte publicerad")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoSeriousViolations(page);
  const publicPath = new URL(page.url()).pathname;
  expect(publicPath).toMatch(/^\/forum\//);
  expect((await request.get(publicPath)).status()).toBe(404);

  await page.getByRole("link", { name: "Tillbaka till redigeringen" }).click();
  await expect(page).toHaveURL(new RegExp(`${adminPath}$`));
  await page.getByRole("button", { name: "Publicera forumet" }).click();
  await expect(page.getByText("Forumet är publicerat och syns nu under Forum.")).toBeVisible();
  await page.getByRole("link", { name: "Visa den publicerade sidan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Förhandsgranskning – sidan är inte publicerad")).toHaveCount(0);
  expect((await request.get(publicPath)).status()).toBe(200);
});
