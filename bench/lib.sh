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
