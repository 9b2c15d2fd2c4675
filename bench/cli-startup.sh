#!/usr/bin/env bash
# The fahr command's start-up, in one run: `fahr status` over 100 recorded jobs that have all ended (no
# driver call; issue 18's target: at most 300 ms) and `fahr init` of a small notebook, each timed through
# the installed launcher with and without its start-up archive, on JDK 17 (class-data archive) and, where
# Temurin 25 is installed, JDK 25 (AOT cache), and with FAHR_DAEMON=1 (the opt-in background process, started
# by the warm-up rounds). Interleaved, median and p90 of N runs.
#
#   bench/cli-startup.sh [--runs N (15)]
#
# Needs an installed fahr (./install.sh); makes JDK 25's AOT cache beside it (kernel/src/kernelspec/
# cli-archive.sh) in a copy of the install, and leaves the install as it was. No Docker engine needed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=15
while (($#)); do
  case $1 in
    --runs) runs=$2; shift ;;
    -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cli-startup: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
installed=${FAHR_HOME_DIR:-$HOME/.local/share/fahr}
[[ -f $installed/fahr-kernel.jar && -x $HOME/.local/bin/fahr ]] || { echo "cli-startup: install fahr first (./install.sh)" >&2; exit 1; }
jdk17=$(readlink -f "$(command -v java)")
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

work=$(mktemp -d /tmp/fahr-cli-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Two copies of the install, one per JDK, each with its own archive and launcher (as install.sh fills it).
for jdk in 17 25; do
  java=$jdk17; [[ $jdk == 25 ]] && java=$jdk25
  [[ -x $java ]] || continue
  home=$work/home$jdk
  mkdir -p "$home"
  cp "$installed/fahr-kernel.jar" "$home/"
  sed -e "s|@FAHR_HOME@|$home|g" -e "s|@JAVA@|$java|g" "$here/kernel/src/kernelspec/fahr.in" >"$home/fahr"
  chmod 755 "$home/fahr"
  "$here/kernel/src/kernelspec/cli-archive.sh" "$java" "$home/fahr-kernel.jar" "$home" >/dev/null
  "$java" -cp "$home/fahr-kernel.jar" dev.fahr.cli.ClientJar "$home/fahr-client.jar"
done

# A project with 100 ended jobs (a grid of 50 and 50 alone), each with two metrics, and a small notebook.
project=$work/project
mkdir -p "$project/.git" "$project/.fahr" "$project/exp"
/usr/bin/python3 - "$project" <<'PY'
import json, sys
project = sys.argv[1]
jobs = []
for i in range(100):
    jobs.append({"name": "bench-20261203-1200%02d-%04d" % (i % 60, i), "driver": "local", "created_at": "2026-12-03T12:00:00Z",
                 "submitted": True, "state": "COMPLETED", "secondary_status": "exited (0)",
                 "grid": "grid-bench" if i < 50 else None, "hyperparameters": {"batch_size": str(64 * (i % 5 + 1))},
                 "started_at": "2026-12-03T12:00:05Z", "ended_at": "2026-12-03T12:0%d:00Z" % (1 + i % 8),
                 "metrics": {"loss": 1.0 / (i + 1), "accuracy": 0.5 + i / 250.0}})
for job in jobs:
    if job["grid"] is None:
        del job["grid"]
json.dump({"format": 1, "jobs": jobs}, open(project + "/.fahr/jobs.json", "w"), indent=2)
nb = {"nbformat": 4, "nbformat_minor": 5,
      "metadata": {"kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"}},
      "cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "execution_count": None,
                 "outputs": [], "source": "int epochs = 2;"},
                {"cell_type": "code", "id": "t", "metadata": {}, "execution_count": None, "outputs": [],
                 "source": "System.out.println(epochs);"}]}
json.dump(nb, open(project + "/exp/train.ipynb", "w"))
PY

/usr/bin/python3 - "$work" "$project" "$runs" <<'PY' | tee "$here/bench/results/cli-startup-$(date -u +%Y%m%dT%H%M%SZ).txt"
import os, statistics, subprocess, sys, time
work, project, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
commands = {"status (100 ended jobs)": ["status", "--no-watch"],
            "init (small notebook)": ["init", "exp/train.ipynb", "--train-driver=local"]}
variants = []
for jdk in ("17", "25"):
    launcher = os.path.join(work, "home" + jdk, "fahr")
    if os.path.exists(launcher):
        # The launcher runs JAVA_HOME's java: each variant names its JDK.
        java_home = os.path.dirname(os.path.dirname(os.path.realpath(
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" if jdk == "25" else subprocess.check_output(
                ["sh", "-c", "readlink -f $(command -v java)"]).decode().strip())))
        variants.append(("JDK %s, no archive" % jdk, launcher, {"JAVA_HOME": java_home, "HIDE_ARCHIVE": "1"}))
        variants.append(("JDK %s, %s" % (jdk, "AOT cache" if jdk == "25" else "class-data archive"), launcher,
                         {"JAVA_HOME": java_home}))
        # Opt-in: the background process, started by the warm-up rounds; its sockets in this run's folder.
        variants.append(("JDK %s, FAHR_DAEMON=1" % jdk, launcher,
                         {"JAVA_HOME": java_home, "FAHR_DAEMON": "1", "XDG_RUNTIME_DIR": work}))
times = {(c, v[0]): [] for c in commands for v in variants}
for r in range(runs + 2):
    for name, args in commands.items():
        for label, launcher, extra in variants:
            env = dict(os.environ)
            env.update({k: v for k, v in extra.items() if k != "HIDE_ARCHIVE"})
            home = os.path.dirname(launcher)
            hidden = []
            if extra.get("HIDE_ARCHIVE"):
                for f in ("fahr-cli.aot", "fahr-cli.jsa"):
                    if os.path.exists(os.path.join(home, f)):
                        os.rename(os.path.join(home, f), os.path.join(home, f + ".off")); hidden.append(f)
            start = time.perf_counter()
            done = subprocess.run([launcher] + args, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            took = (time.perf_counter() - start) * 1000
            for f in hidden:
                os.rename(os.path.join(home, f + ".off"), os.path.join(home, f))
            if done.returncode != 0:
                sys.exit("%s %s failed: %s" % (label, args, done.stderr.decode()))
            if r >= 2:  # two warm-up rounds (page cache)
                times[(name, label)].append(took)
for label, launcher, extra in variants:
    if extra.get("FAHR_DAEMON"):
        subprocess.run([launcher, "daemon", "stop"], env=dict(os.environ, **extra), stdout=subprocess.DEVNULL, check=True)
print("# %d cores; median / p90 of %d runs, interleaved, ms" % (os.cpu_count(), runs))
for name in commands:
    print(name)
    for label, _, _ in variants:
        t = sorted(times[(name, label)])
        print("  %-32s %6.0f / %6.0f" % (label, statistics.median(t), t[int(len(t) * 0.9) - 1]))
PY
