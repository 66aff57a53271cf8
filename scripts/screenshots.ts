/**
 * The README's screenshots, taken by hand (not in CI): `npx tsx scripts/screenshots.ts`.
 *
 * Builds if there is no build, makes a fresh migrated and seeded SQLite database in
 * .tmp/screenshots/, serves the production build on SCREENSHOT_PORT (3400) and
 * photographs the first screen of a few pages with Debian's Chromium (CHROMIUM_PATH,
 * else /usr/bin/chromium, else Playwright's own): desktop at 1280×800, phone at
 * 375×812, at a device pixel ratio of 1 so the PNGs stay small.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = path.join(root, ".tmp", "screenshots");
const port = Number(process.env.SCREENSHOT_PORT ?? 3400);
const base = `http://localhost:${port}`;

const SHOTS = [
  { file: "docs/screenshot.png", url: "/", viewport: { width: 1280, height: 800 } },
  { file: "docs/screenshot-phone.png", url: "/forum/kommunforum-analytics-nasta", viewport: { width: 375, height: 812 } },
];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  execFileSync(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}

async function waitForHealth(deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer on ${base}/healthz (log: ${path.join(dir, "server.log")})`);
}

function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fromEnv;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

async function main() {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) run("npx", ["remix", "build"]);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`, DATA_DIR: dir };
  run("npx", ["prisma", "migrate", "deploy"], env);
  run("npx", ["tsx", "prisma/seed.ts"], { ...env, NODE_ENV: "development" });

  const log = fs.openSync(path.join(dir, "server.log"), "w");
  const server = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, RUN_JOBS: "0" },
    stdio: ["ignore", log, log],
  });
  try {
    await waitForHealth();
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: 1, locale: "sv-SE", timezoneId: "Europe/Stockholm" });
      await page.goto(base + shot.url, { waitUntil: "networkidle" });
      await page.screenshot({ path: path.join(root, shot.file), animations: "disabled", caret: "hide" });
      await page.close();
      console.log(`${shot.file}: ${shot.viewport.width}×${shot.viewport.height}, ${Math.round(fs.statSync(path.join(root, shot.file)).size / 1024)} kB`);
    }
    await browser.close();
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
