// The public forms over HTTP. The limits on sign-up and Kontakt as a municipality
// behind one IP meets them:
// a form that failed validation never counts, a sender past their own limit sees
// the wait inside the form with what they typed, and a colleague on the same IP
// goes on sending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "~/models/rate-limit.server";
import { startAppServer, type AppServer } from "./app-server";

let app: AppServer;
beforeAll(async () => {
  app = await startAppServer({ name: "forms-http", env: { OPERATOR_NAME: "Exempelkommunen, kommunledningskontoret" } });
}, 60_000);
afterAll(() => app?.stop());

function postContact(fields: Record<string, string>) {
  return fetch(`${app.url}/kontakt`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const message = (email: string) => ({ name: "Anna", email, subject: "ovrigt", body: "Ett meddelande att behålla" });

describe("Kontakt's limits", () => {
  it("counts only valid messages, per sender, and shows the wait in the form with the input kept", async () => {
    for (let i = 0; i < RATE_LIMITS.contactSender.limit + 3; i++) {
      expect((await postContact({ ...message("anna@kommun.example"), body: "" })).status).toBe(400);
    }
    for (let i = 0; i < RATE_LIMITS.contactSender.limit; i++) {
      expect((await postContact(message("anna@kommun.example"))).status).toBe(302);
    }
    const refused = await postContact(message("anna@kommun.example"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(60);
    const page = await refused.text();
    expect(page).toMatch(/Vänta \d+ minuter och försök igen/);
    expect(page).toContain("Ett meddelande att behålla</textarea>");
    // A colleague behind the same IP is not stopped.
    expect((await postContact(message("erik@kommun.example"))).status).toBe(302);
  }, 60_000);
});

describe("who runs the service", () => {
  it("is the configured organisation, in the footer and as the controller in the privacy notice", async () => {
    const privacy = await (await fetch(`${app.url}/personuppgifter`)).text();
    expect(privacy).toContain("Personuppgiftsansvarig är <strong>Exempelkommunen, kommunledningskontoret</strong>");
    const home = await (await fetch(`${app.url}/`)).text();
    expect(home).toContain("Webbplatsen drivs av Exempelkommunen, kommunledningskontoret.");
  });
});
