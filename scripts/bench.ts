// A measurement, not a test: how fast the production server answers its main pages
// compared with a bare node:http server sending the same bytes, how much JavaScript
// each page makes the browser download, and how much memory the server needs.
//
//   npm run bench                  (10 s per run)
//   BENCH_SECONDS=3 npm run bench  (quick look)
//
// Uses ports 3300 (app) and 3301 (baseline) and a fresh database in .tmp/bench.db.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon, { type Result } from "autocannon";
import Database from "better-sqlite3";
import { triggerSqlByTable } from "./search-sql";

const SECONDS = positiveInt(process.env.BENCH_SECONDS, 10);
const WARMUP_SECONDS = Math.min(3, Math.max(1, Math.round(SECONDS / 3)));
const CONNECTIONS = 10;
const APP_PORT = positiveInt(process.env.BENCH_PORT, 3300);
const BASELINE_PORT = positiveInt(process.env.BENCH_BASELINE_PORT, 3301);
const TMP = path.resolve(".tmp");
const DB_FILE = path.join(TMP, "bench.db");
const DATA_DIR = path.join(TMP, "bench-data");
const SERVER_LOG = path.join(TMP, "bench-server.log");
const SEED = path.join("prisma", "seed.ts");
const EVENT_PATH = "/forum/kommunforum-analytics-2021-05-06";
const BIG_THREAD_ANSWERS = 10_000;
const BIG_THREAD_PATH = "/diskussioner/bench-stor-trad/en-trad-med-tiotusen-svar";

interface Page {
  name: string;
  path: string;
  body: Buffer;
  contentType: string;
  jsFiles: number;
  jsGzipBytes: number;
}
interface Row {
  page: string;
  server: "app" | "baseline";
  result: Result;
  peakRssBytes: number | null;
}

const children = new Set<ChildProcess>();

async function main() {
  fs.mkdirSync(TMP, { recursive: true });
  await assertPortFree(APP_PORT);
  await assertPortFree(BASELINE_PORT);
  ensureBuild();
  const seeded = freshDatabase();

  const dbEnv = { DATABASE_URL: `file:${DB_FILE}`, DATA_DIR };
  const app = await startProcess("app", process.execPath, ["server.js"], APP_PORT, {
    ...dbEnv,
    NODE_ENV: "production",
    RUN_JOBS: "0",
    PORT: String(APP_PORT),
    HOST: "127.0.0.1",
    APP_URL: `http://localhost:${APP_PORT}`,
  });
  const rss = new RssSampler(app.pid!);
  const appUrl = `http://127.0.0.1:${APP_PORT}`;

  const pages: Page[] = [await loadPage(appUrl, "home", "/")];
  const skipped: string[] = [];
  if (!seeded) {
    skipped.push("event page: skipped (no seed)");
  } else {
    const status = (await fetch(appUrl + EVENT_PATH)).status;
    if (status === 200) pages.push(await loadPage(appUrl, "event", EVENT_PATH));
    else skipped.push(`event page: skipped (${EVENT_PATH} answered HTTP ${status})`);
    pages.push(await loadPage(appUrl, "thread 10k answers", BIG_THREAD_PATH));
    pages.push(await loadPage(appUrl, "thread 10k, page 400", `${BIG_THREAD_PATH}?svar=datum&sida=400`));
  }

  const rows: Row[] = [];
  for (const page of pages) {
    await run(appUrl + page.path, WARMUP_SECONDS);
    rss.resetPeak();
    const result = await run(appUrl + page.path, SECONDS);
    rows.push({ page: page.name, server: "app", result, peakRssBytes: rss.peak });
    log(`app      ${page.name}: ${Math.round(result.requests.average)} req/s`);
  }
  const overallPeak = rss.overallPeak;
  rss.stop();
  await stopProcess(app);

  // The baseline runs in its own process, like the app, so it does not share an
  // event loop with autocannon.
  const baselineFile = path.join(TMP, "bench-baseline.json");
  fs.writeFileSync(
    baselineFile,
    JSON.stringify(Object.fromEntries(pages.map((p) => [p.path, { contentType: p.contentType, body: p.body.toString("base64") }]))),
  );
  const baseline = await startProcess("baseline", process.execPath, ["--input-type=module", "-e", BASELINE_SERVER], BASELINE_PORT, {
    BASELINE_FILE: baselineFile,
    BASELINE_PORT: String(BASELINE_PORT),
  });
  const baselineUrl = `http://127.0.0.1:${BASELINE_PORT}`;
  for (const page of pages) {
    await run(baselineUrl + page.path, WARMUP_SECONDS);
    const result = await run(baselineUrl + page.path, SECONDS);
    rows.push({ page: page.name, server: "baseline", result, peakRssBytes: null });
    log(`baseline ${page.name}: ${Math.round(result.requests.average)} req/s`);
  }
  await stopProcess(baseline);

  report(pages, rows, skipped, overallPeak);
}

