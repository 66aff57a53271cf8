import path from "node:path";

// Where the e2e server keeps its database and where the SMTP sink stores mail.
// Shared by playwright.config.ts and the journeys.
export const E2E_DB = path.resolve(".tmp", "e2e.db");
export const E2E_MAIL_DIR = path.resolve(".tmp", "e2e-mail");
