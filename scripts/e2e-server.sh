#!/usr/bin/env bash
# Playwright's webServer command: a fresh, migrated and seeded database, then the
# production build. Playwright starts its webServer before any globalSetup, so
# the database is prepared here rather than in a setup file.
set -euo pipefail
cd "$(dirname "$0")/.."

db_file="${DATABASE_URL#file:}"
mkdir -p "$(dirname "$db_file")"
rm -f "$db_file" "$db_file-wal" "$db_file-shm" "$db_file-journal"

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
