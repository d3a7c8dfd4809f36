#!/usr/bin/env bash
# Crash consistency at scale: runs CrashPointsIT with 100 seeded SIGKILL points (or $1) across
# backup, forget, prune and copy — each point: kill, restic unlock, restic check --read-data, rerun,
# restic check — and prints "N passed, N failed". A seed replays a run: bench/crash-points.sh 100 SEED
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
points="${1:-100}"
seed="${2:-$(date +%s%N)}"
command -v restic >/dev/null || { echo "crash-points: restic is needed (apt-get install restic)" >&2; exit 2; }
cd "$root"
log="$(mktemp -t crash-points.XXXXXX.log)"
echo "crash-points: $points points, seed $seed (log: $log)" >&2
set +e
mvn -B -o verify -pl tests -am -Dit.test=CrashPointsIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.points="$points" -Dcrash.seed="$seed" >"$log" 2>&1
rc=$?
set -e
grep -h 'CrashPointsIT #.*FAILED' "$log" 2>/dev/null || true
summary="$(grep -h 'CrashPointsIT: .* passed, .* failed' "$log" 2>/dev/null | tail -1 | sed 's/^CrashPointsIT: //')"
if [ -z "$summary" ]; then
  echo "crash-points: the run did not finish (exit $rc); see $log" >&2
  exit 1
fi
echo "$summary"
exit "$rc"
