import { backfillMarkdownHtml } from "~/models/markdown-backfill.server";
import { startIntervalJob } from "./interval-job.server";

/**
 * Background job: a second after the server starts (and every six hours, for rows
 * a restore or a script wrote), stores the HTML of texts that have none
 * (app/models/markdown-backfill.server.ts). `npm run markdown:backfill` does the
 * same for installations that run their jobs from cron (RUN_JOBS=0).
 */
export function startMarkdownBackfillJob(intervalMs = 6 * 3600_000): () => Promise<void> {
  let stopping = false;
  const stop = startIntervalJob(
    "Markdown-HTML",
    async () => {
      const result = await backfillMarkdownHtml({ shouldStop: () => stopping });
      if (!result.rendered && !result.unrenderable) return;
      const msg = `Markdown-HTML: ${result.rendered} texter renderade, ${result.unrenderable} går inte att rendera`;
      process.stdout.write(JSON.stringify({ level: result.unrenderable ? "warn" : "info", time: new Date().toISOString(), msg }) + "\n");
    },
    { intervalMs, firstAfterMs: 1_000 },
  );
  return async () => {
    stopping = true;
    await stop();
  };
}
