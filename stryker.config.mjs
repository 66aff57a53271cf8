// @ts-check
// `npm run test:mutation`: StrykerJS changes the security- and privacy-critical
// modules one small mutation at a time and runs their tests against each mutant;
// a mutant no test notices is a gap in the tests. Not part of `npm test`: a run
// takes long on two cores. The reports land in .tmp/mutation/ (index.html);
// the incremental file there lets a rerun test only the mutants that changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Only the tests of these modules (vitest.mutation.config.ts), and per mutant only
  // the tests that reach its code (coverageAnalysis "perTest").
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  // Run every test that covers a mutant, not only up to the first failure: with bail,
  // a run cut short was sometimes counted as "survived" with no test completed.
  disableBail: true,
  mutate: [
    // Sessions, login guards and roles.
    "app/models/auth.server.ts",
    "app/models/session.server.ts",
    "app/utils/roles.ts",
    // The Origin check and rate limits.
    "app/utils/origin.server.ts",
    "app/models/rate-limit.server.ts",
    // CSV formula guard, result suppression for small groups, retention.
    "app/utils/csv.server.ts",
    "app/utils/poll-results.ts",
    "app/utils/maturity-stats.ts",
    "app/models/retention.server.ts",
    // The Markdown allowlist.
    "app/utils/markdown-render.server.ts",
  ],
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".tmp/mutation/index.html" },
  jsonReporter: { fileName: ".tmp/mutation/mutation.json" },
  incremental: true,
  incrementalFile: ".tmp/mutation/incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 80, low: 60, break: null },
};
