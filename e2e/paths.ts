import path from "node:path";

// Where the e2e server keeps its database and where the SMTP sink stores mail.
// Shared by playwright.config.ts and the journeys.
export const E2E_DB = path.resolve(".tmp", "e2e.db");
export const E2E_MAIL_DIR = path.resolve(".tmp", "e2e-mail");
// `npm run test:pg` points the journeys at a PostgreSQL database instead.
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || `file:${E2E_DB}`;
// The e2e server's DATA_DIR (its generated secrets) and address, as playwright.config.ts sets them.
export const E2E_DATA_DIR = path.resolve(".tmp", "e2e-data");
export const E2E_BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
