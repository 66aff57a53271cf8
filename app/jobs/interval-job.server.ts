/**
 * Runs `task` on an interval in the server process, never two at a time, and
 * logs failures instead of crashing. The returned stop function waits for a
 * run in flight, so graceful shutdown loses no result.
 */
export function startIntervalJob(name: string, task: () => Promise<unknown>, { intervalMs, firstAfterMs }: { intervalMs: number; firstAfterMs: number }) {
  let inFlight: Promise<unknown> | null = null;
  const run = () => {
    if (inFlight) return;
    inFlight = task()
      .catch((error: unknown) => {
        process.stdout.write(
          JSON.stringify({ level: "error", time: new Date().toISOString(), msg: `${name} misslyckades`, error: String(error).slice(0, 300) }) + "\n",
        );
      })
      .finally(() => {
        inFlight = null;
      });
  };
  const first = setTimeout(run, firstAfterMs);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await inFlight;
  };
}
