#!/usr/bin/env bash
# Runs the whole suite (./test.sh) with two CPU hogs beside it, as on a busy 2-core CI machine, N times in a row
# (default 3). Prints how long each run took. ./test.sh itself never starts the hogs.
#   scripts/test-under-load.sh [runs]
#   scripts/test-under-load.sh [runs] --filter 'FullyQualifiedName~SlaEngineTests|…'   only those tests (already built),
#     e.g. the slowest classes while fixing what a busy machine breaks, without a full run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
filter=""
if [ "${2:-}" = "--filter" ]; then filter="${3:?--filter needs an expression}"; fi

if ! command -v stress-ng >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends stress-ng
fi

stress-ng --cpu 2 --timeout 0 --quiet &
hogs=$!
trap 'kill "$hogs" 2>/dev/null || true; wait "$hogs" 2>/dev/null || true' EXIT

for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  printf '\n== run %s of %s with stress-ng --cpu 2 (pid %s)\n' "$run" "$runs" "$hogs"
  if [ -n "$filter" ]; then
    for project in tests/Hub.Tests tests/Browser.Tests tests/Durability.Tests; do
      [ -d "$project/bin" ] || { echo "skipping $project (not built)"; continue; }
      dotnet test "$project" --no-build -nologo -v minimal --filter "$filter"
    done
  else
    ./test.sh
  fi
  printf '\n== run %s passed in %s s\n' "$run" "$(( $(date +%s) - started ))"
done
printf '\n== %s runs passed under load.\n' "$runs"
