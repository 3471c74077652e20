#!/usr/bin/env bash
# Installs what the tests need, builds everything and runs every test. CI (.ci/run) calls exactly this.
set -euo pipefail
cd "$(dirname "$0")"

# The test fixtures start throw-away PostgreSQL and Redis servers in their own temp folders and stop them when the
# test host exits; a test host that is killed cannot, so stop whatever of theirs is left when this script ends.
# Every test run's console output is also kept in a log; when a step fails, the failed tests (name, message and the
# top of the stack) are printed again at the very end, where a CI log's tail shows them.
logs="$(mktemp -d)"
# A failed test as the console logger prints it ("  Failed Namespace.Class.Method(args) [2 s]"), not a hub's log line.
failed_test='^\s+Failed [A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+(\(.*\))? \[[^]]+\]$'
failures() {
  grep -h -A 14 -E "$failed_test" "$logs"/*.log 2>/dev/null | grep -v -E '^\s+(at Xunit|at System\.Runtime|--- End of stack)' | head -n 120 || true
}
cleanup() {
  status=$?
  pkill -f '/omnichannel-postgres/' 2>/dev/null || true; pkill -f '/omnichannel-redis/' 2>/dev/null || true
  if [ "$status" -ne 0 ]; then printf '\n== Failed (exit %s). Failed tests, repeated from above:\n' "$status"; failures; fi
  rm -rf "$logs"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# dotnet_test NAME TARGET [FILTER]: runs the tests (output also kept in $logs/NAME.log). When at most three tests fail,
# those are run once more on their own: the step passes only if each passes then, and they are named as flaky at the
# end. A crash, a build problem or more failures fail the step at once.
flaky=()
dotnet_test() {
  local name="$1" target="$2" filter="${3:-}" failed=()
  local args=(test "$target" --no-build -nologo -v minimal --logger "console;verbosity=normal")
  if dotnet "${args[@]}" ${filter:+--filter "$filter"} 2>&1 | tee "$logs/$name.log"; then return 0; fi
  mapfile -t failed < <(grep -h -E "$failed_test" "$logs/$name.log" | awk '{print $2}' | sed 's/(.*//' | sort -u)
  if [ ${#failed[@]} -eq 0 ] || [ ${#failed[@]} -gt 3 ]; then return 1; fi
  local again; again=$(printf 'FullyQualifiedName~%s|' "${failed[@]}"); again="${again%|}"
  say "Running the ${#failed[@]} failed test(s) once more: ${failed[*]}"
  dotnet "${args[@]}" --filter "$again" 2>&1 | tee "$logs/$name-again.log" || return 1
  flaky+=("${failed[@]/#/$name: }")
}

# 1. System packages the tests use: Debian's Chromium (browser tests), Dovecot IMAP and an SMTP sink (email tests),
#    PostgreSQL and Redis (the fixtures start throw-away servers of their own on loopback; no service is started here),
#    procps and util-linux for the fixtures' watchdog.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
# The fixtures' watchdog (stops servers and test-started hubs if a test process is killed) uses pkill and setsid.
command -v pkill >/dev/null 2>&1 || need+=(procps)
command -v setsid >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  say "Installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# 2. Front-end dependencies, exactly as locked.
for app in src/Widget src/Console; do
  say "npm ci ($app)"
  (cd "$app" && npm ci --no-audit --no-fund)
done

# 3. Build everything (the hub's build also builds both front ends into its wwwroot).
say "dotnet build"
dotnet build Omnichannel.sln -nologo -v minimal

# 4. Front-end tests (Vitest) and type checks.
for app in src/Widget src/Console; do
  say "npm test ($app)"
  (cd "$app" && npm run --silent typecheck && npm test --silent)
done

# 5. .NET tests: unit, integration (real hub, SignalR clients, fake providers, real mail servers), browser (headless Chromium).
say "dotnet test"
dotnet_test all Omnichannel.sln

# 6. The hub's integration tests again, on PostgreSQL instead of SQLite (which enforces column lengths and refuses NUL
#    characters SQLite stores): the HTTP fuzz and the property tests of provider input run there too.
say "dotnet test (hub on PostgreSQL)"
OMNICHANNEL_TEST_STORAGE=PostgreSql dotnet_test postgresql tests/Hub.Tests \
  "FullyQualifiedName~.Search.|FullyQualifiedName~.Conversations.|FullyQualifiedName~.Events.|FullyQualifiedName~.Routing.|FullyQualifiedName~.Sla.|FullyQualifiedName~.Channels.|FullyQualifiedName~.Email.|FullyQualifiedName~.WebChat.|FullyQualifiedName~.Targeting.|FullyQualifiedName~.Alerts.|FullyQualifiedName~.Csat.|FullyQualifiedName~.Fuzz.|FullyQualifiedName~.Reports.|FullyQualifiedName~.Capacity.OperatorLoadCounter"

if [ ${#flaky[@]} -gt 0 ]; then
  say "All tests passed, but these failed once and passed when run again (flaky: their first failure is in the output above):"
  printf '   %s\n' "${flaky[@]}"
else
  say "All tests passed."
fi
