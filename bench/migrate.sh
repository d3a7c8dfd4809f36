#!/usr/bin/env bash
# Migration benchmark (issue 6): generates a legacy backup_history.json with N entries
# (default 20,000, shaped exactly as the old tool's json.dump wrote it) and imports it into
# a fresh SQLite catalog with a 512 MiB heap, then imports it again (which must add nothing).
# Prints wall time, CPU time and peak RSS of each import. Target: first import < 30 s.
#
#   bench/migrate.sh [N]
#
# Environment: WORK (scratch folder, default bench/out/migrate), HEAP (default 512m),
# CATALOG (a JDBC URL to import into instead of SQLite in WORK).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
n="${1:-20000}"
work="${WORK:-$here/out/migrate}"
heap="${HEAP:-512m}"

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

rm -rf "$work"; mkdir -p "$work/state"
history="$work/backup_history.json"
python3 - "$history" "$n" <<'PY'
import json, sys, datetime
path, n = sys.argv[1], int(sys.argv[2])
newest = datetime.datetime(2025, 6, 24, 19, 55, 13)
profiles = [None, "full", "development", "documents", "minimal"]
entries = []
for i in range(n):
    entries.append({
        "date": (newest - datetime.timedelta(hours=6 * i)).strftime("%Y-%m-%d %H:%M:%S"),
        "profile": profiles[i % len(profiles)],
        "status": "Completed",
        "duration": 3000 + i * 0.731,
        "size": 60_000_000_000 + i * 4096,
        "fileCount": 0,
        "directoriesCompleted": 20 + i % 8,
        "totalDirectories": 27,
        "errors": i % 11,
        "dryRun": i % 97 == 0,
    })
with open(path, "w") as f:
    json.dump({"history": entries}, f, indent=2)
PY
echo "generated $n entries, $(du -h "$history" | cut -f1) in $history" >&2

"$root/chronosguard" --version >/dev/null   # builds on first use

export CHRONOSGUARD_JAVA_OPTS="-Xmx$heap" CHRONOSGUARD_STATE_DIR="$work/state"
[ -n "${CATALOG:-}" ] && export CHRONOSGUARD_CATALOG="$CATALOG"
printf '%-10s %10s %10s %12s  %s\n' import wall_s cpu_s peak_rss_MB result
for pass in first again; do
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
      "$root/chronosguard" migrate --from "$history" --legacy-zone America/New_York --json \
      > "$work/report-$pass.json" 2> "$work/stderr-$pass.txt" || {
    echo "FAILED: $pass import" >&2; cat "$work/stderr-$pass.txt" >&2; exit 1; }
  read -r wall user sys rss < "$work/time.txt"
  result="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("imported %d, already in catalog %d" % (r["imported"], r.get("already_in_catalog", 0)))' "$work/report-$pass.json")"
  printf '%-10s %10s %10s %12s  %s\n' "$pass" "$wall" "$(python3 -c "print(round($user + $sys, 2))")" "$((rss / 1024))" "$result"
done
