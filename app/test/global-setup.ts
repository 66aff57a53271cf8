import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Migrates one template database per test run; each test file copies it. */
export const TEMPLATE_DB = path.resolve(".tmp", "test-template.db");

export default async function setup() {
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  // `npm run test:pg`: the template is a PostgreSQL database (app/test/pg-test-db.ts).
  if (process.env.TEST_PG_URL) {
    const { recreateTemplate } = await import("./pg-test-db");
    const url = await recreateTemplate();
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
