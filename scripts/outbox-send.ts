// Sends all due mail in the outbox once and exits (npm run outbox:send).
// Useful from cron when RUN_JOBS=0, or to flush the queue by hand.
// Without SMTP_URL nothing is sent: mail stays queued (demo mode).
import { disconnectDb, dbReady } from "../app/utils/db.server";
import { env } from "../app/utils/env.server";
import { sendAllDue } from "../app/jobs/outbox-sender.server";

let exitCode = 0;
try {
  env();
  await dbReady;
  const result = await sendAllDue();
  if (!result.smtp) {
    console.log("SMTP_URL saknas: inget skickades, e-posten ligger kvar i utkorgen (demoläge).");
  } else {
    console.log(`Skickade: ${result.sent}. Försöks igen senare: ${result.retrying}. Gav upp: ${result.gaveUp}.`);
    if (result.retrying > 0 || result.gaveUp > 0) exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await disconnectDb();
}
process.exit(exitCode);
