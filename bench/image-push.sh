#!/usr/bin/env bash
# Jib against the Docker engine, in one run, on the quickstart notebook's image: a re-fit after one cell
# changed, until the image is pushed to the services' password-protected registry, with the bytes uploaded
# (from the registry's own log) beside the changed layer's size; and a cold build and push (fahr's images
# and Jib's layer cache removed, a new repository; the base image's layers already in the registry).
#
#   bench/image-push.sh [--rounds N (7)] [--warmup N (2)] [--cold N (3)]
#
# Runs itself under scripts/with-services.sh (a private engine and registry) unless DOCKER_HOST and
# FAHR_TEST_REGISTRY are set. Builds magics' test classes and what they need first (offline Maven).
# The harness is dev.fahr.bench.ImagePushBenchmark. Writes bench/results/image-push-<UTC time>.txt.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=7
warmup=2
cold=3
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --cold) cold=$2; shift ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "image-push: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ -z ${DOCKER_HOST:-} || -z ${FAHR_TEST_REGISTRY:-} ]]; then
  exec "$here/scripts/with-services.sh" "$0" --rounds "$rounds" --warmup "$warmup" --cold "$cold"
fi

target=${FAHR_TARGET:-target}
cd "$here"
# shellcheck source=bench/lib.sh
source "$here/bench/lib.sh"
classpath=$(fahr_bench_classpath "$here" "$target")

mkdir -p bench/results
out=bench/results/image-push-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), $(docker version --format 'engine {{.Server.Version}}' 2>/dev/null || true)" | tee "$out"
java -Dfahr.repo="$here" -cp "$classpath" dev.fahr.bench.ImagePushBenchmark "$rounds" "$warmup" "$cold" \
  2> >(grep -v -e '^SLF4J' -e 'WARN' >&2) | tee -a "$out"
echo "saved to $out" >&2
