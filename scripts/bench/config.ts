// Settings and small helpers shared by the benchmark modules (scripts/bench.ts).
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";

export function positiveInt(value: string | undefined, fallback: number) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export const SECONDS = positiveInt(process.env.BENCH_SECONDS, 3);
export const WARMUP_SECONDS = Math.min(3, Math.max(1, Math.round(SECONDS / 3)));
export const APP_PORT = positiveInt(process.env.BENCH_PORT, 3300);
export const BASELINE_PORT = positiveInt(process.env.BENCH_BASELINE_PORT, 3301);
export const SECOND_APP_PORT = positiveInt(process.env.BENCH_SECOND_PORT, 3302);
export const TMP = path.resolve(".tmp");
export const DB_FILE = path.join(TMP, "bench.db");
export const DATA_DIR = path.join(TMP, "bench-data");
export const SEED = path.join("prisma", "seed.ts");
/** The database the bench (re)creates on the PostgreSQL server. */
export const PG_DATABASE = "kf_bench";

export function logFile(label: string) {
  return path.join(TMP, `bench-${label}.log`);
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

/** Runs a command with its output kept back unless it fails. */
export function execQuiet(command: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    execFileSync(command, args, { env, stdio: "pipe" });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${command} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}\n`);
    throw error;
  }
}

/** Like execQuiet, but returns stdout; asynchronous so that SIGINT is handled meanwhile. */
export function execOutput(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
