#!/usr/bin/env bash
# Export benchmark (issue 4): a 2,000-cell Java notebook, exported three ways in one run.
#   (a) in process with JMH: NotebookReader.read + JavaNotebookExporter.export (bench/jmh);
#   (b) the whole command: `fahr init NOTEBOOK` (a fresh JVM from the shaded kernel jar), with
#       DOCKER_HOST pointing nowhere, which shows that init needs no Docker engine;
#   (c) the baseline: Debian's `jupyter nbconvert --to script` on the same file.
# (b) and (c) are timed by one hyperfine invocation, so they share the machine's conditions.
#
#   bench/export.sh [--cells N] [--runs N] [--quick]
#     --cells N   notebook size (default 2000)
#     --runs N    hyperfine runs per command (default 10)
#     --quick     shorter JMH warm-up and measurement (a smoke test; the figures are rougher)
# Environment: FAHR_TARGET (Maven build folder, default target), SKIP_BUILD=1 (use what is built).
# Prints the figures and the commands; writes bench/results/export-<UTC time>.{txt,json,md}.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cells=2000 runs=10 quick=0
while (($#)); do
  case $1 in
    --cells) cells=$2; shift ;;
    --runs) runs=$2; shift ;;
    --quick) quick=1 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "export.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
target=${FAHR_TARGET:-target}
py=/usr/bin/python3            # Debian's, with nbformat and nbconvert (a pyenv python3 may come first on PATH)
jupyter=/usr/bin/jupyter
for tool in "$py" "$jupyter" hyperfine java mvn; do
  command -v "$tool" >/dev/null || { echo "export.sh: $tool not found (scripts/services.sh install installs hyperfine and jupyter-nbconvert)" >&2; exit 1; }
done

kernel_jar=$root/kernel/$target/fahr-kernel.jar
jmh_dir=$root/bench/jmh
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building fahr (mvn install -DskipTests -Dfahr.target=$target) and bench/jmh"
  (cd "$root" && mvn -q -o install -DskipTests -Dfahr.target="$target")
  (cd "$jmh_dir" && mvn -q package -Dfahr.target="$target")
fi
[[ -f $kernel_jar ]] || { echo "export.sh: no $kernel_jar (build without SKIP_BUILD=1)" >&2; exit 1; }

work=$(mktemp -d /tmp/fahr-bench-export.XXXXXX)
trap 'rm -rf "$work"' EXIT
notebook=$work/train.ipynb
"$py" "$root/bench/make_notebook.py" "$notebook" "$cells"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=$root/bench/results
mkdir -p "$results"
out=$results/export-$stamp
size=$(stat -c %s "$notebook")
echo "== notebook: $cells cells, $size bytes, sha256 $(sha256sum "$notebook" | cut -c1-16) (bench/make_notebook.py)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# (a) JMH, in process.
jmh_opts=()
((quick)) && jmh_opts=(-wi 2 -i 3 -w 1 -r 1)
jmh_cmd=(java "-Dfahr.bench.notebook=$notebook" -cp "$jmh_dir/$target/classes:$(cat "$jmh_dir/$target/classpath.txt")"
  org.openjdk.jmh.Main "${jmh_opts[@]}" -rf json -rff "$out.jmh.json" ExportBenchmark)
echo "== (a) JMH: java -Dfahr.bench.notebook=NOTEBOOK -cp bench/jmh/$target/classes:DEPS org.openjdk.jmh.Main ${jmh_opts[*]} ExportBenchmark"
"${jmh_cmd[@]}" >"$out.jmh.log" 2>&1 || { tail -n 30 "$out.jmh.log" >&2; exit 1; }
sed -n '/^Benchmark /,$p' "$out.jmh.log"

# (b) + (c) in one hyperfine run. init writes a fresh job folder each run (--prepare removes it).
init_cmd="cd $work && DOCKER_HOST=unix:///nonexistent/docker.sock java -cp $kernel_jar dev.fahr.cli.FahrMain init train.ipynb --dir=$work/job"
nbconvert_cmd="cd $work && $jupyter nbconvert --to script train.ipynb --output-dir $work/nbconvert --log-level=ERROR"
echo "== (b) fahr init and (c) nbconvert, hyperfine --runs $runs"
hyperfine --style basic --warmup 1 --runs "$runs" \
  --prepare "rm -rf $work/job $work/nbconvert" \
  -n "fahr init (whole command)" "$init_cmd" \
  -n "jupyter nbconvert --to script" "$nbconvert_cmd" \
  --export-json "$out.hyperfine.json" --export-markdown "$out.md"
# One more run of each, untimed, to check what they wrote (--prepare ran before every timed run of both).
rm -rf "$work/job" "$work/nbconvert"
bash -c "$init_cmd" >/dev/null && bash -c "$nbconvert_cmd"
[[ -s $work/job/train.jsh ]] || { echo "export.sh: fahr init wrote no train.jsh" >&2; exit 1; }
ls "$work"/nbconvert/train.* >/dev/null || { echo "export.sh: nbconvert wrote no script" >&2; exit 1; }
echo "== outputs: fahr $(grep -c '^// @fahr-cell' "$work/job/train.jsh") cell blocks, $(stat -c %s "$work/job/train.jsh") bytes;" \
  "nbconvert $(stat -c %s "$work"/nbconvert/train.*) bytes"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$py" - "$out.jmh.json" "$out.hyperfine.json" "$cells" "$size" "$load_before" "$load_after" >"$out.txt" <<'PY'
import json, sys
jmh, hf, cells, size, load_before, load_after = sys.argv[1:7]
rows = []
for b in json.load(open(jmh)):
    name = b["benchmark"].rsplit(".", 1)[1]
    m = b["primaryMetric"]
    rows.append((f"JMH {name} (in process)", f"{m['score']:.1f} ± {m['scoreError']:.1f} ms", ""))
res = {r["command"]: r for r in json.load(open(hf))["results"]}
def fmt(r):
    return (f"{r['median'] * 1000:.0f} ms median (mean {r['mean'] * 1000:.0f} ± {r['stddev'] * 1000:.0f}, "
            f"user+sys {(r['user'] + r['system']) * 1000:.0f} ms)")
init, nbc = res["fahr init (whole command)"], res["jupyter nbconvert --to script"]
print(f"Export of a {cells}-cell Java notebook ({int(size) // 1024} KiB); load average {load_before} -> {load_after}")
print(f"{'what':44} | {'time':60}")
print("-" * 44 + "-|-" + "-" * 60)
for what, t, _ in rows:
    print(f"{what:44} | {t}")
print(f"{'fahr init, whole command (JVM start incl.)':44} | {fmt(init)}")
print(f"{'jupyter nbconvert --to script (baseline)':44} | {fmt(nbc)}")
print(f"\nfahr init / nbconvert, medians: {init['median'] / nbc['median']:.2f}x")
PY
echo
cat "$out.txt"
echo
echo "commands:"
echo "  python3 bench/make_notebook.py NOTEBOOK $cells"
echo "  ${jmh_cmd[*]}" | sed "s#$work#WORK#g; s#-cp [^ ]*#-cp bench/jmh/$target/classes:DEPS#"
echo "  $init_cmd" | sed "s#$work#WORK#g"
echo "  $nbconvert_cmd" | sed "s#$work#WORK#g"
echo "results: $out.{txt,md,jmh.json,hyperfine.json,jmh.log}"
