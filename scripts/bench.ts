// A measurement, not a test: how fast the production server answers its main pages
// on SQLite, on PostgreSQL, and as two instances sharing one PostgreSQL database,
// compared with a bare node:http server sending the same bytes; how much
// JavaScript each page makes the browser download; how much memory the server needs.
//
//   npm run bench                  (10 s per run)
//   BENCH_SECONDS=3 npm run bench  (quick look)
//   BENCH_PG_URL=postgresql://user@host:5432/postgres npm run bench
//                                  (use that PostgreSQL server instead of a throwaway one;
//                                   the bench creates and finally drops database kf_bench there)
//
// Uses ports 3300 (app), 3301 (baseline) and 3302 (second app instance), a fresh
// SQLite database in .tmp/bench.db and, when PostgreSQL is installed, a throwaway
// server from scripts/pg-server.sh on a free port. Modules live in scripts/bench/.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBaseline } from "./bench/baseline";
import { APP_PORT, BASELINE_PORT, CONNECTIONS, SECOND_APP_PORT, TMP, log } from "./bench/config";
import { measure, measureTogether } from "./bench/load";
import { assertPagesAnswer, discoverPages, type Page } from "./bench/pages";
import { preparePostgres } from "./bench/postgres-db";
import { RssSampler, assertPortFree, cleanUp, startApp, stopProcess } from "./bench/processes";
import { report, type DatabaseLabel, type ReportInput, type Row } from "./bench/report";
import { SQLITE_URL, freshSqliteDatabase } from "./bench/sqlite-db";

const appUrl = (port: number) => `http://127.0.0.1:${port}`;

async function main() {
  fs.mkdirSync(TMP, { recursive: true });
  for (const port of [APP_PORT, BASELINE_PORT, SECOND_APP_PORT]) await assertPortFree(port);
  ensureBuild();
  const input: ReportInput = { pages: [], rows: [], notes: [], problems: [], overallPeaks: [] };

  const seeded = freshSqliteDatabase();
  const sqliteApp = await startApp("sqlite", APP_PORT, SQLITE_URL);
  const { pages, skipped } = await discoverPages(appUrl(APP_PORT), seeded);
  input.pages = pages;
  input.problems.push(...skipped);
  input.overallPeaks.push(["sqlite", await measureApp(sqliteApp, "sqlite", pages, input.rows)]);
  await stopProcess(sqliteApp);

  try {
    await postgresRuns(pages, input);
  } catch (error) {
    // Keep the figures measured so far, but fail the run.
    input.problems.push(`PostgreSQL runs failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }

  const baseline = await startBaseline(pages);
  for (const page of pages) {
    const result = await measure(appUrl(BASELINE_PORT) + page.path);
    input.rows.push({ page: page.name, database: "baseline", results: [result], peakRssBytes: null });
    log(`baseline    ${page.name}: ${Math.round(result.requests.average)} req/s`);
  }
  await stopProcess(baseline);

  report(input);
}

/** Every page on one app server; returns its peak RSS over all of them. */
async function measureApp(app: ChildProcess, database: DatabaseLabel, pages: Page[], rows: Row[]) {
  const rss = new RssSampler(app.pid!);
  for (const page of pages) {
    const result = await measure(appUrl(APP_PORT) + page.path, () => rss.resetPeak());
    rows.push({ page: page.name, database, results: [result], peakRssBytes: rss.peak });
    log(`${database.padEnd(11)} ${page.name}: ${Math.round(result.requests.average)} req/s`);
  }
  rss.stop();
  return rss.overallPeak;
}

/** One app on PostgreSQL, then two apps on the same database loaded at the same time. */
async function postgresRuns(pages: Page[], input: ReportInput) {
  const setup = await preparePostgres();
  if ("skipped" in setup) {
    log(setup.skipped);
    input.notes.push(setup.skipped);
    return;
  }
  input.notes.push(`PostgreSQL: ${setup.server}, database ${new URL(setup.url).pathname.slice(1)}.`);

  const first = await startApp("postgres", APP_PORT, setup.url);
  await assertPagesAnswer(appUrl(APP_PORT), pages);
  input.overallPeaks.push(["postgres", await measureApp(first, "postgres", pages, input.rows)]);

  const second = await startApp("postgres-2", SECOND_APP_PORT, setup.url);
  await assertPagesAnswer(appUrl(SECOND_APP_PORT), pages);
  const each = CONNECTIONS / 2;
  for (const page of pages) {
    const results = await measureTogether([appUrl(APP_PORT) + page.path, appUrl(SECOND_APP_PORT) + page.path], each);
    input.rows.push({ page: page.name, database: "postgres ×2", results, peakRssBytes: null });
    log(`postgres ×2 ${page.name}: ${results.map((r) => Math.round(r.requests.average)).join(" + ")} req/s`);
  }
  await Promise.all([stopProcess(first), stopProcess(second)]);
  input.notes.push(
    `postgres ×2 = two app processes (ports ${APP_PORT} and ${SECOND_APP_PORT}, RUN_JOBS=0) on the same database, ` +
      `loaded at the same time with ${each} connections each (${CONNECTIONS} in all, as in the other runs): ` +
      `Req/s is their sum, p50/p99 are instance A / instance B.`,
    `This machine has ${os.cpus().length} CPU cores, shared by both instances, PostgreSQL and the load generator, ` +
      `so the ×2 figures show that two instances work correctly side by side and what that costs, not how the app scales.`,
  );
}

function ensureBuild() {
  if (fs.existsSync(path.join("build", "index.js"))) return;
  log("build/index.js is missing: running npm run build");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}

let stopping = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    // Ctrl-C reaches this process twice (from the terminal and forwarded by tsx).
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping what the bench started`);
    void cleanUp().then(() => process.exit(code));
  });
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
