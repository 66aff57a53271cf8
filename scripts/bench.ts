// A measurement, not a test (issue 18): how fast the production server answers its
// main pages, for an anonymous visitor from the page cache and past it and for a
// signed-in member, at 1, 10 and 50 connections, beside a bare node:http server
// sending the same bytes; search over about 100,000 posts; 500 members claiming
// 100 seats at once; the server's peak memory. On SQLite, then on PostgreSQL.
//
//   npm run bench                  (3 s per run, about 8 minutes in all)
//   BENCH_SECONDS=10 npm run bench (steadier figures, longer)
//   BENCH_PG=0 npm run bench       (SQLite only)
//   BENCH_APP_DIR=../old npm run bench
//                                  (the server of another checkout with its own build,
//                                   e.g. the code before a change, on the same data)
//   BENCH_PG_URL=postgresql://user@host:5432/postgres npm run bench
//                                  (use that PostgreSQL server instead of a throwaway one;
//                                   the bench creates and finally drops database kf_bench there)
//
// Uses ports 3300 (app) and 3301 (baseline), a fresh SQLite database in
// .tmp/bench.db and, when PostgreSQL is installed, a throwaway server from
// scripts/pg-server.sh on a free port. Modules live in scripts/bench/.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createUser } from "../app/test/http-users";
import { startBaseline } from "./bench/baseline";
import { registrationBurst } from "./bench/burst";
import { APP_PORT, BASELINE_PORT, SECONDS, TMP, log } from "./bench/config";
import { LEVELS, MODES, latencyPercentiles, measureLevels, run, type Mode } from "./bench/load";
import { assertPagesAnswer, discoverPages, type Page } from "./bench/pages";
import { preparePostgres } from "./bench/postgres-db";
import { RssSampler, assertPortFree, cleanUp, startApp, stopProcess } from "./bench/processes";
import { report, type DatabaseLabel, type ReportInput } from "./bench/report";
import { SEARCH, addSearchCorpusPostgres, addSearchCorpusSqlite } from "./bench/search-corpus";
import { SQLITE_URL, freshSqliteDatabase } from "./bench/sqlite-db";

const appUrl = (port: number) => `http://127.0.0.1:${port}`;

async function main() {
  fs.mkdirSync(TMP, { recursive: true });
  for (const port of [APP_PORT, BASELINE_PORT]) await assertPortFree(port);
  ensureBuild();
  const input: ReportInput = { pages: [], rows: [], baseline: [], notes: [], problems: [], overallPeaks: [], searches: [], bursts: [] };
  if (process.env.BENCH_APP_DIR) input.notes.push(`App from ${path.resolve(process.env.BENCH_APP_DIR)}.`);

  const seeded = freshSqliteDatabase();
  if (seeded) addSearchCorpusSqlite();
  const sqliteApp = await startApp("sqlite", APP_PORT, SQLITE_URL);
  const { pages, skipped } = await discoverPages(appUrl(APP_PORT), seeded);
  input.pages = pages;
  input.problems.push(...skipped);
  await measureApp(sqliteApp, "sqlite", SQLITE_URL, pages, input, { modes: MODES, levels: LEVELS });

  if (process.env.BENCH_PG !== "0") {
    try {
      await postgresRuns(pages, input);
    } catch (error) {
      // Keep the figures measured so far, but fail the run.
      input.problems.push(`PostgreSQL runs failed: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    }
  }

  const baseline = await startBaseline(pages);
  for (const page of pages) {
    for (const connections of LEVELS) {
      const result = await run(appUrl(BASELINE_PORT) + page.path, connections);
      input.baseline.push({ page: page.name, connections, result });
    }
    log(
      `baseline    ${page.name}: ${input.baseline
        .slice(-LEVELS.length)
        .map((b) => Math.round(b.result.requests.average))
        .join(" / ")} req/s`,
    );
  }
  await stopProcess(baseline);

  report(input);
}

/** Every page, visitor and level on one app server, then search and the burst. */
async function measureApp(
  app: ChildProcess,
  database: DatabaseLabel,
  databaseUrl: string,
  pages: Page[],
  input: ReportInput,
  { modes, levels }: { modes: Mode[]; levels: readonly number[] },
) {
  const rss = new RssSampler(app.pid!);
  const { cookie } = await createUser(databaseUrl, {});
  for (const page of pages) {
    for (const mode of modes) {
      const results = await measureLevels(appUrl(APP_PORT) + page.path, { mode, cookie }, levels);
      results.forEach((result, i) => input.rows.push({ page: page.name, database, mode, connections: levels[i]!, result }));
      log(`${database.padEnd(8)} ${page.name} ${mode}: ${results.map((r) => Math.round(r.requests.average)).join(" / ")} req/s`);
    }
  }
  if (pages.length > 1) {
    const search = await latencyPercentiles(appUrl(APP_PORT) + SEARCH.path, 10, Math.max(SECONDS, 5));
    input.searches.push([database, search]);
    log(`${database.padEnd(8)} search: p95 ${search.p95.toFixed(1)} ms`);
    const burst = await registrationBurst(appUrl(APP_PORT), databaseUrl);
    input.bursts.push([database, burst]);
    log(`${database.padEnd(8)} burst: ${Math.round(burst.ms)} ms, ${burst.exact ? "exact" : "NOT EXACT"}`);
  }
  rss.stop();
  input.overallPeaks.push([database, rss.overallPeak]);
  await stopProcess(app);
}

/** The same on PostgreSQL, at 10 connections only (to keep the run short). */
async function postgresRuns(pages: Page[], input: ReportInput) {
  const setup = await preparePostgres();
  if ("skipped" in setup) {
    log(setup.skipped);
    input.notes.push(setup.skipped);
    return;
  }
  input.notes.push(`PostgreSQL: ${setup.server}, database ${new URL(setup.url).pathname.slice(1)}; measured at 10 connections.`);
  await addSearchCorpusPostgres(setup.url);
  const app = await startApp("postgres", APP_PORT, setup.url);
  await assertPagesAnswer(appUrl(APP_PORT), pages);
  await measureApp(app, "postgres", setup.url, pages, input, { modes: MODES, levels: [10] });
}

function ensureBuild() {
  const dir = process.env.BENCH_APP_DIR ?? ".";
  if (fs.existsSync(path.join(dir, "build", "index.js"))) return;
  log(`${dir}/build/index.js is missing: running npm run build`);
  execFileSync("npm", ["run", "build"], { stdio: "inherit", cwd: dir });
}

let stopping = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
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
