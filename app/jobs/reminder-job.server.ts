import { expirePendingRegistrations } from "~/models/registration-pending.server";
import { sendDueReminders } from "~/models/registration-reminders.server";
import { startIntervalJob } from "./interval-job.server";

/**
 * Background job: every 10 minutes, queue the reminder for forums that start within
 * a day (also to people who registered since the last run), and mark pending
 * registrations whose link has run out as expired. Each person gets the scheduled
 * reminder once even with several processes: sendScheduledReminder() locks the
 * event and picks, under the lock, who has no reminder in the outbox yet.
 */
export function startReminderJob(intervalMs = 10 * 60_000): () => Promise<void> {
  return startIntervalJob(
    "Påminnelserna",
    async () => {
      await expirePendingRegistrations();
      await sendDueReminders();
    },
    { intervalMs, firstAfterMs: 30_000 },
  );
}
