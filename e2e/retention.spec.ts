import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { cleanUp, cleanUpEvents, createPastEventWithRegistrations, createUserWithSession, logInAs } from "./db";
import { E2E_DATA_DIR, E2E_DATABASE_URL } from "./paths";

test.afterAll(async () => {
  await cleanUp();
  await cleanUpEvents();
});

test("the retention job anonymises the people of a forum over 24 months old and keeps the count per municipality", async ({ page, context, baseURL }) => {
  const tag = Date.now().toString(36);
  const event = await createPastEventWithRegistrations({
    monthsAgo: 26,
    people: [
      { name: "Greta Gammal", email: `greta-${tag}@borlange.example`, municipalityCode: "2081" },
      { name: "Hugo Historisk", email: `hugo-${tag}@borlange.example`, municipalityCode: "2081" },
      { name: "Ines Innan", email: `ines-${tag}@kristianstad.example`, municipalityCode: "1290" },
    ],
  });
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);

  const listUrl = `/admin/forum/${event.id}/anmalningar`;
  await page.goto(listUrl);
  const seated = page.getByRole("region", { name: /Med plats och på väntelistan/ });
  await expect(seated.getByRole("row", { name: /Greta Gammal/ })).toContainText(`greta-${tag}@borlange.example`);
  const perMunicipality = page.getByRole("table", { name: /Per kommun/ });
  await expect(
    perMunicipality
      .getByRole("row", { name: /Borlänge/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("2");
  await expect(
    perMunicipality
      .getByRole("row", { name: /Kristianstad/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("1");

  // `npm run retention`, as cron or an operator would run it, on the same database.
  const { stdout } = await promisify(execFile)("npm", ["run", "-s", "retention"], {
    cwd: path.resolve("."),
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: E2E_DATABASE_URL, DATA_DIR: E2E_DATA_DIR },
    timeout: 60_000,
  });
  // The e2e server's own daily run may have got there first (it starts soon after
  // the server does); either way the same job did it, and the page shows the result.
  expect(stdout).toMatch(/Gallring klar: \d+ anmälningar anonymiserade/);

  await page.goto(listUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(event.title);
  await expect(page.getByText("Greta Gammal")).toHaveCount(0);
  await expect(page.getByText(`greta-${tag}@borlange.example`)).toHaveCount(0);
  await expect(page.getByText(`ines-${tag}@kristianstad.example`)).toHaveCount(0);
  await expect(seated.getByRole("row", { name: /Anonymiserad/ })).toHaveCount(3);
  // The aggregate survives: the municipality stays on each anonymised row.
  await expect(
    perMunicipality
      .getByRole("row", { name: /Borlänge/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("2");
  await expect(
    perMunicipality
      .getByRole("row", { name: /Kristianstad/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("1");
  await expect(page.getByRole("heading", { name: /Med plats och på väntelistan \(3\)/ })).toBeVisible();
});
