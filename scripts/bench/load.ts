// Load generation with autocannon, and the two measurements that are not a plain
// page: search latency (p95, which autocannon does not report) and the
// registration burst.
import autocannon, { type Result } from "autocannon";
import { SECONDS, WARMUP_SECONDS } from "./config";

/** anonymous from the cache, anonymous past it (a new URL each request), a signed-in member. */
export type Mode = "hit" | "miss" | "member";
export const MODES: Mode[] = ["hit", "miss", "member"];
export const LEVELS = [1, 10, 50] as const;

type RunOptions = { mode?: Mode; cookie?: string; duration?: number };

let unique = 0;
export function run(url: string, connections: number, { mode = "hit", cookie, duration = SECONDS }: RunOptions = {}): Promise<Result> {
  const target = new URL(url);
  const path = target.pathname + target.search;
  const sep = target.search ? "&" : "?";
  return autocannon({
    url: target.origin,
    connections,
    duration,
    headers: { "accept-encoding": "gzip, br", ...(mode === "member" && cookie ? { cookie } : {}) },
    requests: [
      {
        method: "GET",
        path,
        // A query parameter the app ignores makes every request a different page for the cache.
        ...(mode === "miss" ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `${path}${sep}_bench=${++unique}` }) } : {}),
      },
    ],
  });
}

/** A short warm-up (also fills the cache), then one measured run per connection level. */
export async function measureLevels(url: string, options: RunOptions, levels: readonly number[] = LEVELS): Promise<Result[]> {
  await run(url, 10, { ...options, duration: WARMUP_SECONDS });
  const results: Result[] = [];
  for (const connections of levels) results.push(await run(url, connections, options));
  return results;
}

/**
 * `connections` clients asking `url` in a loop for `seconds`, each time with a
 * query parameter the app ignores (so the page cache never answers); latency
 * percentiles in ms.
 */
export async function latencyPercentiles(url: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(`${url}&_bench=${++unique}`, { headers: { "accept-encoding": "gzip" } });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests: latencies.length, failures, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
