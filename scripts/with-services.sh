#!/usr/bin/env bash
# Run a command with fahr's local test services up:
#   scripts/with-services.sh CMD [ARGS...]
# Installs missing Debian packages, starts a loopback Docker engine and a registry
# with htpasswd auth (scripts/services.sh), builds or loads the offline base images
# (scripts/base-images.sh), runs CMD with DOCKER_HOST, FAHR_TEST_REGISTRY,
# FAHR_TEST_REGISTRY_USER, FAHR_TEST_REGISTRY_PASSWORD, FAHR_TEST_REGISTRY_LOG and FAHR_TEST_PYTHON exported,
# and stops what it started when it exits, however it exits. Exit code: CMD's.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/services.sh
source "$here/services.sh"
# shellcheck source=scripts/base-images.sh
source "$here/base-images.sh"

child=
# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  local rc=$?
  fahr_exit_begins
  # The command may still run if we got a signal: stop it before its services.
  if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  # Keep the logs of a failed run for inspection.
  ((rc == 0)) || export FAHR_CI_KEEP_LOGS=1
  fahr_stop_services || true
  exit "$rc"
}
fahr_on_exit cleanup

# shellcheck disable=SC2119 # no extra packages here
fahr_install_packages
fahr_start_services
fahr_build_base_images

# In the background + wait, so that a signal is handled at once rather than after
# CMD ends; stdin is passed on explicitly (a background job would get /dev/null).
exec 3<&0
"$@" <&3 3<&- &
child=$!
exec 3<&-
set +e
wait "$child"
rc=$?
set -e
child=
exit "$rc"
