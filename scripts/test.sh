#!/usr/bin/env bash
# Everything a change can break: types, lint, unit and integration tests (in parallel), then one
# production build and the Playwright suite against it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "Type check"
npx tsc --noEmit

step "Lint"
npx eslint . --max-warnings=0

step "Unit and integration tests (vitest)${TEST_DATABASE_URL:+ on Postgres}"
npx vitest run

step "Production build"
npx next build

step "End-to-end tests (Playwright, Chromium)"
npx playwright test

printf '\nAll green in %ss.\n' "$((SECONDS - started))"
