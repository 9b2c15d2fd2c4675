#!/usr/bin/env bash
# Re-fit benchmark (issue 5), in one run: re-fit latency (one cell changed, until the new container
# runs) through the CLI and in process, the floor (docker build of a one-file change of the same
# context + docker run), and a cold fit (fahr-<job> images removed). Target: re-fit <= 2 s and
# <= 1.5x the floor. bench/refit_measure.py does the measuring; see its header for the method.
#
#   bench/refit.sh [--reps N] [--cold-reps N] [--profile-reps N] [--skip-inproc]
# Runs itself under scripts/with-services.sh (a private Docker engine) unless DOCKER_HOST is set.
# Environment: FAHR_TARGET (Maven build folder, default target), SKIP_BUILD=1 (use what is built),
# FAHR_JAR (a fahr-kernel.jar to measure instead of kernel/$FAHR_TARGET/fahr-kernel.jar),
# FAHR_LAUNCHER_TEMPLATE (a fahr launcher template instead of kernel/src/kernelspec/fahr.in),
# FAHR_NO_CLI_ARCHIVE=1 (the launcher without its start-up archive, for a before/after).
# The launcher is also measured with FAHR_DAEMON=1 (its background process, opt-in), started by one fit first.
# Prints the figures and the commands; writes bench/results/refit-<UTC time>.{txt,json}.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ -z ${DOCKER_HOST:-} ]]; then
  exec "$root/scripts/with-services.sh" "$0" "$@"
fi
target=${FAHR_TARGET:-target}
if [[ -z ${FAHR_JAR:-} && ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building fahr (mvn -q -o install -DskipTests -Dfahr.target=$target)"
  (cd "$root" && mvn -q -o install -DskipTests -Dfahr.target="$target")
fi
jar=${FAHR_JAR:-$root/kernel/$target/fahr-kernel.jar}
[[ -f $jar ]] || { echo "refit.sh: no $jar" >&2; exit 1; }
mkdir -p "$root/bench/results"
out=$root/bench/results/refit-$(date -u +%Y%m%dT%H%M%SZ)
# The installed `fahr` command is kernel/src/kernelspec/fahr.in filled in by install.sh; fill it the same way.
launcher_dir=$(mktemp -d /tmp/fahr-bench-launcher.XXXXXX)
trap 'rm -rf "$launcher_dir"' EXIT
launcher=$launcher_dir/fahr
# As install.sh lays it out: the jar, the launcher, and the start-up archive made for this JDK.
java_bin=$(readlink -f "$(command -v java)")
cp "$jar" "$launcher_dir/fahr-kernel.jar"
sed -e "s|@FAHR_HOME@|$launcher_dir|g" -e "s|@JAVA@|$java_bin|g" \
  "${FAHR_LAUNCHER_TEMPLATE:-$root/kernel/src/kernelspec/fahr.in}" >"$launcher"
chmod 755 "$launcher"
# FAHR_DAEMON=1's client jar, as install.sh makes it (the daemon series below).
"$java_bin" -cp "$launcher_dir/fahr-kernel.jar" dev.fahr.cli.ClientJar "$launcher_dir/fahr-client.jar"
if [[ ${FAHR_NO_CLI_ARCHIVE:-0} != 1 ]]; then
  "$root/kernel/src/kernelspec/cli-archive.sh" "$java_bin" "$launcher_dir/fahr-kernel.jar" "$launcher_dir" \
    || echo "== no start-up archive could be made: the launcher runs without one"
fi
echo "== engine $DOCKER_HOST ($(docker version -f '{{.Server.Version}}')), jar $jar"
/usr/bin/python3 "$root/bench/refit_measure.py" --jar "$jar" --launcher "$launcher" --daemon --out "$out" "$@"
echo "results: $out.{txt,json}"
