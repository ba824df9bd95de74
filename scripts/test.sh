#!/usr/bin/env bash
# Runs every workspace's tests against real PostgreSQL and Redis servers that
# the jest global setup starts and stops, then prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-test-services.sh
rm -rf reports/jest
status=0
npx turbo run test --concurrency=1 --continue --output-logs=full --log-order=stream || status=$?
node scripts/summarize-tests.js || status=1
exit "$status"
