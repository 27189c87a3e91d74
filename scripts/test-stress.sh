#!/usr/bin/env bash
# The tests that spawn processes or drive a browser, RUNS times in a row while `stress` keeps
# CPUS cores busy: timing assumptions show up as failures here rather than on someone's laptop.
#   scripts/test-stress.sh [pytest args]     default: tests/browser tests/cluster tests/client
#                                            tests/test_cli.py
#   RUNS=5 CPUS=2 (environment)              runs, and cores for stress to load
# Cluster tests need VENUE_TEST_DATABASE_URL and VENUE_TEST_REDIS_URL (else they skip).
# Prints one line per run (passed/failed/errors) and exits 1 if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CPUS=${CPUS:-2}
PY=${PY:-.venv/bin/python}
command -v stress >/dev/null || { echo "stress is missing (apt-get install stress)" >&2; exit 2; }
[ $# -gt 0 ] || set -- tests/browser tests/cluster tests/client tests/test_cli.py
logs=$(mktemp -d /tmp/venue-stress.XXXXXX)
stress --cpu "$CPUS" >/dev/null 2>&1 &
load=$!
trap 'kill "$load" 2>/dev/null; wait "$load" 2>/dev/null' EXIT
failed=0
for run in $(seq 1 "$RUNS"); do
  started=$(date +%s)
  "$PY" -m pytest -q -p no:randomly -p no:cacheprovider "$@" >"$logs/run$run.log" 2>&1
  status=$?
  summary=$(tail -n 1 "$logs/run$run.log")
  echo "run $run/$RUNS: exit $status in $(($(date +%s) - started)) s: $summary"
  grep -E '^(FAILED|ERROR) ' "$logs/run$run.log" | sed 's/^/    /'
  [ "$status" -eq 0 ] || failed=1
done
echo "logs in $logs"
exit "$failed"
