// Load generation with autocannon: one URL, or several URLs at the same time.
import autocannon, { type Result } from "autocannon";
import { CONNECTIONS, SECONDS, WARMUP_SECONDS } from "./config";

function run(url: string, duration: number, connections: number): Promise<Result> {
  return autocannon({ url, connections, duration });
}

/** A warm-up run, then the measured run; `beforeMeasuring` runs between them. */
export async function measure(url: string, beforeMeasuring?: () => void): Promise<Result> {
  await run(url, WARMUP_SECONDS, CONNECTIONS);
  beforeMeasuring?.();
  return run(url, SECONDS, CONNECTIONS);
}

/** Loads every URL at once (warm-up, then the measured runs); one result per URL. */
export async function measureTogether(urls: string[], connectionsEach: number): Promise<Result[]> {
  await Promise.all(urls.map((url) => run(url, WARMUP_SECONDS, connectionsEach)));
  return Promise.all(urls.map((url) => run(url, SECONDS, connectionsEach)));
}
