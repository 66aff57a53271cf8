import baseConfig from "./vitest.config";
import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant (stryker.config.json): the unit and
// model tests of the security- and privacy-critical modules, not the whole suite
// and not the tests that start the production build (a mutant in app/ never
// reaches build/).
export const MUTATION_TESTS = [
  "app/models/auth.server.test.ts",
  "app/utils/roles.test.ts",
  "app/models/session.server.test.ts",
  "app/models/account.server.test.ts",
  "app/utils/origin.server.test.ts",
  "app/jobs/rate-limit-pruner.server.test.ts",
  "app/models/rate-limit.server.test.ts",
  "app/utils/csv.server.test.ts",
  "app/utils/poll-results.test.ts",
  "app/utils/poll-export.server.test.ts",
  "app/utils/maturity-stats.test.ts",
  "app/utils/maturity-export.server.test.ts",
  "app/models/retention.server.test.ts",
  "app/utils/markdown.server.test.ts",
  "app/utils/markdown-allowlist.server.test.ts",
  "app/utils/xss-corpus.server.test.ts",
];

export default defineConfig({ ...baseConfig, test: { ...baseConfig.test, include: MUTATION_TESTS } });
