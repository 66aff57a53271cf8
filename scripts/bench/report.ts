// The printed result: one table of throughput and latency per page and
// database, one of page weight and server memory.
import os from "node:os";
import type { Result } from "autocannon";
import { CONNECTIONS, SECONDS, WARMUP_SECONDS } from "./config";
import type { Page } from "./pages";

export const DATABASES = ["sqlite", "postgres", "postgres ×2", "baseline"] as const;
export type DatabaseLabel = (typeof DATABASES)[number];

export interface Row {
  page: string;
  database: DatabaseLabel;
  /** One result, or one per instance when several were loaded at once. */
  results: Result[];
  peakRssBytes: number | null;
}

export interface ReportInput {
  pages: Page[];
  rows: Row[];
  /** Lines printed above the tables: what ran where. */
  notes: string[];
  /** Lines printed below the tables: what was left out or went wrong. */
  problems: string[];
  /** Peak RSS of each single app server over its whole run. */
  overallPeaks: Array<[string, number | null]>;
}

const requestsPerSecond = (row: Row) => row.results.reduce((sum, r) => sum + r.requests.average, 0);

export function report({ pages, rows, notes, problems, overallPeaks }: ReportInput) {
  const baselineRps = new Map(rows.filter((r) => r.database === "baseline").map((r) => [r.page, requestsPerSecond(r)]));
  const ordered = pages.flatMap((p) =>
    DATABASES.flatMap((d) => rows.filter((r) => r.page === p.name && r.database === d)),
  );
  const table = [
    ["Page", "Database", "Req/s", "p50 ms", "p99 ms", "App/baseline"],
    ...ordered.map((r) => {
      const base = baselineRps.get(r.page);
      return [
        r.page,
        r.database,
        fmt(requestsPerSecond(r), 0),
        r.results.map((x) => ms(x.latency.p50)).join(" / "),
        r.results.map((x) => ms(x.latency.p99)).join(" / "),
        r.database !== "baseline" && base ? ratio(requestsPerSecond(r) / base) : "",
      ];
    }),
  ];
  const rssDatabases = (["sqlite", "postgres"] as const).filter((d) => rows.some((r) => r.database === d));
  const pageTable = [
    ["Page", "HTML bytes", "JS files", "JS gzipped", ...rssDatabases.map((d) => `Peak RSS (${d})`)],
    ...pages.map((p) => [
      `${p.name} (${p.path})`,
      fmt(p.body.length, 0),
      String(p.jsFiles),
      `${fmt(p.jsGzipBytes / 1024, 1)} KiB`,
      ...rssDatabases.map((d) => mib(rows.find((r) => r.page === p.name && r.database === d)?.peakRssBytes ?? null)),
    ]),
  ];

  console.log("");
  console.log(
    `Benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, ${os.loadavg()[0]!.toFixed(2)} load.`,
  );
  console.log("App = node server.js (NODE_ENV=production, RUN_JOBS=0); baseline = node:http sending the same bytes.");
  for (const line of notes) console.log(line);
  console.log("");
  printTable(table, 2);
  console.log("");
  printTable(pageTable, 1);
  for (const line of problems) console.log(line);
  for (const r of ordered) {
    const errors = sum(r.results, (x) => x.errors);
    const timeouts = sum(r.results, (x) => x.timeouts);
    const non2xx = sum(r.results, (x) => x.non2xx);
    if (errors || timeouts || non2xx) {
      console.log(`warning: ${r.database} ${r.page}: ${errors} errors, ${timeouts} timeouts, ${non2xx} non-2xx`);
    }
  }
  const peaks = overallPeaks.map(([label, bytes]) => `${mib(bytes)} (${label})`).join(", ");
  console.log(`Peak RSS of the app server over its whole run: ${peaks}. Server logs: .tmp/bench-*.log`);
}

function sum(results: Result[], pick: (r: Result) => number) {
  return results.reduce((total, r) => total + pick(r), 0);
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

/** Two decimals, or two significant digits for small ratios (0.0041 rather than 0.00). */
function ratio(value: number) {
  return value >= 0.1 ? fmt(value, 2) : value.toPrecision(2);
}

/** autocannon records latency in whole milliseconds. */
function ms(value: number) {
  return value < 1 ? "<1" : fmt(value, 0);
}

export function mib(bytes: number | null) {
  return bytes === null ? "n/a" : `${fmt(bytes / 1024 / 1024, 1)} MiB`;
}
