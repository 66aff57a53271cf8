import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { expect, test } from "@playwright/test";
import { linksInMail, waitForMail } from "../app/test/smtp-sink";
import { fillPattern } from "../app/test/route-manifest";
import { cleanUp, createUserWithSession, logInAs, promoteToAdmin } from "./db";
import { builtRoutes } from "./fixtures";
import { E2E_MAIL_DIR } from "./paths";

// Account journeys from issue 3, with mail read from the real SMTP sink.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function linkFrom(to: string, subjectIncludes: string, path: string) {
  const mail = await waitForMail(E2E_MAIL_DIR, { to, subjectIncludes, timeoutMs: 20_000 });
  const link = linksInMail(mail).find((l) => l.includes(path));
  expect(link, `a ${path} link in "${mail.subject}"`).toBeTruthy();
  return new URL(link!).pathname + new URL(link!).search;
}

test.afterAll(() => cleanUp());

test("on the way to ask a question: sign up from the login page, confirm in the same browser, land back on the question form, ask, edit the profile and log out", async ({
  page,
}) => {
  const email = `ny-${unique()}@borlange.example`;
  const password = "Analys-i-Dalarna-2026";
  // Asking needs an account: the login page keeps the way back, and so does "Bli medlem".
  await page.goto("/diskussioner/ny?kategori=ovrigt");
  await expect(page).toHaveURL(/\/logga-in\?redirectTo=/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Bli medlem" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Bli medlem" }).click();
  await page.getByLabel("Namn", { exact: true }).fill("Nina Nyström");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByLabel("Befattning (frivilligt)").fill("Controller");
  await page.getByLabel("I en kommun").check();
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await page.getByRole("button", { name: "Skapa konto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();
  await expect(page.locator(".lead")).toContainText(email);

  // The link used in the browser that signed up confirms and signs in.
  await page.goto(await linkFrom(email, "Bekräfta din e-postadress", "/verifiera"));
  await page.getByRole("button", { name: "Bekräfta e-postadressen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E-postadressen är bekräftad" })).toBeVisible();
  await page.getByRole("link", { name: "Fortsätt där du var" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ställ en fråga" })).toBeVisible();
  await page.getByLabel("Rubrik").fill(`Hur mäter ni nyttan av BI? ${unique()}`);
  await page.getByLabel("Din fråga").fill("Vi vill följa upp vad våra rapporter faktiskt används till.");
  await page.getByRole("button", { name: "Publicera frågan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Din fråga är publicerad" })).toBeFocused();

  await page.goto("/profil");
  await expect(page.getByText("Din e-postadress är inte bekräftad")).toHaveCount(0);

  await page.getByLabel("Befattning", { exact: true }).fill("Analyschef");
  await page.getByRole("button", { name: "Spara uppgifter" }).click();
  await expect(page.getByText("Dina uppgifter är sparade.")).toBeVisible();
  await expect(page.getByLabel("Befattning", { exact: true })).toHaveValue("Analyschef");

  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  await expect(page.getByRole("link", { name: "Logga in" })).toBeVisible();
  await page.goto("/profil");
  await expect(page).toHaveURL(/\/logga-in\?redirectTo=%2Fprofil/);
});

test("forgot password, reset from the email, and the old sessions are dead", async ({ page, browser, baseURL }) => {
  const email = `glomsk-${unique()}@kristianstad.example`;
  // The old device: a member logged in with a known password.
  await page.goto("/registrera");
  await page.getByLabel("Namn", { exact: true }).fill("Olle Glömsk");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("Gammalt-losenord-123");
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Kristianstad" });
  await page.getByRole("button", { name: "Skapa konto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("Gammalt-losenord-123");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Min profil" })).toBeVisible();

  // A second browser asks for a reset.
  const other = await browser.newContext({ baseURL });
  const resetPage = await other.newPage();
  await resetPage.goto("/glomt-losenord");
  await resetPage.getByLabel("E-postadress").fill(email);
  await resetPage.getByRole("button", { name: "Skicka länk" }).click();
  await expect(resetPage.getByText("Om adressen har ett konto hos oss")).toBeVisible();
  const resetPath = await linkFrom(email, "Välj ett nytt lösenord", "/aterstall-losenord");
  const response = await resetPage.goto(resetPath);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await resetPage.getByLabel("Nytt lösenord").fill("Nytt-och-battre-2026");
  await resetPage.getByLabel("Upprepa lösenordet").fill("Nytt-och-battre-2026");
  await resetPage.getByRole("button", { name: "Spara nytt lösenord" }).click();
  await expect(resetPage.getByText("Ditt lösenord är bytt")).toBeVisible();
  // A confirmation link used in another browser confirms, and the login follows.
  await resetPage.goto(await linkFrom(email, "Bekräfta din e-postadress", "/verifiera"));
  await resetPage.getByRole("button", { name: "Bekräfta e-postadressen" }).click();
  await expect(resetPage).toHaveURL(/\/logga-in\?bekraftad=1/);
  await expect(resetPage.getByRole("status")).toContainText("E-postadressen är bekräftad");
  await other.close();

  // The first browser's session no longer works.
  await page.goto("/profil");
  await expect(page).toHaveURL(/\/logga-in/);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("Nytt-och-battre-2026");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Min profil" })).toBeVisible();
});

