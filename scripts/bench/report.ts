// The printed result: one table of throughput and latency per page, database,
// visitor and connection level beside the static baseline; one of page weight;
// then search, the registration burst and the server's memory.
import os from "node:os";
import type { Result } from "autocannon";
import type { BurstResult } from "./burst";
import { SECONDS, WARMUP_SECONDS } from "./config";
import type { Mode } from "./load";
import type { Page } from "./pages";

export type DatabaseLabel = "sqlite" | "postgres";

export interface Row {
  page: string;
  database: DatabaseLabel;
  mode: Mode;
  connections: number;
  result: Result;
}

export interface BaselineRow {
  page: string;
  connections: number;
  result: Result;
}

export type SearchResult = { requests: number; failures: number; p50: number; p95: number; p99: number };

export interface ReportInput {
  pages: Page[];
  rows: Row[];
  baseline: BaselineRow[];
  /** Lines printed above the tables: what ran where. */
  notes: string[];
  /** Lines printed below the tables: what was left out or went wrong. */
  problems: string[];
  /** Peak RSS of each app server over its whole run. */
  overallPeaks: Array<[string, number | null]>;
  searches: Array<[DatabaseLabel, SearchResult]>;
  bursts: Array<[DatabaseLabel, BurstResult]>;
}

const MODE_LABEL: Record<Mode, string> = { hit: "anonymous, cache hit", miss: "anonymous, cache miss", member: "logged in" };

export function report({ pages, rows, baseline, notes, problems, overallPeaks, searches, bursts }: ReportInput) {
  const base = (page: string, connections: number) => baseline.find((b) => b.page === page && b.connections === connections)?.result.requests.average;
  const table = [
    ["Page", "Database", "Visitor", "Conns", "Req/s", "p50 ms", "p99 ms", "Static req/s", "Ratio"],
    ...rows.map((r) => {
      const b = base(r.page, r.connections);
      return [
        r.page,
        r.database,
        MODE_LABEL[r.mode],
        String(r.connections),
        fmt(r.result.requests.average, 0),
        ms(r.result.latency.p50),
        ms(r.result.latency.p99),
        b ? fmt(b, 0) : "",
        b ? ratio(r.result.requests.average / b) : "",
      ];
    }),
  ];
  const pageTable = [
    ["Page", "HTML bytes", "JS files", "JS gzipped"],
    ...pages.map((p) => [`${p.name} (${p.path})`, fmt(p.body.length, 0), String(p.jsFiles), `${fmt(p.jsGzipBytes / 1024, 1)} KiB`]),
  ];

  console.log("");
  console.log(
    `Benchmark: ${SECONDS} s per run after a ${WARMUP_SECONDS} s warm-up per page and visitor; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} (1/5/15 min) at the end.`,
  );
  console.log(
    "App = node server.js (NODE_ENV=production, RUN_JOBS=0); static = node:http sending the same bytes (plain). " +
      "Cache miss = a query parameter the app ignores, new on every request; logged in = a member's session cookie.",
  );
  for (const line of notes) console.log(line);
  console.log("");
  printTable(table, 3);
  console.log("");
  printTable(pageTable, 1);
  console.log("");
  for (const [database, s] of searches) {
    console.log(
      `Search ${database}: /sok over about 100,000 posts, 10 connections: p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms, p99 ${fmt(s.p99, 1)} ms ` +
        `(${s.requests} requests${s.failures ? `, ${s.failures} not 200` : ""}).`,
    );
  }
  for (const [database, b] of bursts) {
    console.log(
      `Registration burst ${database}: 500 signed-in members at once for 100 seats: ${fmt(b.ms / 1000, 2)} s, ` +
        `${b.confirmed} confirmed, ${b.waitlisted} waitlisted, seatsTaken ${b.seatsTaken}: ${b.exact ? "exact" : "NOT EXACT"}` +
        `${b.failures ? `, ${b.failures} answers not 302` : ""}.`,
    );
  }
  const peaks = overallPeaks.map(([label, bytes]) => `${mib(bytes)} (${label})`).join(", ");
  console.log(`Peak RSS of the app server over its whole run: ${peaks}. Server logs: .tmp/bench-*.log`);
  for (const line of problems) console.log(line);
  for (const r of rows) {
    const { errors, timeouts, non2xx } = r.result;
    if (errors || timeouts || non2xx)
      console.log(`warning: ${r.database} ${r.page} ${r.mode} ×${r.connections}: ${errors} errors, ${timeouts} timeouts, ${non2xx} non-2xx`);
  }
}

/** Left-aligns the first `textColumns` columns, right-aligns the numbers. */
function printTable(rows: string[][], textColumns: number) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
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
