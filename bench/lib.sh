# Shared by the bench scripts (source it): magics' test class path, with the modules it needs built
# first, offline. The reactor's own classes come first, so a stale installed snapshot never wins.
#   classpath=$(fahr_bench_classpath REPO_ROOT BUILD_FOLDER_NAME)
fahr_bench_classpath() {
  local root=$1 target=$2 cp_file
  cp_file=$(mktemp)
  if ! (cd "$root" && mvn -B -o -q -Dfahr.target="$target" -pl magics -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2); then
    rm -f "$cp_file"
    return 1
  fi
  local module classpath="magics/$target/test-classes"
  for module in magics runner engine resolver; do
    classpath="$classpath:$module/$target/classes"
  done
  printf '%s:%s' "$classpath" "$(cat "$cp_file")"
  rm -f "$cp_file"
}

# A kernelspec for the fahr kernel that install.sh installed under another home (a baseline built from
# another checkout), run with that HOME, for measuring two builds in the same run:
#   fahr_bench_kernel_in_home HOME KERNELS_DIR NAME   (KERNELS_DIR must be on JUPYTER_PATH)
fahr_bench_kernel_in_home() {
  local launcher=$1/.local/share/fahr/bin/fahr-kernel
  [[ -x $launcher ]] || { echo "no fahr kernel installed under $1 ($launcher): run HOME=$1 ./install.sh in that checkout" >&2; return 1; }
  mkdir -p "$2/$3"
  /usr/bin/python3 - "$launcher" "$2/$3/kernel.json" "$1" <<'PY'
import json, sys
with open(sys.argv[2], "w") as f:
    json.dump({"argv": [sys.argv[1], "{connection_file}"], "display_name": "Java (fahr) under " + sys.argv[3],
               "language": "java", "env": {"HOME": sys.argv[3]}}, f)
PY
}

# A copy of an installed kernelspec whose kernel runs with other JVM options (its env sets
# FAHR_KERNEL_JAVA_OPTS), for measuring two settings of one kernel in the same run:
#   fahr_bench_kernel_with_opts SPEC KERNELS_DIR NAME "OPTS"   (KERNELS_DIR must be on JUPYTER_PATH)
fahr_bench_kernel_with_opts() {
  /usr/bin/python3 - "$1" "$2/$3" "$4" <<'PY'
import json, os, sys
from jupyter_client.kernelspec import KernelSpecManager
spec = KernelSpecManager().get_kernel_spec(sys.argv[1])
os.makedirs(sys.argv[2])
env = dict(spec.env or {}, FAHR_KERNEL_JAVA_OPTS=sys.argv[3])
with open(os.path.join(sys.argv[2], "kernel.json"), "w") as f:
    json.dump({"argv": spec.argv, "display_name": spec.display_name + " (other JVM options)",
               "language": spec.language, "env": env}, f)
PY
}
