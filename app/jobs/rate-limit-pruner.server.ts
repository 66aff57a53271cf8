import { LONGEST_WINDOW_SECONDS, pruneRateLimits } from "~/models/rate-limit.server";

/** Background job: drops finished windows once an hour. Returns its stop function. */
export function startRateLimitPruner(intervalMs = 60 * 60_000): () => Promise<void> {
  let inFlight: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = pruneRateLimits({ olderThanSeconds: LONGEST_WINDOW_SECONDS })
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
