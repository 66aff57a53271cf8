// With the mail server down, a contact message is still stored (the organizer
// sees it in the inbox) and its mail waits in the outbox; once the mail server
// is back, the mail is delivered. This journey runs its OWN app server and SMTP
// sink on free ports (the shared sink must stay up for the other journeys), on a
// copy of the e2e database (SQLite or PostgreSQL), and stops only the processes it started.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { waitForMail } from "../app/test/smtp-sink";
import { cleanUp, createUserWithSession, logInAs } from "./db";
import { copyDatabase } from "./database-copy";
import { freePort } from "../app/test/free-port";

const tag = `${process.pid}-${Date.now().toString(36)}`;
const DATA_DIR = path.resolve(".tmp", `e2e-smtp-down-${tag}-data`);
const MAIL_DIR = path.resolve(".tmp", `e2e-smtp-down-${tag}-mail`);
const children: ChildProcess[] = [];
let removeCopy = () => {};

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: path.resolve("."), env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  return child;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 250))) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

test.afterAll(async () => {
  for (const child of children) if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, "SIGTERM");
  await cleanUp();
  removeCopy();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
});

test("with the mail server down a contact message is stored, and it is delivered once the mail server is back", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await createUserWithSession({ role: "admin" });
  // A consistent copy of the e2e database (with the admin's session in it).
  const copy = await copyDatabase("e2e_smtp_down");
  removeCopy = copy.remove;

  const smtpPort = await freePort(); // nothing listens here yet
  const appPort = await freePort();
  const baseURL = `http://localhost:${appPort}`;
  start(process.execPath, ["server.js"], {
    NODE_ENV: "production",
    PORT: String(appPort),
    HOST: "127.0.0.1",
    DATABASE_URL: copy.url,
    DATA_DIR,
    RUN_JOBS: "1",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    APP_URL: baseURL,
  });
  await waitUntil(
    () =>
      fetch(`${baseURL}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    "the app server",
  );

  const visitor = await browser.newContext({ baseURL });
  const page = await visitor.newPage();
  const email = `nere-${Date.now().toString(36)}@lund.example`;
  await page.goto("/kontakt");
  await page.getByLabel("Namn", { exact: true }).fill("Sam Servertyst");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Vad gäller det?").selectOption({ label: "Jag vill se en inspelning" });
  await page.getByLabel("Meddelande", { exact: true }).fill("Kommer det här fram fast e-posten krånglar?");
  await page.getByRole("button", { name: "Skicka meddelandet" }).click();
  await expect(page.getByText("Ditt meddelande är skickat")).toBeVisible();
  await visitor.close();

  // The organizer's inbox has it, although no mail could be sent.
  const staff = await browser.newContext({ baseURL });
  await logInAs(staff, admin, baseURL);
  const inbox = await staff.newPage();
  await inbox.goto("/admin/inkorg?status=ny");
  await inbox
    .getByRole("row", { name: /Sam Servertyst/ })
    .getByRole("link")
    .click();
  await expect(inbox.getByText("Kommer det här fram fast e-posten krånglar?")).toBeVisible();

  // The sender tried and failed: the receipt waits in the outbox with the error.
  await inbox.goto("/admin/mejl?status=queued");
  await inbox
    .getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })
    .getByRole("link")
    .click();
  // Reloading below must reload the mail's own page, so wait for the navigation first.
  await inbox.waitForURL(/[?&]id=/);
  const facts = inbox.locator("dl.facts");
  await expect(async () => {
    await inbox.reload();
    await expect(facts).toContainText(/I kö, [1-9]\d* försök \(senaste fel: /);
  }).toPass({ timeout: 30_000 });

  // The mail server comes back.
  start(process.execPath, ["--import", "tsx", "scripts/smtp-sink.ts", "--port", String(smtpPort), "--dir", MAIL_DIR], {});
  await waitUntil(() => portOpen(smtpPort), "the SMTP sink");

  // The retry with backoff would deliver it within minutes; the admin need not wait.
  await inbox.getByRole("button", { name: "Skicka igen nu" }).click();
  const receipt = await waitForMail(MAIL_DIR, { to: email, subjectIncludes: "Vi har tagit emot", timeoutMs: 30_000 });
  expect(receipt.text).toContain("Jag vill se en inspelning");
  await expect(async () => {
    await inbox.reload();
    await expect(facts).toContainText("Skickat");
  }).toPass({ timeout: 15_000 });
  await staff.close();
});
