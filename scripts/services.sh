#!/usr/bin/env bash
# Local stand-ins for the services fahr's tests talk to: a Docker engine and a
# container registry (the ECR stand-in), both on loopback only.
#
# Source it and call the functions (scripts/with-services.sh does this):
#   fahr_install_packages            install missing Debian packages (apt)
#   fahr_start_services              start dockerd + registry, export env vars
#   fahr_stop_services               stop exactly what fahr_start_services started
# or run it: scripts/services.sh install | start | stop STATE_DIR
#   `start` prints `export ...` lines for eval and leaves the services running;
#   `stop STATE_DIR` stops them again from any shell (PIDs live in STATE_DIR/pids).
#
# Exports after start:
#   DOCKER_HOST                   unix://STATE/docker.sock (our dockerd, not the system one)
#   FAHR_TEST_REGISTRY            127.0.0.1:PORT (5000 when free)
#   FAHR_TEST_REGISTRY_USER       AWS (as ECR's token login)
#   FAHR_TEST_REGISTRY_PASSWORD   a random token
#   FAHR_TEST_REGISTRY_LOG        its request log, where a test sees which blobs were uploaded
#   FAHR_TEST_PYTHON              /usr/bin/python3 (Debian's, which has the jupyter modules)
#   FAHR_CI_STATE                 the state dir (sockets, logs, data)
#
# Settings (environment): FAHR_CI_STATE (default: a new dir under FAHR_CI_CACHE),
# FAHR_CI_CACHE (default /var/cache/fahr-ci). A state dir this script made is deleted
# on stop; FAHR_CI_KEEP_STATE=1 keeps all of it, FAHR_CI_KEEP_LOGS=1 keeps the logs.

# Debian packages the tests and benchmarks need. The python3 on PATH may be a pyenv
# one, so the jupyter modules come from Debian and run with /usr/bin/python3.
FAHR_APT_PACKAGES=(
  docker.io docker-registry apache2-utils debootstrap busybox-static
  python3-jupyter-client python3-nbclient python3-nbformat python3-jupyter-kernel-test
  python3-ipykernel jupyter-nbconvert jupyter-notebook python3-botocore curl hyperfine
  chromium chromium-driver python3-selenium zsh openssl
)

fahr_log() { printf '[fahr-ci] %s\n' "$*" >&2; }

# Runs the function named $1 when the script ends: normally, by Ctrl-C, kill, hang-up, or a closed output
# pipe (`... | head`); a signal ends the run with the usual 128+N code first. The function starts with
# `local rc=$?; fahr_exit_begins`.
fahr_on_exit() {
  # shellcheck disable=SC2064 # the name is meant to be expanded now
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap 'exit 141' PIPE
}

# Runs once only, and a log line written to a reader that is gone must not end the cleanup half-way
# (that left dockerd and the registry running).
fahr_exit_begins() {
  trap - EXIT INT TERM HUP
  trap '' PIPE
}
fahr_die() { printf '[fahr-ci] ERROR: %s\n' "$*" >&2; return 1; }

# Print the tail of a service log so a failure explains itself in CI output.
fahr_show_log() {
  local log=$1
  if [[ -s $log ]]; then
    printf '[fahr-ci] ---- last lines of %s ----\n' "$log" >&2
    tail -n 30 "$log" >&2
    printf '[fahr-ci] ----\n' >&2
  fi
}

# Install whatever is missing, with one `apt-get update`. Extra package names can be
# given as arguments. `dpkg -s` first, so an already prepared machine needs no network.
# shellcheck disable=SC2120 # the extra arguments are optional
fahr_install_packages() {
  local pkg missing=()
  for pkg in "${FAHR_APT_PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { fahr_die "need root (or sudo) to install: ${missing[*]}"; return 1; }
    sudo=(sudo -n)
  fi
  fahr_log "installing Debian packages: ${missing[*]}"
  # noninteractive + no stdin: CI has no terminal for debconf prompts.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >&2 \
    || { fahr_die "apt-get update failed (is the Debian mirror reachable?)"; return 1; }
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" </dev/null >&2 \
    || { fahr_die "apt-get install failed for: ${missing[*]}"; return 1; }
}

# A port on 127.0.0.1 that nothing listens on: the preferred one if free, else one the
# kernel hands out. (A race with another process is possible but harmless: the
# registry then fails to start and says "address already in use".)
fahr_free_port() {
  local preferred=$1
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$preferred") 2>/dev/null; then
    echo "$preferred"
    return 0
  fi
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Process start time (clock ticks since boot, field 22 of /proc/PID/stat). Stored with
# each PID so that stop never signals an unrelated process that reused the PID.
fahr_proc_start() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }            # drop "pid (comm) ", comm may contain spaces
  # after that, field 3 of the original line is field 1 here; start time is field 22
  awk '{print $20}' <<<"$stat"
}

