// Stores the HTML of texts that have none (ADR 011): npm run markdown:backfill
// The server does this itself a second after it starts, when it runs the background jobs.
import { backfillMarkdownHtml } from "../app/models/markdown-backfill.server";
import { dbReady, disconnectDb } from "../app/utils/db.server";

await dbReady;
const result = await backfillMarkdownHtml();
console.log(`Markdown-HTML klar: ${result.rendered} texter renderade, ${result.unrenderable} går inte att rendera (de visas som platshållare).`);
await disconnectDb();
