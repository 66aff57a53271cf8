#!/usr/bin/env bash
# `npm run test:pg`: the vitest integration suite and the Playwright journeys
# against a real PostgreSQL. Uses TEST_PG_URL when set (a server URL whose user
# may create databases), else starts a throwaway server (scripts/pg-server.sh)
# on a free local port and stops exactly that one afterwards.
# - vitest: the integration tests (*.server.test.ts and the database
#   fingerprint test; pure unit tests touch no database), each file on its own
#   database copied from a template migrated once (app/test/global-setup.ts,
#   app/test/pg-test-db.ts).
# - Playwright: the production build on its own freshly migrated and seeded
#   PostgreSQL database (scripts/e2e-server.sh). Tests that only check markup
#   (axe scans, page structure, navigation; tagged @markup) and the axe scans
#   inside journeys (E2E_AXE=off) are left to `npm test`: the database behind a
#   page does not change its markup.
# Like `npm test`, the last line is "N passed, N failed".
# Extra arguments go to vitest alone, e.g. `npm run test:pg -- app/models/outbox.server.test.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
source scripts/lib.sh

# --- A PostgreSQL server binary ------------------------------------------------
if [[ -z "${TEST_PG_URL:-}" ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [[ -z "${PG_BIN:-}" ]]; then
  install_or_explain postgresql test:pg \
    "test:pg behöver PostgreSQL. Installera det med: sudo apt-get install -y postgresql" \
    "eller peka ut en befintlig server: TEST_PG_URL=postgresql://user@host:port/postgres npm run test:pg"
fi

started_dir=""
cleanup() { [[ -n "$started_dir" ]] && bash scripts/pg-server.sh stop "$started_dir"; }
trap cleanup EXIT

if [[ -z "${TEST_PG_URL:-}" ]]; then
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  started_dir="$(bash scripts/pg-server.sh start "$port")"
  export TEST_PG_URL="postgresql://postgres@127.0.0.1:${port}/postgres"
  echo "PostgreSQL startad på port $port ($started_dir)"
fi
export TEST_PG_TEMPLATE="${TEST_PG_TEMPLATE:-kf_test_template_$$}"

STEP_WHERE=" på PostgreSQL"
# The anonymous page cache is off for the servers the tests start here: their test
# data is written straight to PostgreSQL by the test process, which a cache on
# PostgreSQL does not notice (on SQLite, PRAGMA data_version does). The cache's own
# tests turn it on (app/test/page-cache*.server.test.ts, ADR 013).
export PAGE_CACHE_MB=0

rm -f .tmp/vitest-pg.json .tmp/playwright-pg.json
# Vitest filters are path substrings: without arguments, every integration test file.
filters=("$@")
[[ $# -eq 0 ]] && filters=(server.test app/test/db-fingerprint.test.ts)
step vitest npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pg.json "${filters[@]}"
count_args=(--vitest .tmp/vitest-pg.json)

if [[ $# -eq 0 ]]; then
  # Journeys need the production build; `npm test` may have made it already, but a stale one would mislead.
  step build npx remix build
  e2e_url="$(node -e 'const u=new URL(process.env.TEST_PG_URL);u.pathname="/kf_e2e_'"$$"'";console.log(u.toString())')"
  step playwright env E2E_DATABASE_URL="$e2e_url" E2E_AXE=off E2E_REPORT=.tmp/playwright-pg.json npx playwright test --grep-invert @markup
  count_args+=(--playwright .tmp/playwright-pg.json)
fi

echo
for s in "${failed_steps[@]}"; do count_args+=(--failed-step "$s"); done
node scripts/count-results.mjs "${count_args[@]}"