function ensureBuild() {
  if (fs.existsSync(path.join("build", "index.js"))) return;
  log("build/index.js is missing: running npm run build");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}

/** Migrates a new database and seeds it when prisma/seed.ts exists. Returns whether it was seeded. */
function freshDatabase(): boolean {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(DB_FILE + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${DB_FILE}`, DATA_DIR };
  log("migrating .tmp/bench.db");
  execQuiet("npx", ["prisma", "migrate", "deploy"], env);
  if (!fs.existsSync(SEED)) return false;
  log("seeding .tmp/bench.db");
  execQuiet("npx", ["tsx", SEED], env);
  addBigThread();
  return true;
}

/**
 * A discussion thread with 10,000 answers (and a comment on every tenth), written
 * straight to the database. The search trigger is set aside during the bulk insert
 * and the thread's search document is built once afterwards.
 */
function addBigThread() {
  log(`adding a thread with ${BIG_THREAD_ANSWERS} answers`);
  const db = new Database(DB_FILE);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const [, , id, slug] = BIG_THREAD_PATH.split("/");
  db.transaction(() => {
    const author = db.prepare(`SELECT id FROM "User" ORDER BY createdAt LIMIT 1`).get() as { id: string } | undefined;
    const category = db.prepare(`SELECT id FROM "DiscussionCategory" ORDER BY position LIMIT 1`).get() as { id: string };
    db.prepare(
      `INSERT INTO "Thread" (id, categoryId, authorId, title, slug, answerCount, lastActivityAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, category.id, author?.id ?? null, "En tråd med tiotusen svar", slug, BIG_THREAD_ANSWERS, now, now, now);
    for (const name of ["Post_search_insert", "Post_search_update", "Post_search_delete"]) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare(`INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, createdAt) VALUES (?, ?, ?, 'question', ?, ?)`).run(
      `${id}-q`, id, author?.id ?? null, "Hur håller sidan farten med **många** svar?", now,
    );
    db.prepare(
      `INSERT INTO "Post" (id, threadId, authorId, kind, bodyMd, voteCount, createdAt)
       WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
       SELECT ? || '-a' || i, ?, ?, 'answer', 'Svar nummer ' || i || ' med lite *Markdown* och en [länk](https://example.org).', i % 17, ? FROM seq`,
    ).run(BIG_THREAD_ANSWERS, id, id, author?.id ?? null, now);
    db.prepare(
      `INSERT INTO "Post" (id, threadId, authorId, parentId, kind, bodyMd, createdAt)
       SELECT id || '-c', threadId, authorId, id, 'comment', 'En kort kommentar.', ? FROM "Post" WHERE threadId = ? AND kind = 'answer' AND CAST(substr(id, length(?) + 3) AS INTEGER) % 10 = 0`,
    ).run(now, id, id);
    for (const statement of triggerSqlByTable().get("Post")!.split(/\n\n(?=CREATE TRIGGER)/)) db.exec(statement);
    db.prepare(`UPDATE "Thread" SET acceptedPostId = ? WHERE id = ?`).run(`${id}-a42`, id);
    db.prepare(`UPDATE "Thread" SET title = title WHERE id = ?`).run(id);
  })();
  db.close();
}

function execQuiet(command: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    execFileSync(command, args, { env, stdio: "pipe" });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${command} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}\n`);
    throw error;
  }
}

/** Fetches a page once, keeping its exact bytes, and totals the JavaScript it loads. */
async function loadPage(base: string, name: string, pagePath: string): Promise<Page> {
  const response = await fetch(base + pagePath, { headers: { "accept-encoding": "identity" } });
  if (response.status !== 200) throw new Error(`${pagePath} answered HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const scripts = scriptUrls(body.toString("utf8"));
  let jsGzipBytes = 0;
  for (const src of scripts) {
    const js = await fetch(base + src);
    if (js.status !== 200) throw new Error(`${src} answered HTTP ${js.status}`);
    jsGzipBytes += zlib.gzipSync(Buffer.from(await js.arrayBuffer())).length;
  }
  return {
    name,
    path: pagePath,
    body,
    contentType: response.headers.get("content-type") ?? "text/html; charset=utf-8",
    jsFiles: scripts.size,
    jsGzipBytes,
  };
}

