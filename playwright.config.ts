import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_MAIL_DIR } from "./e2e/paths";

// Browser journeys against the production build on its own seeded database.
const root = path.dirname(fileURLToPath(import.meta.url));
// Overridable so two checkouts can run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2530);

/** Debian's Chromium where there is one (no downloads here), else Playwright's own. */
function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fromEnv;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: ".tmp/playwright-output",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous: CI shares two cores, and an axe scan of a long page takes seconds.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `npm run test:pg` keeps its own report beside the one of `npm test`.
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? ".tmp/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    // Recording a trace makes Chromium (the busiest process on a 2-core CI machine)
    // snapshot every step: about a fifth of the suite's time. E2E_TRACE=1 turns it on.
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `rm -rf ${E2E_MAIL_DIR} && npx tsx scripts/smtp-sink.ts --port ${SMTP_PORT} --dir ${E2E_MAIL_DIR}`,
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `${BASE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        DATABASE_URL: E2E_DATABASE_URL,
        DATA_DIR: path.join(root, ".tmp", "e2e-data"),
        // The outbox sender runs, so journeys receive their mail over real SMTP.
        RUN_JOBS: "1",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        APP_URL: BASE_URL,
      },
    },
  ],
});