test("anonymous visitors and members cannot open or post to any organizer or admin page", async ({ page, context, playwright, baseURL }) => {
  const routes = (await builtRoutes()).filter((r) => /^\/admin(\/|$)/.test(r.pattern) && (r.hasLoader || r.hasAction));
  expect(routes.length).toBeGreaterThan(0);
  // Every organizer route, with its URL params filled in and ?index for index routes.
  const targets = routes.map((r) => ({ route: r, url: fillPattern(r.pattern, "prov") + (r.index ? "?index" : "") }));

  const anonymous = await playwright.request.newContext({ baseURL });
  for (const { route, url } of targets) {
    const responses = [
      ...(route.hasLoader ? [await anonymous.get(url, { maxRedirects: 0 })] : []),
      ...(route.hasAction ? [await anonymous.post(url, { form: { x: "1" }, maxRedirects: 0 })] : []),
    ];
    for (const response of responses) {
      expect(response.status(), `anonymous ${url}`).toBe(302);
      expect(response.headers()["location"], url).toMatch(/^\/logga-in\?redirectTo=/);
    }
  }
  await anonymous.dispose();

  const member = await createUserWithSession({ role: "member" });
  await logInAs(context, member, baseURL!);
  for (const { route, url } of targets) {
    if (route.hasAction) {
      const response = await page.request.post(url, { form: { role: "admin", userId: member.id }, maxRedirects: 0 });
      expect(response.status(), `member POST ${url}`).toBe(403);
    }
    if (route.hasLoader) {
      const response = await page.goto(url);
      expect(response?.status(), `member GET ${url}`).toBe(403);
      // Pages show the Swedish error page; resource routes (CSV) answer with plain text.
      if (route.hasDefault) await expect(page.getByRole("heading", { level: 1, name: "Du saknar behörighet" })).toBeVisible();
    }
  }
});

test("an admin enrols TOTP and must give a code at the next login", async ({ page }) => {
  const email = `admin-${unique()}@kommunforum.example`;
  const password = "Admin-med-tva-steg-2026";
  // Sign up as a member, then become admin the way the CLI does it.
  await page.goto("/registrera");
  await page.getByLabel("Namn", { exact: true }).fill("Ada Admin");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borlänge" });
  await page.getByRole("button", { name: "Skapa konto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kolla din e-post" })).toBeVisible();
  await promoteToAdmin(email);

  await page.goto("/logga-in?redirectTo=/admin");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  // Admin pages send an admin without TOTP to enrolment first.
  await expect(page.getByRole("heading", { level: 1, name: "Slå på tvåstegsverifiering" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR-kod/ })).toBeVisible();
  const key = decodeBase32IgnorePadding((await page.getByTestId("totp-key").innerText()).replace(/\s/g, ""));
  await page.getByLabel("Kod från appen").fill(generateTOTP(key, 30, 6));
  await page.getByRole("button", { name: "Slå på" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering är påslagen" })).toBeVisible();
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Arrangörsverktyg" })).toBeVisible();

  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  // Wait for the logout to land: an immediate goto would abort its POST.
  await expect(page.getByRole("link", { name: "Logga in" })).toBeVisible();
  await page.goto("/logga-in?redirectTo=/admin");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering" })).toBeVisible();
  // Without the code the admin area stays closed.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/logga-in\/tvastegs/);
  await page.getByLabel("Kod").fill("000000");
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page.locator(".field__error", { hasText: "Koden stämmer inte" })).toBeVisible();
  // The enrolment code is spent (no replay); the next step's code is inside the clock-drift window.
  await page.getByLabel("Kod").fill(generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + 1), 6));
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Arrangörsverktyg" })).toBeVisible();
});

test("a cross-origin POST is refused with 403", async ({ request }) => {
  const response = await request.post("/logga-in", {
    headers: { Origin: "http://evil.example" },
    form: { email: "anna.demo@borlange.example", password: "Demo-Medlem-2026" },
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("repeated wrong passwords from one address get 429 with Retry-After, shown in the form", async ({ request, page }) => {
  const email = `gissning-${unique()}@example.se`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const response = await request.post("/logga-in?index", { form: { email, password: `fel-${attempt}` }, maxRedirects: 0 });
    expect(response.status(), `attempt ${attempt}`).toBe(400);
  }
  const sixth = await request.post("/logga-in?index", { form: { email, password: "fel-6" }, maxRedirects: 0 });
  expect(sixth.status()).toBe(429);
  expect(Number(sixth.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await sixth.text()).toContain("För många försök");

  // In the browser the refusal is in the form's error summary.
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("fel-7");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toContainText("För många försök. Vänta");
});
