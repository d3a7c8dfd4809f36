#!/usr/bin/env bash
# Upload throughput per backend: restic 0.14 and ChronosGuard each back up the same data set
# into a fresh repository on the same server — a local folder, a REST server (rclone serve
# restic), an SFTP server (OpenSSH sshd) and an S3 server (s3proxy, in memory) — and the
# script prints wall time, MB/s and the throughput ratio ours/restic per backend
# (target: >= 1.00x). Every server runs on 127.0.0.1 on a free port, from a temporary folder.
#
#   bench/backends.sh [DATA_DIR]   back up DATA_DIR
#   bench/backends.sh              generate a reproducible mixed data set (SIZE_MB, default 256)
#
# Environment: SIZE_MB, WORK (scratch folder, default bench/out), BACKENDS (default
# "local rest sftp s3").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="${WORK:-$here/out}"
size_mb="${SIZE_MB:-256}"
backends="${BACKENDS:-local rest sftp s3}"

source "$here/common.sh" "$@"
command -v rclone >/dev/null || { echo "backends.sh: rclone is needed (apt-get install rclone)" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "backends.sh: sshd is needed (apt-get install openssh-server)" >&2; exit 2; }

export RESTIC_PASSWORD="bench-password" CHRONOSGUARD_PASSWORD="bench-password"
srv="$(mktemp -d "${TMPDIR:-/tmp}/cg-bench-servers.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$srv"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

await_file() {   # file what: waits (at most 60 s) until file is non-empty
  for _ in $(seq 600); do [ -s "$1" ] && return 0; sleep 0.1; done
  echo "backends.sh: $2 did not start:" >&2; cat "$srv"/*.log >&2 || true; exit 1
}

start_rest() {
  mkdir -p "$srv/rest"
  rclone serve restic --config "" --addr 127.0.0.1:0 "$srv/rest" >"$srv/rclone.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do grep -q "Serving restic REST API on" "$srv/rclone.log" && break; sleep 0.1; done
  rest_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$srv/rclone.log" | head -1)"
  [ -n "$rest_url" ] || { echo "backends.sh: rclone did not start:" >&2; cat "$srv/rclone.log" >&2; exit 1; }
}

start_sftp() {   # as tests/SshServer.java does: own host and client keys, keys only, internal-sftp
  local d="$srv/ssh"; mkdir -p "$d/repos"
  ssh-keygen -q -t ed25519 -N "" -C cg-bench -f "$d/host_key"
  ssh-keygen -q -t ed25519 -N "" -C cg-bench -f "$d/client_key"
  cp "$d/client_key.pub" "$d/authorized_keys"
  [ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
  sftp_port="$(free_port)"
  cat > "$d/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $sftp_port
HostKey $d/host_key
PidFile none
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AuthorizedKeysFile $d/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
Subsystem sftp internal-sftp
EOF
  /usr/sbin/sshd -D -e -f "$d/sshd_config" >"$srv/sshd.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do grep -q "Server listening" "$srv/sshd.log" && break; sleep 0.1; done
  echo "[127.0.0.1]:$sftp_port $(cat "$d/host_key.pub")" > "$d/known_hosts"
  sftp_user="$(id -un)"
  sftp_ssh="ssh -i $d/client_key -p $sftp_port -o UserKnownHostsFile=$d/known_hosts -o StrictHostKeyChecking=yes"
  sftp_ssh+=" -o BatchMode=yes -o IdentitiesOnly=yes $sftp_user@127.0.0.1 -s sftp"
}

start_s3() {   # the tests' s3proxy (tests/BenchS3Server.java) on the test classpath
  echo "backends.sh: compiling the tests' S3 server..." >&2
  (cd "$root" && mvn -B -o -q test-compile dependency:build-classpath -pl tests -am \
      -Dmdep.outputFile="$srv/s3.cp" -Dmdep.includeScope=test >/dev/null)
  local cp; cp="$root/tests/target/test-classes:$(cat "$srv/s3.cp")"
  mkfifo "$srv/s3.stdin"
  java -Xmx2g -cp "$cp" io.chronosguard.tests.BenchS3Server "$srv/s3.creds" <"$srv/s3.stdin" >"$srv/s3.log" 2>&1 &
  pids+=($!)
  exec 9>"$srv/s3.stdin"   # held open: closing it (at exit) stops the server
  await_file "$srv/s3.creds" "s3proxy"
  read -r s3_port AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY < "$srv/s3.creds"
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
}

repo_url() {   # backend tool
  case $1 in
    local) echo "$work/backends-$2" ;;
    rest) echo "rest:${rest_url}$2/" ;;
    sftp) echo "sftp://$sftp_user@127.0.0.1:$sftp_port/$srv/ssh/repos/$2" ;;
    s3) echo "s3:http://127.0.0.1:$s3_port/bench/$2" ;;
  esac
}

run_restic() {   # backend repo-name args...
  local b=$1 name=$2; shift 2
  if [ "$b" = sftp ]; then
    restic -r "sftp:$sftp_user@127.0.0.1:$srv/ssh/repos/$name" -o sftp.command="$sftp_ssh" "$@"
  else
    restic -r "$(repo_url "$b" "$name")" "$@"
  fi
}

run_ours() {   # backend args...
  local b=$1; shift
  local o=(); [ "$b" = sftp ] && o=(-o "sftp.key=$srv/ssh/client_key" -o "sftp.known-hosts=$srv/ssh/known_hosts")
  "$root/chronosguard" -r "$(repo_url "$b" ours)" "${o[@]}" "$@"
}

timed() {   # cmd...: prints its wall time in seconds
  local start end; start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/stderr.txt" || { echo "FAILED: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

bytes=$(du -sb --exclude=.complete "$data" | cut -f1)
mb=$(echo "$bytes / 1048576" | bc -l)
rm -rf "$work/backends-restic" "$work/backends-ours"
for b in $backends; do
  case $b in rest) start_rest ;; sftp) start_sftp ;; s3) start_s3 ;; local) ;; *) echo "unknown backend $b" >&2; exit 2 ;; esac
done

rows=()
for b in $backends; do
  echo "backends.sh: $b..." >&2
  run_restic "$b" restic init -q >/dev/null
  run_ours "$b" init >/dev/null
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  rw=$(timed run_restic "$b" restic backup -q "$data")
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  ow=$(timed run_ours "$b" backup "$data")
  run_restic "$b" ours check -q >/dev/null || { echo "restic check failed on our $b repository!" >&2; exit 1; }
  rows+=("$b $rw $ow")
done

echo
echo "data: $data ($(numfmt --to=iec "$bytes")), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(restic version | cut -d' ' -f1-2)"
printf "| %-7s | %11s | %11s | %12s | %12s | %17s |\n" backend "restic wall" "ours wall" "restic MB/s" "ours MB/s" "ratio ours/restic"
printf "|%s|\n" "---------|-------------|-------------|--------------|--------------|-------------------"
for row in "${rows[@]}"; do
  read -r b rw ow <<<"$row"
  printf "| %-7s | %10.2fs | %10.2fs | %12.1f | %12.1f | %16.2fx |\n" "$b" "$rw" "$ow" \
    "$(echo "$mb / $rw" | bc -l)" "$(echo "$mb / $ow" | bc -l)" "$(echo "$rw / $ow" | bc -l)"
done
