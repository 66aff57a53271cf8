import { runDailyRetention } from "~/models/retention.server";

/** Background job: checks every hour and runs the retention once a day. */
export function startRetentionJob(intervalMs = 60 * 60_000): () => Promise<void> {
  let inFlight: Promise<unknown> | null = null;
  const run = () => {
    if (inFlight) return;
    inFlight = runDailyRetention()
      .catch((error: unknown) => {
        process.stdout.write(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "Gallringen misslyckades", error: String(error).slice(0, 300) }) + "\n");
      })
      .finally(() => {
        inFlight = null;
      });
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await inFlight;
  };
}
