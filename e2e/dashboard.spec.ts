import { expect, test } from "@playwright/test";
import { cleanUp, createUserWithSession, logInAs } from "./db";

test.afterAll(() => cleanUp());

test("the organizer's dashboard shows the next forum and the coverage of the seeded data", async ({ page, context, baseURL }) => {
  await logInAs(context, await createUserWithSession({ role: "organizer" }), baseURL!);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Arrangörsverktyg" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Nästa forum" })).toContainText("Kommunforum Analytics");
  await expect(page.getByRole("img", { name: /Anmälningar per dag/ })).toBeVisible();
  const reach = page.getByRole("region", { name: /Räckvidd bland Sveriges 290 kommuner/ });
  await expect(reach).toBeVisible();
  // The seeded demo members and cases come from Borlänge and Kristianstad.
  const dalarna = reach.getByRole("row", { name: /Dalarnas län/ });
  await expect(dalarna.getByRole("cell").nth(1)).toHaveText("1");
  await dalarna.getByText(/kommuner$/).click();
  await expect(dalarna).not.toContainText("Borlänge");
  await expect(dalarna).toContainText("Falun");
  await expect(
    reach
      .getByRole("row", { name: /Skåne län/ })
      .getByRole("cell")
      .nth(3),
  ).toHaveText("1");
});
