import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. Each test file gets its own copy of a migrated
// SQLite database (app/test/setup-file.ts), so files can run in parallel.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["app/test/global-setup.ts"],
    setupFiles: ["app/test/setup-file.ts"],
    environment: "node",
    pool: "forks",
    // Vitest's default is one worker per core minus one: a single worker on a
    // 2-core CI machine, idle while a test waits for its server or database.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
