#!/usr/bin/env bash
# Makes the `fahr` launcher's start-up archive for one JDK and one fahr-kernel.jar:
#   cli-archive.sh JAVA JAR FOLDER
# JDK 25 and later: an AOT cache, FOLDER/fahr-cli.aot (classes loaded and linked ahead of time, JEP 483);
# JDK 17 to 24: a dynamic class-data archive, FOLDER/fahr-cli.jsa. Either comes from one run of
# dev.fahr.cli.StartupArchive (help, init, config, status, a fit up to its build, in a temporary project).
# The launcher uses the archive only with the JDK that made it, and install.sh makes it anew on every
# install, so it never maps classes of another jar. Prints the file made; exit 1 when none could be.
set -euo pipefail
java=$1 jar=$2 folder=$3
major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')
major=${major#1.}
rm -f "$folder/fahr-cli.aot" "$folder/fahr-cli.jsa" "$folder"/fahr-cli.*.tmp
# The launcher's default options, read from its template beside this script (one copy of them): an AOT
# cache is made for the flags it runs with.
read -r -a opts < <(sed -n 's/^ *FAHR_CLI_JAVA_OPTS="\(.*\)"$/\1/p' "$(dirname "${BASH_SOURCE[0]}")/fahr.in")
((${#opts[@]})) || { echo "cli-archive: no FAHR_CLI_JAVA_OPTS default in fahr.in" >&2; exit 1; }
if ((major >= 25)); then
  made=$folder/fahr-cli.aot
  "$java" "${opts[@]}" "-XX:AOTCacheOutput=$made.tmp" -cp "$jar" dev.fahr.cli.StartupArchive >/dev/null 2>&1 || true
else
  made=$folder/fahr-cli.jsa
  "$java" "${opts[@]}" "-XX:ArchiveClassesAtExit=$made.tmp" -cp "$jar" dev.fahr.cli.StartupArchive >/dev/null 2>&1 || true
fi
if [[ -s $made.tmp ]]; then
  mv "$made.tmp" "$made"
  echo "$made"
else
  rm -f "$made.tmp"
  exit 1
fi
