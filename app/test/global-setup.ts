import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Migrates one template database per test run; each test file copies it. */
export const TEMPLATE_DB = path.resolve(".tmp", "test-template.db");

export default function setup() {
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
