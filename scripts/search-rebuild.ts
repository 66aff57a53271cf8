// Rebuilds the full-text search index from the source tables (npm run search:rebuild).
// The triggers keep the index current on every write; this is for repairs, e.g.
// after restoring a backup made without the index or importing rows by hand.
import { disconnectDb, dbReady } from "../app/utils/db.server";
import { env } from "../app/utils/env.server";
import { searchBackend } from "../app/models/search-index.server";

let exitCode = 0;
try {
  env();
  await dbReady;
  const started = Date.now();
  const documents = await searchBackend.rebuild();
  console.log(`Sökindexet är återskapat: ${documents} dokument på ${Date.now() - started} ms.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await disconnectDb();
}
process.exit(exitCode);
