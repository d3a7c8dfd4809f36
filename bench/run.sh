#!/usr/bin/env bash
# Side-by-side benchmark: restic 0.14 vs ChronosGuard on the same data, same machine, one run.
# Measures first backup, unchanged re-backup, full restore and `snapshots` on a small
# repository: wall time, CPU time (user+sys), peak RSS, and prints the ratio ours/restic.
# Both repositories are copies of one `restic init`, so both open the same key (restic
# calibrates scrypt's cost at init time, and on a busy machine picks a much cheaper key).
#
#   bench/run.sh [DATA_DIR]        back up DATA_DIR (e.g. /usr/share)
#   bench/run.sh                   generate a reproducible mixed data set (SIZE_MB, default 1024)
#   bench/suite.sh                 all cases: generated mixed, /usr/share, 30k small files
#
# Environment: SIZE_MB (generated data size), WORK (scratch folder, default bench/out),
# THREADS (ChronosGuard workers, default: cores), CACHE=warm (default: the data is read once
# before the runs and caches are kept, as in the issue's measurements) or CACHE=cold (page
# cache dropped before every step; needs root), LABEL (a name printed with the table).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="${WORK:-$here/out}"
size_mb="${SIZE_MB:-1024}"

source "$here/common.sh" "$@"

export RESTIC_PASSWORD="bench-password" CHRONOSGUARD_PASSWORD="bench-password"
rr="$work/restic-repo"; cr="$work/cg-repo"; sr="$work/small-repo"
rm -rf "$rr" "$cr" "$sr" "$work/restore-restic" "$work/restore-cg"
restic init -q -r "$rr" >/dev/null
cp -a "$rr" "$cr"     # same format and key: ChronosGuard writes into a restic-made repository
cp -a "$rr" "$sr"
cache="${CACHE:-warm}"
if [ "$cache" = warm ]; then tar -cf - "$data" 2>/dev/null | cat >/dev/null || true; fi   # read everything once

results="$work/results.txt"; : > "$results"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
measure() {   # name tool cmd...
  local name=$1 tool=$2; shift 2
  if [ "$cache" = cold ]; then sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; fi
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

# snapshots on a small repository (one small backup by each tool), the same repository for both
restic -r "$sr" backup -q "$root/engine/src" >/dev/null
"$root/chronosguard" -r "$sr" backup "$root/engine/src" >/dev/null 2>&1
measure snapshots restic restic -r "$sr" snapshots
measure snapshots cg "$root/chronosguard" -r "$sr" snapshots

diff -r -q --no-dereference "$data" "$work/restore-cg${data}" >/dev/null || { echo "ChronosGuard's restore differs from the source!" >&2; exit 1; }
restic -r "$cr" check -q --read-data >/dev/null || { echo "restic check --read-data failed on ChronosGuard's repository!" >&2; exit 1; }

bytes=$(du -sb "$data" | cut -f1)
echo
echo "${LABEL:+$LABEL: }data: $data ($(numfmt --to=iec "$bytes"), $(find "$data" | wc -l) entries), $(nproc) cores," \
  "$(restic version | cut -d' ' -f1-2), cache $cache, load before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
printf "| %-9s | %12s | %12s | %7s | %11s | %11s | %7s | %13s | %13s |\n" step "restic wall" "ours wall" ratio "restic cpu" "ours cpu" ratio "restic RSS MB" "ours RSS MB"
printf "|%s|\n" "-----------|--------------|--------------|---------|-------------|-------------|---------|---------------|---------------"
for step in first rebackup restore snapshots; do
  read -r _ _ rw rc rm < <(grep "^$step restic " "$results")
  read -r _ _ ow oc om < <(grep "^$step cg " "$results")
  printf "| %-9s | %11.2fs | %11.2fs | %6.2fx | %10.2fs | %10.2fs | %6.2fx | %13d | %13d |\n" \
    "$step" "$rw" "$ow" "$(echo "$ow / $rw" | bc -l)" "$rc" "$oc" "$(echo "$oc / $rc" | bc -l)" $((rm / 1024)) $((om / 1024))
done