/** `<script src>` and `<link rel="modulepreload">` under /build, in any attribute order. */
function scriptUrls(html: string): Set<string> {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}=["']([^"']*)["']`, "i").exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith("<script") ? attr("src") : attr("rel") === "modulepreload" ? attr("href") : undefined;
    if (url?.startsWith("/build/")) urls.add(url);
  }
  return urls;
}

function run(url: string, duration: number): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration });
}

/** Peak resident memory of a process, sampled every 100 ms from /proc (Linux only). */
class RssSampler {
  peak: number | null = null;
  overallPeak: number | null = null;
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }
  resetPeak() {
    this.peak = null;
    this.sample();
  }
  stop() {
    clearInterval(this.timer);
  }
  private sample() {
    let status: string;
    try {
      status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    } catch {
      return;
    }
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (!kib) return;
    const bytes = Number(kib) * 1024;
    this.peak = Math.max(this.peak ?? 0, bytes);
    this.overallPeak = Math.max(this.overallPeak ?? 0, bytes);
  }
}

const BASELINE_SERVER = `
import fs from "node:fs";
import http from "node:http";
const pages = JSON.parse(fs.readFileSync(process.env.BASELINE_FILE, "utf8"));
for (const page of Object.values(pages)) page.body = Buffer.from(page.body, "base64");
http.createServer((req, res) => {
  const page = pages[req.url];
  if (!page) { res.writeHead(404).end(); return; }
  res.writeHead(200, { "content-type": page.contentType, "content-length": page.body.length });
  res.end(page.body);
}).listen(Number(process.env.BASELINE_PORT), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
`;

async function startProcess(label: string, command: string, args: string[], port: number, env: Record<string, string>) {
  const logFd = fs.openSync(SERVER_LOG, label === "app" ? "w" : "a");
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", logFd, logFd] });
  fs.closeSync(logFd);
  children.add(child);
  child.on("exit", () => children.delete(child));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await portAnswers(port)) return child;
    await sleep(200);
  }
  const tail = fs.readFileSync(SERVER_LOG, "utf8").split("\n").slice(-15).join("\n");
  throw new Error(`The ${label} server did not start on port ${port}. Log (${SERVER_LOG}):\n${tail}`);
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill("SIGKILL");
    await exited;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function assertPortFree(port: number) {
  if (await portAnswers(port)) throw new Error(`Port ${port} is already in use; stop whatever listens there first.`);
}

function report(pages: Page[], rows: Row[], skipped: string[], overallPeak: number | null) {
  const baselineRps = new Map(rows.filter((r) => r.server === "baseline").map((r) => [r.page, r.result.requests.average]));
  const table = [
    ["Page", "Server", "Req/s", "p50 ms", "p99 ms", "App/baseline"],
    ...rows.map((r) => {
      const base = baselineRps.get(r.page);
      return [
        r.page,
        r.server,
        fmt(r.result.requests.average, 0),
        ms(r.result.latency.p50),
        ms(r.result.latency.p99),
        r.server === "app" && base ? `${fmt(r.result.requests.average / base, 2)}` : "",
      ];
    }),
  ];
  const pageTable = [
    ["Page", "HTML bytes", "JS files", "JS gzipped", "Peak RSS (app)"],
    ...pages.map((p) => {
      const peak = rows.find((r) => r.page === p.name && r.server === "app")?.peakRssBytes ?? null;
      return [p.name + ` (${p.path})`, fmt(p.body.length, 0), String(p.jsFiles), `${fmt(p.jsGzipBytes / 1024, 1)} KiB`, mib(peak)];
    }),
  ];

  console.log("");
  console.log(
    `Benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, ${os.loadavg()[0]!.toFixed(2)} load.`,
  );
  console.log("App = node server.js (NODE_ENV=production, RUN_JOBS=0); baseline = node:http sending the same bytes.");
  console.log("");
  printTable(table, 2);
  console.log("");
  printTable(pageTable, 1);
  for (const line of skipped) console.log(line);
  const problems = rows.filter((r) => r.result.errors || r.result.timeouts || r.result.non2xx);
  for (const r of problems) {
    console.log(`warning: ${r.server} ${r.page}: ${r.result.errors} errors, ${r.result.timeouts} timeouts, ${r.result.non2xx} non-2xx`);
  }
  console.log(`Peak RSS of the app server over the whole run: ${mib(overallPeak)}. Server log: ${path.relative(".", SERVER_LOG)}`);
}

/** Left-aligns the first `textColumns` columns, right-aligns the numbers. */
function printTable(rows: string[][], textColumns: number) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(line(r));
}

function fmt(n: number, digits: number) {
  return n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** autocannon records latency in whole milliseconds. */
function ms(value: number) {
  return value < 1 ? "<1" : fmt(value, 0);
}

function mib(bytes: number | null) {
  return bytes === null ? "n/a" : `${fmt(bytes / 1024 / 1024, 1)} MiB`;
}

function positiveInt(value: string | undefined, fallback: number) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

async function cleanUp() {
  await Promise.all([...children].map((child) => stopProcess(child)));
}

process.on("SIGINT", () => {
  void cleanUp().then(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
