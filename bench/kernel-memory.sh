#!/usr/bin/env bash
# Kernel memory and small-cell round trips beside ipykernel, in one run (issue 18): resident set after the
# first `1 + 1`, at cell 100 and at cell 1,000 of small cells, and the median round trip of a small cell.
#
#   bench/kernel-memory.sh [--cells N (1000)] [--rounds N (2)] [--kernel NAME (fahr-java)]
#                          [--also-opts "OPTS"]   the same fahr kernel again with FAHR_KERNEL_JAVA_OPTS=OPTS,
#                                                 in the same run (e.g. a setting's baseline)
#
# Needs the installed fahr kernel (./install.sh) and Debian's ipykernel (python3-ipykernel). FAHR_KERNEL_JAVA_OPTS
# set in the environment reaches the fahr kernel, to compare JVM settings. Writes bench/results/kernel-memory-*.txt.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
kernel=fahr-java
also=0
also_opts=
args=()
while (($#)); do
  case $1 in
    --cells | --rounds) args+=("$1" "$2"); shift ;;
    --kernel) kernel=$2; shift ;;
    --also-opts) also=1; also_opts=$2; shift ;;
    -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kernel-memory: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$here/bench/results"
out=$here/bench/results/kernel-memory-$(date -u +%Y%m%dT%H%M%SZ).txt
kernels=(--kernel "$kernel")
if ((also)); then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/fahr-bench.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  fahr_bench_kernel_with_opts "$kernel" "$tmp/kernels" "$kernel-also" "$also_opts"
  export JUPYTER_PATH=$tmp${JUPYTER_PATH:+:$JUPYTER_PATH}
  kernels+=(--kernel "$kernel-also")
fi
{
  echo "# FAHR_KERNEL_JAVA_OPTS=${FAHR_KERNEL_JAVA_OPTS-<unset: the launcher defaults>}"
  ((also)) && echo "# $kernel-also: FAHR_KERNEL_JAVA_OPTS=$also_opts"
  /usr/bin/python3 "$here/bench/kernel_memory.py" "${kernels[@]}" --kernel python3 "${args[@]}"
} | tee "$out"
