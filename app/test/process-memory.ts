// The resident memory of a server process (Linux /proc), for tests that check
// a burst of hostile requests does not fill the server's memory.
import fs from "node:fs";

const kib = (pid: number, field: "VmRSS" | "VmHWM") => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`${field} saknas för process ${pid}`);
  return Number(match[1]) * 1024;
};

export const canMeasureMemory = () => process.platform === "linux" && fs.existsSync("/proc/self/clear_refs");

/**
 * Starts a measurement: resets the process's peak (clear_refs "5") and returns a
 * function that gives how far the peak has risen above the resident memory at
 * the start, in MB.
 */
export function measurePeakRise(pid: number): () => number {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  const start = kib(pid, "VmRSS");
  return () => (kib(pid, "VmHWM") - start) / (1024 * 1024);
}

/**
 * Resolves when the process's resident memory has grown by less than 1 MB over
 * one second (the server has stopped taking in data), or after `maxMs`.
 */
export async function memorySettled(pid: number, maxMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = kib(pid, "VmRSS");
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = kib(pid, "VmRSS");
    if (now - last < 1024 * 1024) return;
    last = now;
  }
}
