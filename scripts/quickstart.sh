#!/usr/bin/env bash
# Quick start: run notebooks/quickstart.ipynb on the installed "Java (fahr)" kernel, the way
# Jupyter runs it (Debian's nbclient drives the kernelspec fahr-java): it trains a small model,
# launches the same notebook as a training job on the local Docker engine, waits for the job,
# fetches the model and evaluates it. Prints what each cell printed, the status table included.
# Exits non-zero if any cell fails.
#
#   scripts/quickstart.sh [--install] [--workdir DIR] [--output FILE] [NOTEBOOK]
#     --install      run ./install.sh first even if the kernel is installed already
#                    (it runs anyway when the kernelspec is missing)
#     --workdir DIR  where the notebook is copied and run, and where its experiment folder
#                    (models/), job records (.fahr/) and fetched model (fetched/) go
#                    (default: a new folder /tmp/fahr-quickstart.XXXXXX, kept afterwards)
#     --output FILE  also save the executed notebook there
# A notebook with %fahr_ magics needs a Docker engine: DOCKER_HOST's, or the system one. If none
# answers and this runs as root, a private engine is started on loopback (scripts/services.sh)
# and stopped at the end. If the default base image cannot be pulled (no registry reachable),
# an offline stand-in is built from Debian packages (scripts/base-images.sh), once per engine.
# Environment: FAHR_KERNEL_NAME (default fahr-java), FAHR_KERNEL_JAVA_OPTS (JVM options),
# FAHR_QUICKSTART_TIMEOUT (seconds per cell, default 900).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

