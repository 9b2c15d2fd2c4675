#!/usr/bin/env bash
# API calls and time per status refresh of 100 in-progress SageMaker jobs reporting 2 metrics each,
# against the protocol test server (magics' test AWS stand-ins; no Docker engine needed), beside the
# baseline in the same run: one DescribeTrainingJob and one CloudWatch GetMetricData per job. Two levels:
# the driver's status call alone, and a whole `fahr status` refresh (driver, then the job records).
# Prints calls and the median ms per refresh.
#
#   bench/status-refresh.sh [--jobs N (100)] [--rounds N (15)] [--warmup N (3)]
#
# Builds magics' test classes and the modules it needs first (offline Maven). FAHR_TARGET names the build folder
# (default: target; -Dfahr.target). The harness is dev.fahr.bench.StatusRefreshBenchmark.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=100
rounds=15
warmup=3
while (($#)); do
  case $1 in
    --jobs) jobs=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "status-refresh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

target=${FAHR_TARGET:-target}
cd "$here"
# shellcheck source=bench/lib.sh
source "$here/bench/lib.sh"
classpath=$(fahr_bench_classpath "$here" "$target")

mkdir -p bench/results
out=bench/results/status-refresh-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# $(nproc) cores, $(java -version 2>&1 | head -1)" | tee "$out"
java -Dsun.net.httpserver.nodelay=true -cp "$classpath" dev.fahr.bench.StatusRefreshBenchmark "$jobs" "$rounds" "$warmup" \
  2> >(grep -v -e '^SLF4J' -e 'WARN' >&2) | tee -a "$out"
echo "saved to $out" >&2
