#!/usr/bin/python3
"""Re-fit benchmark (issue 5): the measuring half of bench/refit.sh (which starts the services).

    /usr/bin/python3 bench/refit_measure.py --jar fahr-kernel.jar --out RESULTS_PREFIX [--launcher FAHR]
        [--reps N] [--cold-reps N] [--skip-inproc]

Needs DOCKER_HOST=unix://... (scripts/with-services.sh exports it) and the docker CLI. "Running" is
the engine's own `start` event for the container (its timeNano), read from the engine's event stream,
which is subscribed before anything is timed; t0 is taken on this host's clock (the engine runs here),
just before the command is invoked (CLI), or by the harness just before FahrCommand.execute.

Measured, each repeated, medians reported:
  refit-cli      one cell changed, `java -cp fahr-kernel.jar dev.fahr.cli.FahrMain fit ...` until running
  refit-launcher the same through fahr's `fahr` launcher (--launcher: kernel/src/kernelspec/fahr.in filled in)
  refit-inproc   the same through FahrCommand.execute in a JVM that has fit once (bench/RefitHarness.java)
  floor          `docker build` of the same context with only the script changed + `docker run -d` of it
                 (same base, same layers, same /opt/ml bind mounts, --network none as fahr) until running
  cold           fit after removing every fahr-<job> image (base images stay)
Each container is removed as soon as its start is seen. Client CPU (user+sys of the fahr JVM, or of
the docker CLI for the floor) is reported beside the wall times, as it is less sensitive to the load
of other processes on the machine. bench/RefitProfile.java splits a warm re-fit into its phases.
"""
import argparse
import http.client
import json
import os
import queue
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile

JOB_LABEL = "dev.fahr.job"


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=None):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def socket_path():
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        sys.exit("refit_measure: DOCKER_HOST must be a unix socket, not " + host)
    return host[len("unix://"):]


def api(method, path):
    conn = UnixConnection(socket_path(), timeout=60)
    conn.request(method, path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


class Events(threading.Thread):
    """Container start events, from the moment the stream is open."""

    def __init__(self):
        super().__init__(daemon=True)
        self.queue = queue.Queue()
        self.ready = threading.Event()

    def run(self):
        filters = urllib.parse.quote(json.dumps({"type": ["container"], "event": ["start"]}))
        conn = UnixConnection(socket_path())
        conn.request("GET", "/events?filters=" + filters)
        resp = conn.getresponse()
        if resp.status != 200:
            raise SystemExit(f"refit_measure: events API answered {resp.status}")
        self.ready.set()
        while True:
            line = resp.readline()
            if not line:
                return
            event = json.loads(line)
            attrs = event.get("Actor", {}).get("Attributes", {})
            self.queue.put((attrs.get("name"), int(event["timeNano"]), attrs))

    def wait_start(self, predicate, timeout=300):
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit("refit_measure: no container started in time")
            name, nanos, attrs = self.queue.get(timeout=left)
            if predicate(name, attrs):
                return name, nanos


def remove_container(name):
    api("DELETE", f"/containers/{urllib.parse.quote(name)}?force=1&v=1")


def fahr_images():
    status, body = api("GET", "/images/json")
    tags = []
    for image in json.loads(body):
        for tag in image.get("RepoTags") or []:
            # fahr-<job folder>:<hash>; never the base stand-ins fahr-offline/... and fahr-test/...
            if re.match(r"^fahr-[^/]+:", tag):
                tags.append(tag)
    return tags


NOTEBOOK_CELLS = [
    ("markdown", "# A small model\nRe-fit benchmark notebook."),
    ("code", "%maven org.apache.commons:commons-math3:3.6.1"),
    ("code", "import org.apache.commons.math3.stat.descriptive.SummaryStatistics;"),
    ("code", "// parameters\nint epochs = 3;\ndouble learningRate = 0.1;", ["parameters"]),
    ("code", "SummaryStatistics stats = new SummaryStatistics();\n"
             "for (int i = 0; i < 1000; i++) stats.addValue(Math.sin(i) * learningRate);"),
    ("code", "System.out.println(\"version 0\");"),  # the cell each re-fit changes
    ("code", "for (int e = 0; e < epochs; e++) System.out.println(\"epoch \" + e + \" mean \" + stats.getMean());"),
    ("code", "java.nio.file.Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), String.valueOf(stats.getMean()));"),
]
CHANGED_CELL = 5


def write_notebook(path, version):
    cells = []
    for i, spec in enumerate(NOTEBOOK_CELLS):
        kind, source = spec[0], spec[1]
        if i == CHANGED_CELL:
            source = f"System.out.println(\"version {version}\");"
        cell = {"cell_type": kind, "id": f"c{i}", "metadata": {"tags": spec[2]} if len(spec) > 2 else {},
                "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
          "metadata": {"kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"},
                       "language_info": {"name": "java"}}}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1)
    os.replace(tmp, path)


