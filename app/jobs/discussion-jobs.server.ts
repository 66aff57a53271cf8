import { runFollowerNotifications, runWeeklyDigest } from "~/models/discussion-digest.server";
import { setFollowerWakeHook } from "~/models/discussion-notify.server";
import { startIntervalJob } from "./interval-job.server";

/**
 * Follower mail: every minute, and shortly after each new answer or comment (so the
 * first mail is prompt). Safe with several processes: each follow row is claimed
 * with a conditional update before its mail is queued.
 */
export function startFollowerNotificationJob(intervalMs = 60_000): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  const run = () => {
    inFlight ??= runFollowerNotifications()
      .then(() => undefined)
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  // Called once the post's transaction has committed (afterPostCreated).
  setFollowerWakeHook(() => {
    run().catch((error: unknown) => {
      process.stdout.write(
        JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "Bevakningsmejlen misslyckades", error: String(error).slice(0, 300) }) + "\n",
      );
    });
  });
  const stop = startIntervalJob("Bevakningsmejlen", run, { intervalMs, firstAfterMs: 20_000 });
  return async () => {
    setFollowerWakeHook(null);
    await stop();
    await inFlight;
  };
}

/** The weekly digest: checked every hour, sent once a week (runWeeklyDigest claims the week in JobRun). */
export function startWeeklyDigestJob(intervalMs = 60 * 60_000): () => Promise<void> {
  return startIntervalJob(
    "Veckosammanfattningen",
    async () => {
      await runWeeklyDigest();
    },
    { intervalMs, firstAfterMs: 90_000 },
  );
}
