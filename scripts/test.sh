#!/usr/bin/env bash
# `npm test`: type check, lint, format check, production build, vitest, then Playwright against the
# build. Every layer runs even if an earlier one failed; the last line is
# "N passed, N failed" and the exit code is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
source scripts/lib.sh

# --- A Chromium for Playwright --------------------------------------------------
if [[ -n "${CHROMIUM_PATH:-}" && ! -x "${CHROMIUM_PATH}" ]]; then
  echo "CHROMIUM_PATH pekar på ${CHROMIUM_PATH}, men där finns ingen körbar Chromium." >&2
  exit 1
fi
has_chromium() {
  [[ -n "${CHROMIUM_PATH:-}" ]] && return 0
  [[ -x /usr/bin/chromium ]] && return 0
  # A developer laptop may have Playwright's own browser instead.
  node -e 'const p = require("playwright-core").chromium.executablePath(); process.exit(require("fs").existsSync(p) ? 0 : 1)' 2>/dev/null
}
if ! has_chromium; then
  install_or_explain chromium webbläsartesterna \
    "Webbläsartesterna behöver Chromium. Installera det med:" \
    "  sudo apt-get install -y chromium" \
    "eller peka ut en befintlig Chromium: CHROMIUM_PATH=/sökväg/till/chromium npm test"
fi

# --- Java for the W3C HTML checker (vnu-jar) in the route walk ---------------------
if ! command -v java >/dev/null 2>&1; then
  install_or_explain default-jre-headless "HTML-kontrollen" \
    "HTML-kontrollen (vnu-jar) behöver Java 17 eller senare. Installera det med:" \
    "  sudo apt-get install -y default-jre-headless"
fi

rm -f .tmp/vitest.json .tmp/playwright.json

# tsc and the build are steps, not tests: a failure there counts as one failure.
step tsc npx tsc
step lint npx eslint .
step prettier npx prettier --check .
step build npx remix build
# Test results are counted from the JSON reports at the end.
step vitest npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
step playwright npx playwright test

echo
count_args=(--vitest .tmp/vitest.json --playwright .tmp/playwright.json)
for s in "${failed_steps[@]}"; do count_args+=(--failed-step "$s"); done
node scripts/count-results.mjs "${count_args[@]}"
