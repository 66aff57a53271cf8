#!/usr/bin/env bash
# Playwright's webServer command: a fresh, migrated and seeded database, then the
# production build. Playwright starts its webServer before any globalSetup, so
# the database is prepared here rather than in a setup file.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "$DATABASE_URL" =~ ^postgres(ql)?:// ]]; then
  # `npm run test:pg`: an empty database of that name, made through the server's maintenance database.
  db_name="${DATABASE_URL##*/}"
  db_name="${db_name%%\?*}"
  admin_url="${DATABASE_URL%/*}/postgres"
  PGOPTIONS="--client-min-messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d "$admin_url" \
    -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" -c "CREATE DATABASE \"$db_name\"" >/dev/null
else
  db_file="${DATABASE_URL#file:}"
  mkdir -p "$(dirname "$db_file")"
  rm -f "$db_file" "$db_file-wal" "$db_file-shm" "$db_file-journal"
fi

# Quiet unless it fails.
if ! out=$(npx prisma migrate deploy 2>&1); then
  echo "$out" >&2
  exit 1
fi
# The seed lands from another branch; run it once it exists, as `npm run db:setup`
# would (without NODE_ENV=production).
if [[ -f prisma/seed.ts ]]; then
  env -u NODE_ENV npx tsx prisma/seed.ts
fi

exec node server.js
