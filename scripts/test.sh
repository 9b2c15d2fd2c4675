#!/usr/bin/env bash
# The whole test suite, with the local services it needs:
#   scripts/test.sh [extra mvn args...]     e.g. scripts/test.sh -pl magics -am
# Works as root on a fresh Debian 12 machine: installs what is missing (JDK, Maven,
# Docker engine, registry, Jupyter clients), starts the services, runs `mvn -B verify`.
# Maven uses ~/.m2 as it is (settings and local repository are honoured).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh

# A bare environment (no LANG, as a fresh CI runner may have) means the C locale, in which a JVM cannot
# name files whose names are not ASCII (the JDK images the Jib tests read have some). fahr's launchers
# choose UTF-8 in that case; so do the tests, as Python does (PEP 538).
if [[ -z ${LC_ALL:-} ]]; then
  case ${LC_CTYPE:-${LANG:-}} in
    "" | C | POSIX) export LC_CTYPE=C.UTF-8 ;;
  esac
fi

# A JDK (17 or newer) and Maven, if the machine has none.
extra=()
java_major() {
  local v
  v=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  v=${v#1.}
  v=${v%%[.+-]*}
  echo "${v:-0}"
}
if ! command -v java >/dev/null || (( $(java_major || echo 0) < 17 )); then
  extra+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null || extra+=(maven)
fahr_install_packages "${extra[@]}"

mvn_args=(-B)
# Download progress lines are noise in CI logs.
[[ ${CI:-} == true ]] && mvn_args+=(--no-transfer-progress)

exec scripts/with-services.sh mvn "${mvn_args[@]}" verify "$@"
