#!/usr/bin/env bash
# Install fahr for the current user: builds the project, installs the Jupyter kernel
# "Java (fahr)" (kernelspec fahr-java) and the `fahr` command. Idempotent.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: ./install.sh [--no-build] [--jar PATH] [--uninstall] [--help]

Builds fahr (mvn -B -q -DskipTests package) and installs, for the current user:
  ~/.local/share/fahr/fahr-kernel.jar      the kernel and CLI
  ~/.local/share/fahr/bin/fahr-kernel      the kernel launcher
  ~/.local/share/fahr/fahr-kernel.aot|.jsa the kernel's start-up archive: an AOT cache on JDK 25+, else
                                           class data (made by running a short session of the kernel;
                                           needs Python's jupyter_client)
  ~/.local/share/fahr/fahr-cli.aot|.jsa    the fahr command's start-up archive (an AOT cache on JDK 25+)
  ~/.local/share/fahr/fahr-client.jar      the small client of FAHR_DAEMON=1's background process
  kernelspec fahr-java ("Java (fahr)")     via 'jupyter kernelspec install --user',
                                           or copied to \${JUPYTER_DATA_DIR:-~/.local/share/jupyter}/kernels/
  ~/.local/bin/fahr                        the fahr command
The kernel keeps the classes cells compile against in ~/.cache/fahr-kernel (made on its first start).

Options:
  --no-build     install kernel/target/fahr-kernel.jar as it is, without building
  --jar PATH     install this jar instead of building (implies --no-build)
  --uninstall    remove the kernelspec, the fahr command, ~/.local/share/fahr and ~/.cache/fahr-kernel
  -h, --help     show this help

Needs Java 17 or newer (a JDK: the kernel runs JShell) and Maven 3.6 or newer.
On Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven

Environment:
  FAHR_KERNEL_JAVA_OPTS  JVM options for the kernel, read each time a kernel starts
                         (unset: serial GC, C1 on one compiler thread, a small heap;
                         see $FAHR_HOME/bin/fahr-kernel)
  FAHR_CLI_JAVA_OPTS     JVM options for the fahr command (unset: the same defaults)
  JAVA_HOME              the JDK to use (else java on PATH)
  JUPYTER_DATA_DIR       where Jupyter looks for user kernelspecs
USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
fahr_home=$data_home/fahr
kernel_cache=${XDG_CACHE_HOME:-$HOME/.cache}/fahr-kernel
bin_dir=$HOME/.local/bin
kernel_name=fahr-java
jupyter_data=${JUPYTER_DATA_DIR:-$data_home/jupyter}
templates=$here/kernel/src/kernelspec
# Files we write carry this line, so we never overwrite or delete someone else's `fahr`.
marker="installed by fahr's install.sh"

say() { printf 'fahr: %s\n' "$*"; }
die() { printf 'fahr: error: %s\n' "$*" >&2; exit 1; }

build=1
jar=
uninstall=0
while (($#)); do
  case $1 in
    --no-build) build=0 ;;
    --jar)
      (($# >= 2)) || die "--jar needs a path"
      jar=$2; build=0; shift ;;
    --jar=*) jar=${1#--jar=}; build=0 ;;
    --uninstall) uninstall=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

# A command that works as `jupyter kernelspec`: the jupyter on PATH, else Debian's
# /usr/bin/jupyter (PATH may have a pyenv python first, whose shim has no jupyter),
# else Debian's jupyter_client module run directly (its CLI is a separate package).
# Sets the array KS; fails when there is none.
find_kernelspec_cmd() {
  local j
  for j in "$(command -v jupyter 2>/dev/null || true)" /usr/bin/jupyter; do
    if [[ -n $j && -x $j ]] && "$j" kernelspec --version >/dev/null 2>&1; then
      KS=("$j" kernelspec)
      return 0
    fi
  done
  if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import jupyter_client.kernelspecapp' >/dev/null 2>&1; then
    KS=(/usr/bin/python3 -m jupyter_client.kernelspecapp)
    return 0
  fi
  return 1
}

remove_if_ours() {
  local f=$1
  [[ -e $f ]] || return 0
  if grep -q "$marker" "$f" 2>/dev/null; then
    rm -f "$f"
  else
    say "left $f alone: it was not installed by fahr"
  fi
}

# Background processes of FAHR_DAEMON=1 run the installed jar: end them before it is replaced or removed.
stop_daemons() {
  local j=${JAVA_HOME:+$JAVA_HOME/bin/java}
  [[ -x ${j:-} ]] || j=$(command -v java 2>/dev/null) || return 0
  [[ -f $fahr_home/fahr-client.jar ]] || return 0
  "$j" -cp "$fahr_home/fahr-client.jar" dev.fahr.cli.client.DaemonClient "$j" "$fahr_home/fahr-kernel.jar" \
    --daemon-options -- daemon stop >/dev/null 2>&1 || true
}

if ((uninstall)); then
  stop_daemons
  if find_kernelspec_cmd; then
    # Removes the copy this Jupyter finds (the user's); quiet when there is none.
    "${KS[@]}" remove -f "$kernel_name" >/dev/null 2>&1 || true
  fi
  rm -rf "${jupyter_data:?}/kernels/$kernel_name"
  remove_if_ours "$bin_dir/fahr"
  rm -rf "${fahr_home:?}" "${kernel_cache:?}"
  say "uninstalled: kernelspec $kernel_name, the fahr command, $fahr_home and $kernel_cache are gone"
  exit 0
fi

# ---- prerequisites: say everything that is missing at once ----
problems=()
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java 2>/dev/null || true)
fi
if [[ -z $java ]]; then
  problems+=("Java 17 or newer is needed, but no 'java' is on PATH (and JAVA_HOME is not set).")
else
  java_version=$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  major=${java_version#1.}         # 1.8.0_x -> 8.0_x
  major=${major%%[.+_-]*}
  if ! [[ $major =~ ^[0-9]+$ ]]; then
    problems+=("could not read the Java version of $java ('$("$java" -version 2>&1 | head -n 1)').")
  elif ((major < 17)); then
    problems+=("Java $java_version at $java is too old: fahr needs Java 17 or newer.")
  elif ! "$java" --list-modules 2>/dev/null | grep -q '^jdk.jshell@'; then
    # The kernel evaluates cells with JShell, which only a full JDK has.
    problems+=("$java is a Java runtime without JShell (module jdk.jshell): fahr needs a JDK, not a JRE.")
  fi
fi
if ((build)); then
  if ! command -v mvn >/dev/null 2>&1; then
    problems+=("Maven 3.6 or newer is needed to build fahr, but no 'mvn' is on PATH.")
  else
    # mvn colours its banner even in batch mode: strip the escape codes first.
    mvn_version=$(mvn -B -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk '/^Apache Maven/ {print $3; exit}')
    IFS=. read -r mvn_major mvn_minor _ <<<"${mvn_version:-0.0}"
    if ! [[ ${mvn_major:-} =~ ^[0-9]+$ && ${mvn_minor:-} =~ ^[0-9]+$ ]]; then
      problems+=("could not read the Maven version from 'mvn -v' (is JAVA_HOME right?).")
    elif ((mvn_major < 3 || (mvn_major == 3 && mvn_minor < 6))); then
      problems+=("Maven $mvn_version is too old: fahr needs Maven 3.6 or newer.")
    fi
  fi
fi
if ((${#problems[@]})); then
  for p in "${problems[@]}"; do printf 'fahr: %s\n' "$p" >&2; done
  die "install them and run ./install.sh again; on Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven (or any JDK 17+, e.g. Temurin, with its bin on PATH)"
fi

# Checked before anything is built or written, so a refusal leaves nothing half installed.
if [[ -e $bin_dir/fahr ]] && ! grep -q "$marker" "$bin_dir/fahr" 2>/dev/null; then
  die "$bin_dir/fahr exists and was not installed by fahr; move it away and run ./install.sh again"
fi

# ---- build ----
if ((build)); then
  say "building (mvn -B -q -DskipTests package) ..."
  (cd "$here" && mvn -B -q -DskipTests package) \
    || die "the build failed; run 'mvn -B -DskipTests package' in $here to see why"
fi
jar=${jar:-$here/kernel/target/fahr-kernel.jar}
[[ -f $jar ]] || die "$jar not found (build first, or drop --no-build)"

# Fill a template: @FAHR_HOME@, @JAVA@ and @LAUNCHER@ (sed-escaped; JSON-escaped for .json).
fill() {
  local src=$1 dst=$2 json=${3:-0} launcher=$fahr_home/bin/fahr-kernel home=$fahr_home jv
  jv=$(readlink -f "$java")
  if ((json)); then
    launcher=${launcher//\\/\\\\}; launcher=${launcher//\"/\\\"}
  fi
  esc() { printf '%s' "$1" | sed 's/[&|\\]/\\&/g'; }
  sed -e "s|@FAHR_HOME@|$(esc "$home")|g" -e "s|@JAVA@|$(esc "$jv")|g" \
      -e "s|@LAUNCHER@|$(esc "$launcher")|g" "$src" >"$dst.tmp"
  mv "$dst.tmp" "$dst"
}

# ---- install files (write to a temp name, then rename: a running kernel keeps its jar) ----
stop_daemons
mkdir -p "$fahr_home/bin" "$bin_dir"
cp "$jar" "$fahr_home/fahr-kernel.jar.tmp"
mv "$fahr_home/fahr-kernel.jar.tmp" "$fahr_home/fahr-kernel.jar"
# The small jar FAHR_DAEMON=1's client runs from, taken from the jar just installed.
rm -f "$fahr_home/fahr-client.jar"
if ! "$java" -cp "$fahr_home/fahr-kernel.jar" dev.fahr.cli.ClientJar "$fahr_home/fahr-client.jar" 2>/dev/null; then
  say "warning: $fahr_home/fahr-kernel.jar has no daemon client; FAHR_DAEMON=1 will be ignored"
fi

fill "$templates/fahr-kernel.in" "$fahr_home/bin/fahr-kernel"
chmod 755 "$fahr_home/bin/fahr-kernel"

fill "$templates/fahr.in" "$fahr_home/bin/fahr"
chmod 755 "$fahr_home/bin/fahr"
mv "$fahr_home/bin/fahr" "$bin_dir/fahr"

# ---- kernelspec ----
spec=$(mktemp -d)
trap 'rm -rf "$spec"' EXIT
spec_dir=$spec/$kernel_name
mkdir -p "$spec_dir"
fill "$templates/kernel.json.in" "$spec_dir/kernel.json" 1
for logo in logo-64x64.png logo-32x32.png; do
  [[ -f $templates/$logo ]] && cp "$templates/$logo" "$spec_dir/"
done
if find_kernelspec_cmd && "${KS[@]}" install --user --name "$kernel_name" "$spec_dir" --replace >/dev/null 2>&1; then
  spec_where=$("${KS[@]}" list 2>/dev/null | awk -v k="$kernel_name" '$1 == k {print $2}')
  say "installed kernelspec $kernel_name with '${KS[*]} install --user'${spec_where:+ (in $spec_where)}"
else
  # No Jupyter here (yet): put it where Jupyter looks for user kernelspecs.
  rm -rf "${jupyter_data:?}/kernels/$kernel_name"
  mkdir -p "$jupyter_data/kernels"
  cp -r "$spec_dir" "$jupyter_data/kernels/$kernel_name"
  say "installed kernelspec $kernel_name in $jupyter_data/kernels/$kernel_name"
fi

# A jar without the CLI class still gives a working kernel; say so rather than fail.
jar_tool=$(dirname "$(readlink -f "$java")")/jar
if [[ -x $jar_tool ]] && ! "$jar_tool" tf "$fahr_home/fahr-kernel.jar" 2>/dev/null | grep -q '^dev/fahr/cli/FahrMain.class$'; then
  say "warning: $fahr_home/fahr-kernel.jar has no dev.fahr.cli.FahrMain yet; the 'fahr' command will not work"
fi

# ---- the kernel's start-up archive: a short scripted session of the installed kernel records the classes
# it loaded, which the launcher maps at each start: an AOT cache on JDK 25+ (classes linked ahead of time
# too), a class-data archive before (about half the time to the first reply). Made anew on every install
# (the old one would be stale); a kernel runs without it. ----
java_major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')
java_major=${java_major#1.}
rm -f "$fahr_home/fahr-kernel.aot" "$fahr_home/fahr-kernel.jsa" "$fahr_home"/fahr-kernel.*.tmp
if ((${java_major:-0} >= 25)); then
  archive=$fahr_home/fahr-kernel.aot record=-XX:AOTCacheOutput=$fahr_home/fahr-kernel.aot.tmp kind="AOT cache"
else
  archive=$fahr_home/fahr-kernel.jsa record=-XX:ArchiveClassesAtExit=$fahr_home/fahr-kernel.jsa.tmp kind="class-data archive"
fi
cds_python=
for p in /usr/bin/python3 "$(command -v python3 2>/dev/null || true)"; do
  if [[ -n $p && -x $p ]] && "$p" -c 'import jupyter_client' >/dev/null 2>&1; then cds_python=$p; break; fi
done
# The session runs the kernel as the launcher does, with its default options, both read from its template
# (one copy of them): an AOT cache is made for the flags it runs with.
template_value() { sed -n "s/^ *$1=\"\\(.*\\)\"\$/\\1/p" "$templates/fahr-kernel.in"; }
if [[ -z $cds_python ]]; then
  say "no $kind for the kernel (needs python3 with jupyter_client): it starts more slowly"
elif read -r -a kernel_defaults < <(template_value FAHR_KERNEL_JAVA_OPTS) \
     && ((${#kernel_defaults[@]})) \
     && kernel_opens=$(template_value KERNEL_OPENS) && [[ -n $kernel_opens ]] \
     && kernel_main=$(template_value KERNEL_MAIN) && [[ -n $kernel_main ]] \
     && "$cds_python" "$templates/cds-warmup.py" "$java" "${kernel_defaults[@]}" "$record" \
       "$kernel_opens" -cp "$fahr_home/fahr-kernel.jar" "$kernel_main" >/dev/null 2>&1 \
     && [[ -s $archive.tmp ]]; then
  mv "$archive.tmp" "$archive"
  say "made the $kind $archive"
else
  rm -f "$archive.tmp"
  say "could not make the kernel's $kind (the kernel works, but starts more slowly)"
fi

# ---- the fahr command's start-up archive (an AOT cache on JDK 25+, else class data), made the same way
# for its JDK by every install; the command runs without it, only more slowly. ----
if made=$("$templates/cli-archive.sh" "$(readlink -f "$java")" "$fahr_home/fahr-kernel.jar" "$fahr_home"); then
  say "made the fahr command's start-up archive $made"
else
  say "could not make the fahr command's start-up archive (it works, but starts more slowly)"
fi

say "installed the kernel 'Java (fahr)' and $bin_dir/fahr (files in $fahr_home)"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) say "warning: $bin_dir is not on PATH; add it, e.g. echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
say "start Jupyter and pick 'Java (fahr)', or try: scripts/quickstart.sh"
