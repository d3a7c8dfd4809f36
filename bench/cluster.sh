#!/usr/bin/env bash
# Cluster overhead benchmark: the same backup on 1 node vs a local cluster of 2 and 3 nodes
# (separate JVMs on loopback, `chronosguard cluster`), with the same total number of
# workers, each into a fresh repository. Prints wall time (including JVM start-up of every
# node), the job's own duration (submission to snapshot) and the ratio to 1 node.
#
#   bench/cluster.sh [DATA_DIR]     back up DATA_DIR
#   bench/cluster.sh                generate a reproducible mixed data set (SIZE_MB, default 512)
#
# Environment: SIZE_MB, WORK (scratch folder, default bench/out), TOTAL_WORKERS (default 6,
# split evenly over the nodes), NODES (default "1 2 3").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="${WORK:-$here/out}"
size_mb="${SIZE_MB:-512}"
total="${TOTAL_WORKERS:-6}"
node_counts="${NODES:-1 2 3}"

source "$here/common.sh" "$@"
export CHRONOSGUARD_PASSWORD="bench-password" RESTIC_PASSWORD="bench-password"
port="${HTTP_PORT:-18080}"

printf '%-6s %-13s %10s %10s %12s %12s\n' nodes workers/node wall job_s wall_ratio job_ratio
base_wall=""; base_job=""
for n in $node_counts; do
  per=$(( total / n )); [ "$per" -ge 1 ] || per=1
  repo="$work/cluster-repo-$n"
  rm -rf "$repo"; restic init -q -r "$repo" >/dev/null
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e" -o "$work/time.txt" "$root/chronosguard" -r "$repo" cluster --nodes "$n" \
      --workers "$per" --http "127.0.0.1:$port" --json "$data" > "$work/cluster-$n.json" 2>"$work/cluster-$n.err" || {
    echo "FAILED with $n nodes:" >&2; cat "$work/cluster-$n.err" >&2; exit 1; }
  wall=$(cat "$work/time.txt")
  job=$(tail -n 1 "$work/cluster-$n.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["duration_s"])')
  [ -n "$base_wall" ] || { base_wall=$wall; base_job=$job; }
  printf '%-6s %-13s %9ss %9ss %11sx %11sx\n' "$n" "$per" "$wall" "$job" \
      "$(echo "scale=2; $wall / $base_wall" | bc)" "$(echo "scale=2; $job / $base_job" | bc)"
done
