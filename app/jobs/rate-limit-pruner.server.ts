import { pruneRateLimits } from "~/models/rate-limit.server";
import { ATTEMPT_LIMITS, RATE_LIMITS } from "~/utils/rate-limit.server";

/** Background job: drops finished windows once an hour. Returns its stop function. */
export function startRateLimitPruner(intervalMs = 60 * 60_000): () => Promise<void> {
  const attemptRules = Object.values(ATTEMPT_LIMITS).flatMap((kind) => Object.values(kind).flat());
  const longestWindow = Math.max(...[...Object.values(RATE_LIMITS), ...attemptRules].map((r) => r.windowSeconds));
  let inFlight: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = pruneRateLimits({ olderThanSeconds: longestWindow })
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