fahr_state_init() {
  if [[ -z ${FAHR_CI_STATE:-} ]]; then
    local cache=${FAHR_CI_CACHE:-/var/cache/fahr-ci}
    mkdir -p "$cache"
    # Under the cache dir (a real disk, where overlay2 works), short enough that the
    # unix socket paths stay below the 108 byte limit.
    FAHR_CI_STATE=$(mktemp -d "$cache/run.XXXXXX")
    # Marks a dir we made, so stop may delete it (a dir the user chose is kept).
    touch "$FAHR_CI_STATE/.created-by-fahr-ci"
  else
    mkdir -p "$FAHR_CI_STATE"
    FAHR_CI_STATE=$(cd "$FAHR_CI_STATE" && pwd)
  fi
  if (( ${#FAHR_CI_STATE} > 70 )); then
    fahr_die "state dir path too long for unix sockets (${#FAHR_CI_STATE} > 70 chars): $FAHR_CI_STATE; set FAHR_CI_STATE to a shorter path"
    return 1
  fi
  mkdir -p "$FAHR_CI_STATE/logs"
  touch "$FAHR_CI_STATE/pids"
  export FAHR_CI_STATE
}

# Remember a started process: name, PID and start time.
fahr_record_pid() {
  local name=$1 pid=$2 start
  start=$(fahr_proc_start "$pid") || start=0
  printf '%s %s %s\n' "$name" "$pid" "$start" >>"$FAHR_CI_STATE/pids"
}

# Is a recorded process still the one we started?
fahr_is_ours() {
  local pid=$1 start=$2 now
  now=$(fahr_proc_start "$pid") || return 1
  [[ $now == "$start" ]]
}

fahr_start_dockerd() {
  local state=$FAHR_CI_STATE sock log pid i
  sock=$state/docker.sock
  log=$state/logs/dockerd.log
  command -v dockerd >/dev/null || { fahr_die "dockerd not found (apt-get install docker.io)"; return 1; }
  fahr_log "starting dockerd (socket $sock, log $log)"
  # Loopback-only engine: no iptables, no NAT, no bridge (containers get network
  # "none" unless they ask for host networking). Its own data/exec roots, pidfile and
  # socket keep it apart from any system dockerd; its own containerd namespaces keep
  # it apart from a system containerd that it may find and share.
  # setsid: own session, so a Ctrl-C meant for the test command does not reach it;
  # we stop it ourselves. (setsid execs in place, so $! is dockerd's PID.)
  setsid dockerd \
    --iptables=false --ip-masq=false --bridge=none --storage-driver=overlay2 \
    --data-root "$state/data" --exec-root "$state/exec" --pidfile "$state/docker.pid" \
    --containerd-namespace fahr-ci --containerd-plugins-namespace fahr-ci-plugins \
    -H "unix://$sock" </dev/null >"$log" 2>&1 &
  pid=$!
  fahr_record_pid dockerd "$pid"
  for ((i = 0; i < 600; i++)); do
    if curl -sf --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; then
      export DOCKER_HOST="unix://$sock"
      fahr_log "dockerd ready (pid $pid, DOCKER_HOST=$DOCKER_HOST)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      fahr_show_log "$log"
      fahr_die "dockerd exited during start-up (see $log)"
      return 1
    fi
    sleep 0.1
  done
  fahr_show_log "$log"
  fahr_die "dockerd did not answer on $sock within 60 s (see $log)"
  return 1
}

fahr_start_registry() {
  local state=$FAHR_CI_STATE port log conf pass code pid i
  log=$state/logs/registry.log
  conf=$state/registry.yml
  command -v docker-registry >/dev/null || { fahr_die "docker-registry not found (apt-get install docker-registry)"; return 1; }
  command -v htpasswd >/dev/null || { fahr_die "htpasswd not found (apt-get install apache2-utils)"; return 1; }
  port=$(fahr_free_port 5000)
  # A random token, as ECR's `get-login-password` gives, for user AWS.
  pass=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  htpasswd -Bbn AWS "$pass" >"$state/registry.htpasswd"
  # HTTPS, as every real registry (ECR) serves: a login is never sent in the clear. The certificate is
  # self-signed for loopback, which the Docker engine and fahr's Jib builds accept from this machine only.
  command -v openssl >/dev/null || { fahr_die "openssl not found (apt-get install openssl)"; return 1; }
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$state/registry-key.pem" -out "$state/registry-cert.pem" >/dev/null 2>&1 ||
    { fahr_die "openssl could not make the registry's certificate"; return 1; }
  cat >"$conf" <<YAML
version: 0.1
log: {level: info}
storage: {filesystem: {rootdirectory: $state/registry-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port, tls: {certificate: $state/registry-cert.pem, key: $state/registry-key.pem}}
auth: {htpasswd: {realm: fahr, path: $state/registry.htpasswd}}
YAML
  fahr_log "starting docker-registry on 127.0.0.1:$port (log $log)"
  setsid docker-registry serve "$conf" </dev/null >"$log" 2>&1 &
  pid=$!
  fahr_record_pid registry "$pid"
  for ((i = 0; i < 300; i++)); do
    code=$(curl -sk -o /dev/null --max-time 2 -w '%{http_code}' "https://127.0.0.1:$port/v2/" 2>/dev/null) || true
    if [[ $code == 401 || $code == 200 ]]; then
      export FAHR_TEST_REGISTRY="127.0.0.1:$port"
      export FAHR_TEST_REGISTRY_USER=AWS
      export FAHR_TEST_REGISTRY_PASSWORD=$pass
      export FAHR_TEST_REGISTRY_LOG=$log
      fahr_log "registry ready (pid $pid, FAHR_TEST_REGISTRY=$FAHR_TEST_REGISTRY, user AWS)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      fahr_show_log "$log"
      fahr_die "docker-registry exited during start-up (see $log)"
      return 1
    fi
    sleep 0.1
  done
  fahr_show_log "$log"
  fahr_die "docker-registry did not answer on 127.0.0.1:$port/v2/ within 30 s (see $log)"
  return 1
}

fahr_start_services() {
  fahr_state_init || return 1
  fahr_start_dockerd || return 1
  fahr_start_registry || return 1
  if [[ ! -x /usr/bin/python3 ]]; then
    fahr_die "/usr/bin/python3 missing (apt-get install python3-jupyter-client python3-nbclient)"
    return 1
  fi
  export FAHR_TEST_PYTHON=/usr/bin/python3
}

# Unmount whatever is still mounted below the state dir, deepest first: the nsfs
# mount dockerd leaves at exec/netns/default, and overlay mounts if it was killed.
fahr_unmount_state() {
  local state=$1 mnt
  [[ -d $state ]] || return 0
  if mountpoint -q "$state/exec/netns/default" 2>/dev/null; then
    umount "$state/exec/netns/default" 2>/dev/null || umount -l "$state/exec/netns/default" 2>/dev/null || true
  fi
  # /proc/self/mounts escapes spaces as \040; our state paths have none.
  while read -r mnt; do
    umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
  done < <(awk -v p="$state/" 'index($2, p) == 1 {print $2}' /proc/self/mounts | sort -r)
}

# Stop exactly the processes recorded in STATE/pids (TERM, wait up to 20 s, KILL),
# in reverse start order. Nothing else is signalled.
fahr_stop_services() {
  local state=${1:-${FAHR_CI_STATE:-}} name pid start i alive line
  [[ -n $state && -f $state/pids ]] || return 0
  local -a lines=()
  mapfile -t lines <"$state/pids"
  for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
    read -r name pid start <<<"${lines[i]}"
    fahr_is_ours "$pid" "$start" || continue
    fahr_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || continue
  done
  # dockerd stops its containers first (up to 15 s), so allow it 20 s in all.
  for ((i = 0; i < 200; i++)); do
    alive=0
    for line in "${lines[@]}"; do
      read -r name pid start <<<"$line"
      fahr_is_ours "$pid" "$start" && alive=1
    done
    ((alive)) || break
    sleep 0.1
  done
  for line in "${lines[@]}"; do
    read -r name pid start <<<"$line"
    if fahr_is_ours "$pid" "$start"; then
      fahr_log "$name (pid $pid) did not stop on TERM, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  : >"$state/pids"
  fahr_unmount_state "$state"
  if [[ -f $state/.created-by-fahr-ci && ${FAHR_CI_KEEP_STATE:-0} != 1 ]]; then
    # We made this dir: drop the bulky engine and registry data, keep the logs
    # (small) when asked to, otherwise remove it all.
    if [[ ${FAHR_CI_KEEP_LOGS:-0} == 1 ]]; then
      rm -rf "$state/data" "$state/exec" "$state/registry-data"
      fahr_log "service logs kept in $state/logs"
    else
      rm -rf "$state"
    fi
  fi
}

# Executed rather than sourced: a small command line for developers.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    install) fahr_install_packages "${@:2}" ;;
    start)
      # Leave the services running; print the exports for `eval`.
      fahr_start_services >&2 || { fahr_stop_services; exit 1; }
      for v in DOCKER_HOST FAHR_TEST_REGISTRY FAHR_TEST_REGISTRY_USER FAHR_TEST_REGISTRY_PASSWORD FAHR_TEST_REGISTRY_LOG \
        FAHR_TEST_PYTHON FAHR_CI_STATE; do
        printf 'export %s=%q\n' "$v" "${!v}"
      done
      fahr_log "stop with: $0 stop $FAHR_CI_STATE"
      ;;
    stop)
      [[ -n ${2:-${FAHR_CI_STATE:-}} ]] || { echo "usage: $0 stop STATE_DIR" >&2; exit 2; }
      fahr_stop_services "${2:-$FAHR_CI_STATE}"
      ;;
    *) echo "usage: $0 install | start | stop STATE_DIR  (or source it)" >&2; exit 2 ;;
  esac
fi
