# Shared set-up of the benchmark scripts (sourced, not run): installs what they need from
# Debian's packages, then sets $data to the folder to back up — $1 when given, otherwise a
# reproducible generated mixed data set of $size_mb MiB under $work — and builds ChronosGuard
# on first use. Expects $here, $root, $work and $size_mb to be set.
need=()
command -v restic >/dev/null || need+=(restic)
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$work"
data="${1:-}"
if [ -z "$data" ]; then
  data="$work/data-${size_mb}m"
  if [ ! -f "$data/.complete" ]; then
    echo "generating ${size_mb} MiB of mixed data in $data" >&2
    rm -rf "$data"
    python3 "$here/gen_data.py" "$data" "$size_mb"
    touch "$data/.complete"
  fi
fi
data="$(cd "$data" && pwd)"

"$root/chronosguard" --version >/dev/null   # builds on first use
