#!/usr/bin/env bash
# Side-by-side benchmark: restic 0.14 vs ChronosGuard on the same data, same machine, one run.
# Measures first backup, unchanged re-backup and full restore: wall time, CPU time, peak RSS,
# and prints the ratio ours/restic for each.
#
#   bench/run.sh [DATA_DIR]        back up DATA_DIR (e.g. /usr/share)
#   bench/run.sh                   generate a reproducible mixed data set (SIZE_MB, default 1024)
#
# Environment: SIZE_MB (generated data size), WORK (scratch folder, default bench/out),
# THREADS (ChronosGuard workers, default: cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="${WORK:-$here/out}"
size_mb="${SIZE_MB:-1024}"

source "$here/common.sh" "$@"

export RESTIC_PASSWORD="bench-password" CHRONOSGUARD_PASSWORD="bench-password"
rr="$work/restic-repo"; cr="$work/cg-repo"
rm -rf "$rr" "$cr" "$work/restore-restic" "$work/restore-cg"
restic init -q -r "$rr" >/dev/null
restic init -q -r "$cr" >/dev/null     # same format: ChronosGuard writes into a restic-made repository

results="$work/results.txt"; : > "$results"
measure() {   # name tool cmd...
  local name=$1 tool=$2; shift 2
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    echo "FAILED: $name $tool" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  read -r wall user sys rss < "$work/time.txt"
  echo "$name $tool $wall $(echo "$user + $sys" | bc) $rss" >> "$results"
}

for tool in restic cg; do
  repo=$rr; [ $tool = cg ] && repo=$cr
  if [ $tool = restic ]; then
    measure first restic restic -r "$repo" backup -q "$data"
    measure rebackup restic restic -r "$repo" backup -q "$data"
    measure restore restic restic -r "$repo" restore latest -q --target "$work/restore-restic"
  else
    measure first cg "$root/chronosguard" -r "$repo" backup ${THREADS:+--threads $THREADS} "$data"
    measure rebackup cg "$root/chronosguard" -r "$repo" backup ${THREADS:+--threads $THREADS} "$data"
    measure restore cg "$root/chronosguard" -r "$repo" restore latest --target "$work/restore-cg"
  fi
done

diff -r -q "$data" "$work/restore-cg${data}" >/dev/null || { echo "ChronosGuard's restore differs from the source!" >&2; exit 1; }
restic -r "$cr" check -q >/dev/null || { echo "restic check failed on ChronosGuard's repository!" >&2; exit 1; }

bytes=$(du -sb "$data" | cut -f1)
echo
echo "data: $data ($(numfmt --to=iec "$bytes")), $(nproc) cores, $(restic version | cut -d' ' -f1-2)"
printf "| %-9s | %12s | %12s | %7s | %11s | %11s | %7s | %13s | %13s |\n" step "restic wall" "ours wall" ratio "restic cpu" "ours cpu" ratio "restic RSS MB" "ours RSS MB"
printf "|%s|\n" "-----------|--------------|--------------|---------|-------------|-------------|---------|---------------|---------------"
for step in first rebackup restore; do
  read -r _ _ rw rc rm < <(grep "^$step restic " "$results")
  read -r _ _ ow oc om < <(grep "^$step cg " "$results")
  printf "| %-9s | %11.2fs | %11.2fs | %6.2fx | %10.2fs | %10.2fs | %6.2fx | %13d | %13d |\n" \
    "$step" "$rw" "$ow" "$(echo "$ow / $rw" | bc -l)" "$rc" "$oc" "$(echo "$oc / $rc" | bc -l)" $((rm / 1024)) $((om / 1024))
done