def launched_name(text):
    m = re.search(r"^(?:OUT )?Launched (\S+)", text, re.M)
    return m.group(1) if m else None


def is_fahr_job(name, attrs):
    return JOB_LABEL in attrs


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="fahr-bench-refit.")
        self.notebook = os.path.join(self.work, "train.ipynb")
        self.version = 0
        self.events = Events()
        self.events.start()
        if not self.events.ready.wait(30):
            sys.exit("refit_measure: cannot open the engine's event stream")
        self.fit_args = ["fit", "train.ipynb", "--train-driver=local", "--dir=models/refit"]
        self.cli = ["java", "-cp", args.jar, "dev.fahr.cli.FahrMain"]
        self.harness = None

    def bump(self):
        self.version += 1
        write_notebook(self.notebook, self.version)

    # -- fahr through the command line
    def fit_cli(self, label, cli=None, env=None):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time_ns()
        proc = subprocess.Popen((cli or self.cli) + self.fit_args, cwd=self.work, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env)
        name, started = self.events.wait_start(is_fahr_job)
        out, _ = proc.communicate()
        t_exit = time.time_ns()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
        remove_container(name)
        if proc.returncode != 0 or launched_name(out) != name:
            sys.exit(f"refit_measure: {label}: fit failed or launched another container ({name}):\n{out}")
        return {"running_ms": (started - t0) / 1e6, "command_ms": (t_exit - t0) / 1e6, "cpu_ms": cpu, "job": name}

    # -- fahr in process (the kernel's situation)
    def start_harness(self):
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RefitHarness.java")
        self.harness = subprocess.Popen(["java", "-cp", self.args.jar, source], cwd=self.work, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1)
        if self.harness.stdout.readline().strip() != "READY":
            sys.exit("refit_measure: the harness did not start")

    def harness_cpu_ms(self):
        with open(f"/proc/{self.harness.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def fit_inproc(self, label):
        cpu0 = self.harness_cpu_ms()
        self.harness.stdin.write("\t".join(self.fit_args) + "\n")
        self.harness.stdin.flush()
        t0, lines, code, t_done = None, [], None, None
        for line in self.harness.stdout:
            if line.startswith("T0 "):
                t0 = int(line.split()[1])
            elif line.startswith("DONE "):
                _, code, t_done = line.split()
                break
            else:
                lines.append(line)
        out = "".join(lines)
        cpu = self.harness_cpu_ms() - cpu0
        if code != "0":
            sys.exit(f"refit_measure: {label}: in-process fit failed ({code}):\n{out}")
        name, started = self.events.wait_start(is_fahr_job)
        remove_container(name)
        if launched_name(out) != name:
            sys.exit(f"refit_measure: {label}: launched {launched_name(out)} but {name} started")
        return {"running_ms": (started - t0) / 1e6, "command_ms": (int(t_done) - t0) / 1e6, "cpu_ms": cpu,
                "job": name}

    # -- the floor: plain docker build + docker run of the same context
    def prepare_floor(self):
        job = os.path.join(self.work, "models", "refit")
        ctx = os.path.join(self.work, "floor")
        shutil.rmtree(ctx, ignore_errors=True)
        os.makedirs(ctx)
        # What init wrote beside the script (Dockerfile, run.sh, the script, the notebook the job runs),
        # not fahr's own bookkeeping (hidden files).
        for name in os.listdir(job):
            if not name.startswith(".") and os.path.isfile(os.path.join(job, name)):
                shutil.copy2(os.path.join(job, name), ctx)
        shutil.copytree(os.path.join(job, "lib"), os.path.join(ctx, "lib"))
        with zipfile.ZipFile(self.args.jar) as jar:
            with open(os.path.join(ctx, "fahr-runner.jar"), "wb") as f:
                f.write(jar.read("dev/fahr/image/fahr-runner.jar"))
        self.mounts = []
        for sub, target in (("config", "input/config"), ("model", "model"), ("output", "output"),
                            ("checkpoints", "checkpoints")):
            d = os.path.join(self.work, "floor-ml", sub)
            os.makedirs(d, exist_ok=True)
            self.mounts += ["-v", f"{d}:/opt/ml/{target}"]
        # fahr's local driver runs jobs with --network none by default (a job reaches nothing); an
        # engine takes longer to start a container with its own network namespace, so the floor does too.
        self.mounts += ["--network", "none"]
        self.floor_ctx = ctx
        self.floor_commands = [
            f"DOCKER_BUILDKIT=0 docker build -q -t fahr-bench-floor:N {ctx}",
            f"docker run -d --name fahr-bench-floor-N {' '.join(self.mounts)} fahr-bench-floor:N train"]

    def floor(self, rep):
        with open(os.path.join(self.floor_ctx, "train.jsh"), "a", encoding="utf-8") as f:
            f.write(f"System.out.println(\"floor {rep}\");\n")
        tag, name = f"fahr-bench-floor:{rep}", f"fahr-bench-floor-{rep}"
        env = dict(os.environ, DOCKER_BUILDKIT="0")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time_ns()
        subprocess.run(["docker", "build", "-q", "-t", tag, self.floor_ctx], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t_built = time.time_ns()
        subprocess.run(["docker", "run", "-d", "--name", name, *self.mounts, tag, "train"], check=True,
                       stdout=subprocess.DEVNULL)
        got, started = self.events.wait_start(lambda n, a: n == name)
        t_exit = time.time_ns()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        remove_container(name)
        return {"running_ms": (started - t0) / 1e6, "command_ms": (t_exit - t0) / 1e6, "build_ms": (t_built - t0) / 1e6,
                "cpu_ms": (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000, "job": name}

    def profile(self, reps):
        """Phases of a warm in-process re-fit (bench/RefitProfile.java), and the CLI's bare JVM start."""
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RefitProfile.java")
        proc = subprocess.Popen(["java", "-cp", self.args.jar, source, self.notebook,
                                 os.path.join(self.work, "models", "refit"), str(reps)],
                                cwd=self.work, stdout=subprocess.PIPE, text=True)
        phases, micro = {}, {}
        for line in proc.stdout:
            words = line.split()
            if not words or words[0] not in ("PROFILE", "MICRO", "WARMUP"):
                continue
            for word in words[1:]:
                key, value = word.split("=", 1)
                if key == "job":
                    remove_container(value)
                elif key != "t0":
                    (phases if words[0] == "PROFILE" else micro).setdefault(key, []).append(float(value))
        if proc.wait() != 0:
            sys.exit("refit_measure: RefitProfile failed")
        starts = []
        for _ in range(3):
            t0 = time.time_ns()
            subprocess.run(self.cli + ["--version"], check=True, stdout=subprocess.DEVNULL)
            starts.append((time.time_ns() - t0) / 1e6)
        launcher_starts = []
        if self.args.launcher:
            for _ in range(3):
                t0 = time.time_ns()
                subprocess.run([self.args.launcher, "--version"], check=True, stdout=subprocess.DEVNULL)
                launcher_starts.append((time.time_ns() - t0) / 1e6)
        med = lambda d: {k: statistics.median(v) for k, v in d.items()}
        return {"phases_median_ms": med(phases), "micro_median_ms": med(micro),
                "cli_version_median_ms": statistics.median(starts),
                "launcher_version_median_ms": statistics.median(launcher_starts) if launcher_starts else None}

    def remove_fahr_images(self):
        for tag in fahr_images():
            api("DELETE", f"/images/{urllib.parse.quote(tag, safe='')}?force=1")

    def close(self):
        if self.harness:
            self.harness.stdin.close()
            self.harness.wait(30)
        for tag in fahr_images():
            if tag.startswith("fahr-bench-floor:"):
                api("DELETE", f"/images/{urllib.parse.quote(tag, safe='')}?force=1")
        shutil.rmtree(self.work, ignore_errors=True)


def summary(rows):
    running = [r["running_ms"] for r in rows]
    return {"median_ms": statistics.median(running), "min_ms": min(running), "max_ms": max(running),
            "n": len(running), "command_median_ms": statistics.median(r["command_ms"] for r in rows),
            "cpu_median_ms": statistics.median(r["cpu_ms"] for r in rows),
            "runs": rows}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--cold-reps", type=int, default=3)
    p.add_argument("--skip-inproc", action="store_true")
    p.add_argument("--profile-reps", type=int, default=5, help="warm re-fits split into phases (0: none)")
    p.add_argument("--launcher", help="fahr's installed launcher (kernel/src/kernelspec/fahr.in, filled in)")
    p.add_argument("--daemon", action="store_true",
                   help="also re-fit through the launcher with FAHR_DAEMON=1 (its daemons in a private folder)")
    args = p.parse_args()
    bench = Bench(args)
    results = {"load_before": open("/proc/loadavg").read().split()[:3]}
    try:
        def log(msg):
            print(msg, flush=True)

        write_notebook(bench.notebook, 0)
        bench.remove_fahr_images()
        # Cold fits first: each removes the job images, then fits. Interleaving is not possible for
        # cold runs; they measure the full build of fahr's layers on the cached base image.
        cold = []
        for i in range(args.cold_reps):
            bench.remove_fahr_images()
            bench.bump()
            cold.append(bench.fit_cli(f"cold {i}"))
            log(f"cold fit {i + 1}: running after {cold[-1]['running_ms']:.0f} ms")
        bench.prepare_floor()
        if not args.skip_inproc:
            bench.start_harness()
            bench.bump()
            warm = bench.fit_inproc("harness warm-up")
            log(f"in-process warm-up fit (first in this JVM): {warm['running_ms']:.0f} ms")
            results["inproc_first_fit"] = warm
        daemon_env = None
        if args.daemon:
            # The daemon's sockets in a folder of this run: `fahr daemon stop` below ends only this run's.
            daemon_env = dict(os.environ, FAHR_DAEMON="1", XDG_RUNTIME_DIR=tempfile.mkdtemp(prefix="fahr-bench-run."))
            bench.bump()
            first = bench.fit_cli("daemon start", [args.launcher], daemon_env)
            log(f"first fit through FAHR_DAEMON=1 (starts the daemon): {first['running_ms']:.0f} ms")
            results["daemon_first_fit"] = first
        # One warm-up of the floor (the first docker CLI call), not counted.
        bench.floor(0)
        refit_cli, refit_launcher, refit_inproc, refit_daemon, floor = [], [], [], [], []
        # Interleaved, so that load changes on the machine hit every series alike.
        for i in range(1, args.reps + 1):
            bench.bump()
            refit_cli.append(bench.fit_cli(f"re-fit {i}"))
            if args.launcher:
                bench.bump()
                refit_launcher.append(bench.fit_cli(f"re-fit (launcher) {i}", [args.launcher]))
            if not args.skip_inproc:
                bench.bump()
                refit_inproc.append(bench.fit_inproc(f"in-process re-fit {i}"))
            if daemon_env:
                bench.bump()
                refit_daemon.append(bench.fit_cli(f"re-fit (daemon) {i}", [args.launcher], daemon_env))
            floor.append(bench.floor(i))
            log(f"rep {i}: re-fit (CLI) {refit_cli[-1]['running_ms']:.0f} ms"
                + (f", re-fit (launcher) {refit_launcher[-1]['running_ms']:.0f} ms" if refit_launcher else "")
                + (f", re-fit (in process) {refit_inproc[-1]['running_ms']:.0f} ms" if refit_inproc else "")
                + (f", re-fit (daemon) {refit_daemon[-1]['running_ms']:.0f} ms" if refit_daemon else "")
                + f", floor {floor[-1]['running_ms']:.0f} ms")
        results.update(cold=summary(cold), refit_cli=summary(refit_cli), floor=summary(floor))
        if refit_inproc:
            results["refit_inproc"] = summary(refit_inproc)
        if refit_launcher:
            results["refit_launcher"] = summary(refit_launcher)
        if refit_daemon:
            results["refit_daemon"] = summary(refit_daemon)
            subprocess.run([args.launcher, "daemon", "stop"], env=daemon_env, check=True, stdout=subprocess.DEVNULL)
            shutil.rmtree(daemon_env["XDG_RUNTIME_DIR"], ignore_errors=True)
        if args.profile_reps:
            results["profile"] = bench.profile(args.profile_reps)
            log("profile: " + json.dumps(results["profile"]))
        results["load_after"] = open("/proc/loadavg").read().split()[:3]
        results["commands"] = {
            "refit_cli": " ".join(bench.cli + bench.fit_args) + "   (cwd: the notebook's folder)",
            "refit_launcher": f"fahr {' '.join(bench.fit_args)}   (fahr = kernel/src/kernelspec/fahr.in filled in: {args.launcher})",
            "refit_daemon": f"FAHR_DAEMON=1 fahr {' '.join(bench.fit_args)}   (the same launcher; a daemon started by a first fit)",
            "refit_inproc": f"java -cp {args.jar} bench/RefitHarness.java  <<< fit<TAB>train.ipynb<TAB>--train-driver=local<TAB>--dir=models/refit",
            "floor": " && ".join(bench.floor_commands),
            "cold": "remove every fahr-<job>:* image, then " + " ".join(bench.cli + bench.fit_args),
        }
    finally:
        bench.close()
    with open(args.out + ".json", "w") as f:
        json.dump(results, f, indent=1)
    print_table(results, args.out + ".txt")


def print_table(r, path):
    floor = r["floor"]["median_ms"]
    lines = [f"Re-fit benchmark; load average {' '.join(r['load_before'])} -> {' '.join(r['load_after'])}",
             f"{'what':56} | {'until running: median (min..max), n':36} | {'returned':8} | client CPU",
             "-" * 56 + "-|-" + "-" * 36 + "-|-" + "-" * 8 + "-|-" + "-" * 10]
    rows = [("re-fit, CLI: java -cp fahr-kernel.jar FahrMain fit", "refit_cli"),
            ("re-fit, CLI: the fahr launcher (fahr.in)", "refit_launcher"),
            ("re-fit, CLI: the launcher with FAHR_DAEMON=1 (opt-in)", "refit_daemon"),
            ("re-fit, in process (FahrCommand.execute, warm JVM)", "refit_inproc"),
            ("floor: docker build (one file changed) + docker run", "floor"),
            ("cold fit, CLI: java -cp ... fit (fahr-* images removed)", "cold")]
    for what, key in rows:
        if key in r:
            s = r[key]
            span = f"{s['median_ms']:.0f} ms ({s['min_ms']:.0f}..{s['max_ms']:.0f}), n={s['n']}"
            lines.append(f"{what:56} | {span:36} | {s['command_median_ms']:5.0f} ms | {s['cpu_median_ms']:.0f} ms")
    if "floor" in r:
        b = statistics.median(x["build_ms"] for x in r["floor"]["runs"])
        lines.append(f"{'':56}   (floor: docker build alone {b:.0f} ms median; its client CPU is the docker CLI's)")
    lines.append("")
    for key, label in (("refit_cli", "java -cp CLI"), ("refit_launcher", "launcher CLI"),
                       ("refit_daemon", "launcher CLI with FAHR_DAEMON=1"), ("refit_inproc", "in-process")):
        if key in r:
            m = r[key]["median_ms"]
            ok = m <= 2000 and m <= 1.5 * floor
            lines.append(f"target (re-fit <= 2 s and <= 1.5x floor), {label} re-fit: {m:.0f} ms = {m / floor:.2f}x floor: "
                         f"{'met' if ok else 'MISSED'}")
    if "profile" in r:
        pr = r["profile"]
        ph = pr["phases_median_ms"]
        lines.append("")
        lines.append("where a warm in-process re-fit goes (bench/RefitProfile.java, medians, ms): "
                     + ", ".join(f"{k} {v:.0f}" for k, v in ph.items()))
        lines.append("  of which in the JVM, before the upload: "
                     + ", ".join(f"{k} {v:.0f}" for k, v in pr["micro_median_ms"].items()))
        lines.append(f"  a bare JVM start of the CLI (fahr --version): java -cp {pr['cli_version_median_ms']:.0f} ms"
                     + (f", launcher {pr['launcher_version_median_ms']:.0f} ms" if pr.get("launcher_version_median_ms") else ""))
    lines.append("")
    lines.append("commands:")
    for key, cmd in r["commands"].items():
        lines.append(f"  {key}: {cmd}")
    text = "\n".join(lines)
    print(text)
    with open(path, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
