import { runDailyRetention } from "~/models/retention.server";
import { startIntervalJob } from "./interval-job.server";

/** Background job: checks every hour and runs the retention once a day. */
export function startRetentionJob(intervalMs = 60 * 60_000): () => Promise<void> {
  return startIntervalJob("Gallringen", () => runDailyRetention(), { intervalMs, firstAfterMs: 60_000 });
}
