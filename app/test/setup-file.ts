import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

// A fresh, migrated database for this test file, set before any app module
// reads DATABASE_URL. Removed when the file's tests are done.
// On `npm run test:pg` it is a PostgreSQL copy of the migrated template instead.
const pgRun = Boolean(process.env.TEST_PG_URL);
const template = path.resolve(".tmp", "test-template.db");
const file = path.resolve(".tmp", `test-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
if (pgRun) {
  const { createTestDatabase } = await import("./pg-test-db");
  process.env.DATABASE_URL = await createTestDatabase("file");
} else {
  fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";
process.env.DATA_DIR = path.resolve(".tmp");
delete (globalThis as { __prisma?: unknown }).__prisma;
delete (globalThis as { __pollBus?: unknown }).__pollBus;

afterAll(async () => {
  const g = globalThis as { __prisma?: { $disconnect(): Promise<void> } };
  await g.__prisma?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  // The poll bus's LISTEN connection (PostgreSQL) belongs to this file's database too.
  const bus = globalThis as { __pollBus?: { close(): Promise<void> } };
  await bus.__pollBus?.close();
  delete bus.__pollBus;
  if (pgRun) {
    const { dropTestDatabase } = await import("./pg-test-db");
    await dropTestDatabase(process.env.DATABASE_URL!);
  } else {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
});
