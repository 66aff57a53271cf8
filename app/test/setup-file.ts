import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

// A fresh, migrated database for this test file, set before any app module
// reads DATABASE_URL. Removed when the file's tests are done.
const template = path.resolve(".tmp", "test-template.db");
const file = path.resolve(".tmp", `test-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.DATA_DIR = path.resolve(".tmp");
delete (globalThis as { __prisma?: unknown }).__prisma;

afterAll(async () => {
  const g = globalThis as { __prisma?: { $disconnect(): Promise<void> } };
  await g.__prisma?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
