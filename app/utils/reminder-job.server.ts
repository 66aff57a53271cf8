import { sendDueReminders } from "~/models/registration.server";
import { wakeOutboxSender } from "./mailer.server";

/**
 * Background job: every 10 minutes, queue the reminder for forums that start within
 * a day. Each event's reminder goes out once even with several processes, because
 * sendReminder() claims Event.reminderSentAt with a conditional update.
 */
export function startReminderJob(intervalMs = 10 * 60_000): () => Promise<void> {
  let inFlight: Promise<unknown> | null = null;
  const run = () => {
    if (inFlight) return;
    inFlight = sendDueReminders()
      .then((n) => {
        if (n > 0) wakeOutboxSender();
      })
      .catch((error: unknown) => {
        process.stdout.write(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "Påminnelser kunde inte köas", error: String(error).slice(0, 300) }) + "\n");
      })
      .finally(() => {
        inFlight = null;
      });
  };
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await inFlight;
  };
}
