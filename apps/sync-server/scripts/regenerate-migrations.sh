#!/usr/bin/env bash
# Until the first release, the schema ships as one generated init migration: regenerate it after a
# schema change. (Once a release has a database in the field, use `pnpm db:generate` for a new one.)
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/fulfillment-migrations.lock
flock 9
rm -rf src/db/migrations
npx drizzle-kit generate --name init
