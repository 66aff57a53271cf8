#!/usr/bin/env bash
# `npm run test:pg`: the vitest integration suite against a real PostgreSQL.
# Uses TEST_PG_URL when set (a server URL whose user may create databases), else
# starts a throwaway server (scripts/pg-server.sh) on a free local port and stops
# exactly that one afterwards. Every test file gets its own database, copied
# from a template migrated once (app/test/global-setup.ts, app/test/pg-test-db.ts).
# Extra arguments go to vitest, e.g. `npm run test:pg -- app/models/outbox.server.test.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp

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

started=$SECONDS
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pg.json "$@" || status=$?
echo "--- vitest på PostgreSQL: $((SECONDS - started)) s"
exit $status
