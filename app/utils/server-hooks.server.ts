import { startFollowerNotificationJob, startWeeklyDigestJob } from "./discussion-jobs.server";
import { env } from "./env.server";
import { startOutboxSender } from "./mailer.server";
import { startMarkdownBackfillJob } from "./markdown-backfill-job.server";
import { startRateLimitPruner } from "./rate-limit.server";
import { startReminderJob } from "./reminder-job.server";
import { startRetentionJob } from "./retention-job.server";

/** What server.js needs from the validated environment. */
export function serverConfig() {
  const e = env();
  return {
    port: e.PORT,
    host: e.HOST,
    https: e.APP_URL.startsWith("https:"),
    trustProxy: e.TRUST_PROXY,
    runJobs: e.RUN_JOBS === "1" && e.NODE_ENV !== "test",
    logRequests: e.NODE_ENV !== "test",
  };
}

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