notebook=$root/notebooks/quickstart.ipynb
output=
workdir=
install=0
while (($#)); do
  case $1 in
    --install) install=1 ;;
    --output) (($# >= 2)) || { echo "quickstart: --output needs a file" >&2; exit 2; }; output=$2; shift ;;
    --workdir) (($# >= 2)) || { echo "quickstart: --workdir needs a folder" >&2; exit 2; }; workdir=$2; shift ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "quickstart: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) notebook=$1 ;;
  esac
  shift
done
[[ -f $notebook ]] || { echo "quickstart: no notebook $notebook" >&2; exit 2; }
notebook=$(cd "$(dirname "$notebook")" && pwd)/$(basename "$notebook")
[[ -z $output ]] || output=$(cd "$(dirname "$output")" && pwd)/$(basename "$output")
kernel=${FAHR_KERNEL_NAME:-fahr-java}
# Debian's python has nbclient; a python3 earlier on PATH (pyenv) may not.
py=/usr/bin/python3
say() { printf 'quickstart: %s\n' "$*"; }

jupyter_packages=(python3-nbclient python3-nbformat python3-jupyter-client)
if ! "$py" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing Debian's Jupyter client libraries (${jupyter_packages[*]}) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${jupyter_packages[@]}" >/dev/null
  else
    echo "quickstart: Debian's Jupyter client libraries are missing; install them with:" >&2
    echo "  sudo apt-get install --no-install-recommends ${jupyter_packages[*]}" >&2
    exit 1
  fi
fi
has_kernel() {
  "$py" -c 'import sys; from jupyter_client.kernelspec import KernelSpecManager as M; M().get_kernel_spec(sys.argv[1])' \
    "$kernel" 2>/dev/null
}
if ((install)) || { [[ $kernel == fahr-java ]] && ! has_kernel; }; then
  say "installing fahr (./install.sh) ..."
  "$root/install.sh"
fi
has_kernel || { echo "quickstart: no Jupyter kernel named $kernel (run ./install.sh)" >&2; exit 1; }

# --- A Docker engine and the base image, for notebooks that launch jobs --------------------
# Functions only; it starts nothing until asked.
# shellcheck source=scripts/services.sh
source "$root/scripts/services.sh"
started_services=0
# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  local rc=$?
  fahr_exit_begins
  if ((started_services)); then
    ((rc == 0)) || export FAHR_CI_KEEP_LOGS=1
    fahr_stop_services || true
  fi
  exit "$rc"
}
fahr_on_exit cleanup

engine_answers() {
  command -v docker >/dev/null && timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

need_engine() {
  if engine_answers; then
    say "using the Docker engine at ${DOCKER_HOST:-the default socket} ($(docker version --format 'engine {{.Server.Version}}' 2>/dev/null))"
    return 0
  fi
  if ((EUID == 0)) && command -v apt-get >/dev/null; then
    say "no Docker engine answers${DOCKER_HOST:+ at $DOCKER_HOST}; starting fahr's own engine on loopback (scripts/services.sh) for this run"
    # Only what the local driver needs (services.sh's full list is for the test suite).
    # shellcheck disable=SC2034 # read by fahr_install_packages
    FAHR_APT_PACKAGES=(docker.io docker-registry apache2-utils debootstrap curl)
    fahr_install_packages
    started_services=1
    fahr_start_services
    engine_answers && return 0
    echo "quickstart: the engine started by scripts/services.sh does not answer (see $FAHR_CI_STATE/logs)" >&2
    exit 1
  fi
  cat >&2 <<HELP
quickstart: $(basename "$notebook") launches a training job, which needs a Docker engine, and none answers
${DOCKER_HOST:+at DOCKER_HOST=$DOCKER_HOST }(and the docker command ${DOCKER_HOST:+or its socket }is needed to check).
Either
  - install Docker Engine (Debian/Ubuntu: sudo apt-get install docker.io; elsewhere see
    https://docs.docker.com/engine/install/), start it, and make sure you may use it
    (sudo usermod -aG docker \$USER, then log in again); or
  - run this script as root: it then starts a private engine on loopback with scripts/services.sh
    (sudo scripts/quickstart.sh); or
  - start one yourself: eval "\$(sudo scripts/services.sh start)" and run this script again.
HELP
  exit 1
}

# The default CPU image's base (dev.fahr.image.BaseImage): pulled if it can be, else built offline.
cpu_base=eclipse-temurin:21-jdk
need_base_image() {
  docker image inspect "$cpu_base" >/dev/null 2>&1 && return 0
  say "pulling the base image $cpu_base ..."
  if timeout 300 docker pull "$cpu_base" >/dev/null 2>&1; then
    return 0
  fi
  if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
    cat >&2 <<HELP
quickstart: the base image $cpu_base cannot be pulled (no container registry reachable?).
Build an offline stand-in from Debian packages as root (debootstrap, about 3 minutes once):
  sudo env DOCKER_HOST=${DOCKER_HOST:-} scripts/base-images.sh
or pull it where a registry is reachable and load it: docker save $cpu_base | docker load
HELP
    exit 1
  fi
  say "$cpu_base cannot be pulled (no container registry reachable); building an offline stand-in from Debian packages instead (scripts/base-images.sh, a few minutes the first time)"
  # shellcheck disable=SC2034 # read by fahr_install_packages
  FAHR_APT_PACKAGES=(debootstrap)
  fahr_install_packages
  # shellcheck source=scripts/base-images.sh
  source "$root/scripts/base-images.sh"
  fahr_build_standin_image
  say "built $cpu_base offline: Debian 12 with OpenJDK 17 (a stand-in for the real image, good for this quick start)"
}

launches_jobs=0
if grep -q '%fahr_\(fit\|status\|fetch\)' "$notebook"; then
  launches_jobs=1
  need_engine
  need_base_image
fi

# --- Run the notebook in its own folder -----------------------------------------------------
if [[ -z $workdir ]]; then
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/fahr-quickstart.XXXXXX")
else
  mkdir -p "$workdir"
  workdir=$(cd "$workdir" && pwd)
fi
copy=$workdir/$(basename "$notebook")
cp "$notebook" "$copy"
# jupyter_server 2 tells kernels their notebook this way; nbclient does not, so say it here
# (%fahr_init then exports this notebook, with its cell tags).
export JPY_SESSION_NAME=$copy
export FAHR_STATUS_INTERVAL_MS=${FAHR_STATUS_INTERVAL_MS:-2000}

say "running $(basename "$notebook") on kernel $kernel in $workdir"
# shellcheck disable=SC2016 # Python source, not shell
runner='
import re, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

path, kernel, output, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nb = nbformat.read(path, as_version=4)
ansi = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# allow_errors: run every cell and report all failures, not only the first.
client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=120,
                        allow_errors=True, resources={"metadata": {"path": sys.argv[5]}})
try:
    client.execute()
except DeadKernelError as e:
    sys.exit(f"quickstart: the {kernel} kernel died: {e}")
except Exception as e:  # start-up failures: no kernel, timeout, broken launcher
    sys.exit(f"quickstart: could not run the notebook on kernel {kernel}: {type(e).__name__}: {e}")

def text(data):
    t = data.get("text/plain", "")
    return "".join(t) if isinstance(t, list) else t

errors = 0
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    first = cell.source.splitlines()[0] if cell.source else ""
    more = " ..." if "\n" in cell.source else ""
    count = cell.get("execution_count") or " "
    print(f"--- In [{count}]: {first}{more}")
    for out in cell.outputs:
        kind = out.output_type
        if kind == "stream":
            sys.stdout.write(out.text if out.text.endswith("\n") else out.text + "\n")
        elif kind in ("execute_result", "display_data"):
            shown = text(out.data) or ", ".join(sorted(out.data))
            prefix = "Out: " if kind == "execute_result" else ""
            print(prefix + shown)
        elif kind == "error":
            errors += 1
            print(f"ERROR {out.ename}: {out.evalue}")
            for line in out.traceback:
                print("  " + ansi.sub("", line))
nbformat.write(nb, path)
if output:
    nbformat.write(nb, output)
    print(f"quickstart: executed notebook saved to {output}")
if errors:
    sys.exit(f"quickstart: {errors} cell(s) failed; the executed notebook is {path}")
print("quickstart: all cells ran")
'
"$py" -c "$runner" "$copy" "$kernel" "$output" "${FAHR_QUICKSTART_TIMEOUT:-900}" "$workdir"
if ((launches_jobs)); then
  say "the executed notebook, its experiment folder (models/) and the fetched model (fetched/) are in $workdir"
else
  say "the executed notebook is $copy"
fi
