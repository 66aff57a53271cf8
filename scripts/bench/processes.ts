// Child processes of the benchmark (app servers, the baseline server) and what
// must be undone on exit, also after an error or Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { DATA_DIR, logFile, sleep } from "./config";

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void> | void> = [];

/** Registers an undo step; they run last-registered first, after every child process has stopped. */
export function onCleanup(step: () => Promise<void> | void) {
  cleanups.push(step);
}

let cleaning: Promise<void> | null = null;
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((child) => stopProcess(child)));
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`bench: cleanup step failed: ${error instanceof Error ? error.message : error}\n`);
      }
    }
  })();
  return cleaning;
}

/**
 * Starts the production server (node server.js) on a database: this checkout's,
 * or the one in BENCH_APP_DIR (another checkout with its own build, e.g. the
 * code before a change, to measure before and after on the same data).
 */
export function startApp(label: string, port: number, databaseUrl: string) {
  const cwd = process.env.BENCH_APP_DIR ? path.resolve(process.env.BENCH_APP_DIR) : process.cwd();
  return startProcess(label, process.execPath, [path.join(cwd, "server.js")], port, {
    TRUST_PROXY: "1",
    DATABASE_URL: databaseUrl,
    DATA_DIR,
    NODE_ENV: "production",
    RUN_JOBS: "0",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: `http://localhost:${port}`,
  });
}

export async function startProcess(label: string, command: string, args: string[], port: number, env: Record<string, string>) {
  const file = logFile(label);
  const logFd = fs.openSync(file, "w");
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
  const tail = fs.readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  throw new Error(`The ${label} server did not start on port ${port}. Log (${file}):\n${tail}`);
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}

export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function assertPortFree(port: number) {
  if (await portAnswers(port)) throw new Error(`Port ${port} is already in use; stop whatever listens there first.`);
}

/** A port nothing listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

/** Peak resident memory of a process, sampled every 100 ms from /proc (Linux only). */
export class RssSampler {
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
