import { E2E_BASE_URL, E2E_DATA_DIR, E2E_DATABASE_URL } from "./paths";

/**
 * Points the app's code in this process at the e2e server's database and
 * settings. Call it before anything loads the app's code: its database client
 * is made once per process, from DATABASE_URL, by whichever comes first of the
 * model modules (e2e/db.ts) and the built server (e2e/fixtures.ts), and both
 * then share it (app/utils/db.server.ts).
 *
 * Playwright also imports every spec file once in its own process, only to list
 * the tests, before the e2e server has made its database; there (no
 * TEST_WORKER_INDEX) the client gets an in-memory database instead.
 */
export function connectE2eDatabase() {
  const listingTests = process.env.TEST_WORKER_INDEX === undefined;
  process.env.DATABASE_URL = listingTests ? "file::memory:" : E2E_DATABASE_URL;
  // As the e2e server has them: env() keeps its generated secrets in DATA_DIR (not
  // ./data), and the links in queued mail name the server's address.
  process.env.DATA_DIR = E2E_DATA_DIR;
  process.env.APP_URL = E2E_BASE_URL;
}
