// Adds up the vitest and Playwright JSON reports and prints "N passed, N failed"
// as the last line; exit code 1 when anything failed.
//   node scripts/count-results.mjs --vitest .tmp/vitest.json --playwright .tmp/playwright.json [--failed-step name]...
// A failed step (tsc, build, or a test runner that exited non-zero without a
// failed test, e.g. on an unhandled error) counts as one failure, so the line
// never says "0 failed" for a broken run.
import fs from "node:fs";

const reports = {};
const failedSteps = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === "--failed-step") failedSteps.push(value);
  else if (flag === "--vitest" || flag === "--playwright") reports[flag.slice(2)] = value;
  else throw new Error(`okänt argument: ${flag}`);
}

/** Vitest's JSON reporter uses Jest's shape; Playwright's has `stats` and `errors`. */
function count(layer, report) {
  if (layer === "vitest") {
    // A file that fails to load has no failed test but still fails the run.
    const brokenFiles = (report.testResults ?? []).filter(
      (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles };
  }
  const s = report.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected + (report.errors?.length ?? 0) };
}

let passed = 0;
let failed = 0;
for (const [layer, file] of Object.entries(reports)) {
  let result;
  try {
    result = count(layer, JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (error) {
    console.log(`${layer}: ${file} saknas eller går inte att läsa (${error.message}); räknas som 1 fel.`);
    result = { passed: 0, failed: 1 };
  }
  if (failedSteps.includes(layer) && result.failed === 0) {
    console.log(`${layer}: avslutades med fel utan något underkänt test; räknas som 1 fel.`);
    result.failed = 1;
  }
  console.log(`${layer}: ${result.passed} passed, ${result.failed} failed`);
  passed += result.passed;
  failed += result.failed;
}
for (const step of failedSteps.filter((s) => !(s in reports))) {
  console.log(`${step}: misslyckades; räknas som 1 fel.`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
