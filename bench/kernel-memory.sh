#!/usr/bin/env bash
# Kernel memory and small-cell round trips beside ipykernel, in one run (issue 18): resident set after the
# first `1 + 1`, at cell 100 and at cell 1,000 of small cells, and the median round trip of a small cell.
#
#   bench/kernel-memory.sh [--cells N (1000)] [--rounds N (2)] [--kernel NAME (fahr-java)]
#
# Needs the installed fahr kernel (./install.sh) and Debian's ipykernel (python3-ipykernel). FAHR_KERNEL_JAVA_OPTS
# set in the environment reaches the fahr kernel, to compare JVM settings. Writes bench/results/kernel-memory-*.txt.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernel=fahr-java
args=()
while (($#)); do
  case $1 in
    --cells | --rounds) args+=("$1" "$2"); shift ;;
    --kernel) kernel=$2; shift ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kernel-memory: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$here/bench/results"
out=$here/bench/results/kernel-memory-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "# FAHR_KERNEL_JAVA_OPTS=${FAHR_KERNEL_JAVA_OPTS-<unset: the launcher defaults>}"
  /usr/bin/python3 "$here/bench/kernel_memory.py" --kernel "$kernel" --kernel python3 "${args[@]}"
} | tee "$out"
