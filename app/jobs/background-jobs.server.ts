import { startFollowerNotificationJob, startWeeklyDigestJob } from "./discussion-jobs.server";
import { startMarkdownBackfillJob } from "./markdown-backfill-job.server";
import { startOutboxSender } from "./outbox-sender.server";
import { startRateLimitPruner } from "./rate-limit-pruner.server";
import { startReminderJob } from "./reminder-job.server";
import { startRetentionJob } from "./retention-job.server";

/**
 * The background jobs of a server process, all in app/jobs/: server.js starts them
 * once (unless RUN_JOBS=0) through the server entry, and stops them on shutdown.
 */

type Stop = () => Promise<void>;
const jobs: Array<() => Stop> = [];

/** Later modules (outbox sender, scheduler) register here; server.js starts them once. */
export function registerBackgroundJob(start: () => Stop) {
  jobs.push(start);
}

// Built-in jobs. Importing them here also keeps them in the server build.
registerBackgroundJob(() => startOutboxSender());
registerBackgroundJob(() => startRateLimitPruner());
registerBackgroundJob(() => startReminderJob());
registerBackgroundJob(() => startRetentionJob());
registerBackgroundJob(() => startFollowerNotificationJob());
registerBackgroundJob(() => startWeeklyDigestJob());
registerBackgroundJob(() => startMarkdownBackfillJob());

export function startBackgroundJobs(): Stop {
  const stops = jobs.map((start) => start());
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
