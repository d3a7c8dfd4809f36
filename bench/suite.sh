#!/usr/bin/env bash
# All side-by-side cases of bench/run.sh in one go, each printed as its own table of ratios
# ours/restic (wall, CPU, peak RSS): the generated mixed data set (SIZE_MB, default 512),
# /usr/share (the issue's case: ~50k files, system docs and locales) and 30,000 generated
# files of 1-8 KiB (per-file costs). Each table also has `snapshots` on a small repository.
#
#   bench/suite.sh [CASE...]      cases: mixed usr-share small-files (default: all three)
#
# Environment as for bench/run.sh (CACHE, THREADS, WORK); SMALL_FILES (default 30000).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${WORK:-$here/out}"
cases=("$@"); ((${#cases[@]})) || cases=(mixed usr-share small-files)
mkdir -p "$work"
for c in "${cases[@]}"; do
  case "$c" in
    mixed) SIZE_MB="${SIZE_MB:-512}" LABEL=mixed "$here/run.sh" ;;
    usr-share) LABEL=usr-share "$here/run.sh" /usr/share ;;
    small-files)
      n="${SMALL_FILES:-30000}"; d="$work/small-$n"
      if [ ! -f "$d/.complete" ]; then
        echo "generating $n small files in $d" >&2
        rm -rf "$d"; python3 "$here/gen_small.py" "$d" "$n"; touch "$d/.complete"
      fi
      LABEL=small-files "$here/run.sh" "$d" ;;
    *) echo "unknown case: $c (mixed, usr-share, small-files)" >&2; exit 2 ;;
  esac | sed -n '/^$/,$p'
done
