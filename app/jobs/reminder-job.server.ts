import { expirePendingRegistrations } from "~/models/registration-pending.server";
import { sendDueReminders } from "~/models/registration-admin.server";
import { startIntervalJob } from "./interval-job.server";

/**
 * Background job: every 10 minutes, queue the reminder for forums that start within
 * a day, and mark pending registrations whose link has run out as expired. Each
 * event's reminder goes out once even with several processes, because
 * sendReminder() claims Event.reminderSentAt with a conditional update.
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
