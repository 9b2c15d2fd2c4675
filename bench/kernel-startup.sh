#!/usr/bin/env bash
# Start-up speed of the fahr kernel beside Debian's ipykernel, in one run: process start to
# kernel_info_reply, and process start to the first `1 + 1` execute_reply; N cold starts of each,
# interleaved; median and p90 of each figure and the ratio fahr/ipykernel.
#
#   bench/kernel-startup.sh                 install kernel/target/fahr-kernel.jar into a temporary
#                                           home with ./install.sh --jar (launcher, CDS archive and
#                                           all, as a user gets it) and measure that
#   bench/kernel-startup.sh --jar PATH      the same with another built jar
#   bench/kernel-startup.sh --installed     measure the kernelspec fahr-java already installed
#   --also-opts "OPTS"                      also measure the same fahr kernel with
#                                           FAHR_KERNEL_JAVA_OPTS=OPTS (e.g. the previous defaults),
#                                           as a third kernel in the same interleaved run
#   --also-home DIR                         also measure the fahr kernel installed under the home DIR, as
#                                           another kernel in the same run: a baseline from another checkout
#                                           (git worktree add /tmp/base COMMIT; build it; then
#                                           HOME=DIR /tmp/base/install.sh --no-build)
#   --runs N (default 10), --warmup N (default 1)
#
# Needs Debian's python3-jupyter-client and python3-ipykernel (/usr/bin/python3), and a JDK 17+.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
runs=10
warmup=1
jar=
installed=0
also_opts=
also=0
also_home=
while (($#)); do
  case $1 in
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#--runs=} ;;
    --warmup) warmup=$2; shift ;;
    --warmup=*) warmup=${1#--warmup=} ;;
    --jar) jar=$2; shift ;;
    --jar=*) jar=${1#--jar=} ;;
    --installed) installed=1 ;;
    --also-opts) also_opts=$2; also=1; shift ;;
    --also-opts=*) also_opts=${1#--also-opts=}; also=1 ;;
    --also-home) also_home=$2; shift ;;
    --also-home=*) also_home=${1#--also-home=} ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kernel-startup: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

py=/usr/bin/python3
if ! "$py" -c 'import jupyter_client, ipykernel' 2>/dev/null; then
  echo "kernel-startup: needs Debian's python3-jupyter-client and python3-ipykernel (apt-get install python3-jupyter-client python3-ipykernel)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fahr-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Debian's ipykernel, spelled out, so that a user's own python3 kernelspec cannot stand in for it.
mkdir -p "$tmp/path/kernels/ipykernel"
cat >"$tmp/path/kernels/ipykernel/kernel.json" <<JSON
{"argv": ["$py", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian ipykernel)", "language": "python"}
JSON
export JUPYTER_PATH=$tmp/path${JUPYTER_PATH:+:$JUPYTER_PATH}

if ((installed)); then
  fahr_spec=fahr-java
else
  if [[ -z $jar ]]; then
    jar=$(ls -t "$here"/kernel/target*/fahr-kernel.jar 2>/dev/null | head -n 1 || true)
  fi
  [[ -n $jar && -f $jar ]] || { echo "kernel-startup: no fahr-kernel.jar; build first (mvn -B -DskipTests package) or pass --jar PATH" >&2; exit 1; }
  echo "kernel-startup: installing $jar into a temporary home ..." >&2
  export JUPYTER_DATA_DIR=$tmp/home/.local/share/jupyter
  HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share "$here/install.sh" --jar "$jar" >"$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log" >&2; echo "kernel-startup: install.sh failed" >&2; exit 1; }
  grep -h 'class-data' "$tmp/install.log" | sed 's/^/kernel-startup: install.sh: /' >&2 || true
  fahr_spec=fahr-java
fi

# The same kernel with other JVM options: a copy of its kernelspec whose env sets FAHR_KERNEL_JAVA_OPTS.
kernels=("$fahr_spec")
if ((also)); then
  fahr_bench_kernel_with_opts "$fahr_spec" "$tmp/path/kernels" fahr-java-also "$also_opts"
  echo "kernel-startup: fahr-java-also runs with FAHR_KERNEL_JAVA_OPTS=\"$also_opts\"" >&2
  kernels+=(fahr-java-also)
fi
if [[ -n $also_home ]]; then
  fahr_bench_kernel_in_home "$also_home" "$tmp/path/kernels" fahr-java-home
  echo "kernel-startup: fahr-java-home is the kernel installed under $also_home" >&2
  kernels+=(fahr-java-home)
fi

echo "kernel-startup: $(nproc) cores, $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1), $("$py" -c 'import ipykernel; print("ipykernel", ipykernel.__version__)')" >&2
"$py" "$here/bench/kernel_startup.py" --runs "$runs" --warmup "$warmup" "${kernels[@]}" ipykernel
