#!/usr/bin/env bash
# Quick start: run notebooks/hello.ipynb on the installed "Java (fahr)" kernel, the way
# Jupyter runs it (Debian's nbclient drives the kernelspec fahr-java), and print what
# each cell printed or returned. Exits non-zero if any cell fails.
#
#   scripts/quickstart.sh [--install] [--output FILE] [NOTEBOOK]
#     --install      run ./install.sh first even if the kernel is installed already
#                    (it runs anyway when the kernelspec is missing)
#     --output FILE  also save the executed notebook
# Environment: FAHR_KERNEL_NAME (default fahr-java), FAHR_KERNEL_JAVA_OPTS (JVM options).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

notebook=$root/notebooks/hello.ipynb
output=
install=0
while (($#)); do
  case $1 in
    --install) install=1 ;;
    --output) (($# >= 2)) || { echo "quickstart: --output needs a file" >&2; exit 2; }; output=$2; shift ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "quickstart: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) notebook=$1 ;;
  esac
  shift
done
kernel=${FAHR_KERNEL_NAME:-fahr-java}
# Debian's python has nbclient; a python3 earlier on PATH (pyenv) may not.
py=/usr/bin/python3

jupyter_packages=(python3-nbclient python3-nbformat python3-jupyter-client)
if ! "$py" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "quickstart: installing Debian's Jupyter client libraries (${jupyter_packages[*]}) ..."
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
  echo "quickstart: installing fahr (./install.sh) ..."
  "$root/install.sh"
fi
has_kernel || { echo "quickstart: no Jupyter kernel named $kernel (run ./install.sh)" >&2; exit 1; }

echo "quickstart: running $notebook on kernel $kernel"
# shellcheck disable=SC2016 # Python source, not shell
runner='
import re, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

path, kernel, output = sys.argv[1], sys.argv[2], sys.argv[3]
nb = nbformat.read(path, as_version=4)
ansi = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# allow_errors: run every cell and report all failures, not only the first.
client = NotebookClient(nb, kernel_name=kernel, timeout=120, startup_timeout=120,
                        allow_errors=True, resources={"metadata": {"path": sys.argv[4]}})
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
if output:
    nbformat.write(nb, output)
    print(f"quickstart: executed notebook saved to {output}")
if errors:
    sys.exit(f"quickstart: {errors} cell(s) failed")
print("quickstart: all cells ran")
'
"$py" -c "$runner" "$notebook" "$kernel" "$output" "$(dirname "$notebook")"
