// `npm run test:mutation` is not part of `npm test`, so nothing else would notice
// when a module it mutates, or a test it runs, is moved or renamed.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import stryker from "../stryker.config.mjs";
import { MUTATION_TESTS } from "../vitest.mutation.config";

describe("the mutation-testing configuration", () => {
  it("names modules and tests that exist", () => {
    const missing = [...(stryker.mutate as string[]), ...MUTATION_TESTS].filter((file) => !fs.existsSync(file));
    expect(missing).toEqual([]);
  });
});
