#!/usr/bin/python3
"""Kernel memory and small-cell round trips, side by side: the resident set (VmRSS) of the kernel process
after its first `1 + 1`, at cell 100 and at cell 1,000 of small cells, and the median round trip of those
cells (execute_request to execute_reply). Run by bench/kernel-memory.sh; each kernel in turn, N rounds.

Small cells cycle through `1 + 1`, `int x = 41; x + 1`, `String s = "v" + N; s.length()` and
`Math.sqrt(N)` (Python: the same in Python), as a user's quick checks look (the issue's small cells).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager

JAVA_CELLS = ["1 + 1", "int x = 41; x + 1", 'String s = "v" + {n}; s.length()', "Math.sqrt({n})"]
PYTHON_CELLS = ["1 + 1", "x = 41; x + 1", 's = "v" + str({n}); len(s)', "import math; math.sqrt({n})"]


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS for %d" % pid)


def run_cell(kc, code):
    t0 = time.monotonic()
    msg_id = kc.execute(code, store_history=True)
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    took = time.monotonic() - t0
    if reply["content"].get("status") != "ok":
        raise RuntimeError("%r failed: %r" % (code, reply["content"]))
    return took


def measure(spec, cells, count, workdir):
    cf, _ = write_connection_file(os.path.join(workdir, "kernel-mem-%d.json" % os.getpid()), ip="127.0.0.1")
    kc = BlockingKernelClient(connection_file=cf)
    kc.load_connection_file()
    kc.context.setsockopt(zmq.LINGER, 0)
    argv = [a.replace("{connection_file}", cf) for a in spec.argv]
    env = dict(os.environ)
    env.update(spec.env or {})
    proc = subprocess.Popen(argv, env=env, cwd=workdir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    try:
        kc.wait_for_ready(timeout=60)
        run_cell(kc, "1 + 1")
        time.sleep(0.5)  # let the first reply's work settle
        first = rss_mib(proc.pid)
        rounds, at100 = [], None
        for n in range(1, count + 1):
            rounds.append(run_cell(kc, cells[n % len(cells)].format(n=n)))
            if n == 100:
                at100 = rss_mib(proc.pid)
        at_end = rss_mib(proc.pid)
        return {"first": first, "at100": at100, "at_end": at_end, "median_ms": statistics.median(rounds) * 1000,
                "median_last_100_ms": statistics.median(rounds[-100:]) * 1000}
    finally:
        kc.stop_channels()
        proc.kill()
        proc.wait()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", action="append", required=True, help="kernelspec names; each is compared with the last")
    p.add_argument("--cells", type=int, default=1000)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()
    specs = KernelSpecManager()
    results = {k: [] for k in args.kernel}
    with tempfile.TemporaryDirectory(prefix="fahr-kernel-memory-") as workdir:
        for _ in range(args.rounds):
            for name in args.kernel:
                spec = specs.get_kernel_spec(name)
                cells = PYTHON_CELLS if spec.language.lower().startswith("python") else JAVA_CELLS
                results[name].append(measure(spec, cells, args.cells, workdir))
    print("# %d cores; %d small cells per run, %d runs per kernel, medians" % (os.cpu_count(), args.cells, args.rounds))
    print("%-24s %12s %12s %14s %12s %12s" % ("kernel", "RSS 1st MiB", "RSS @100", "RSS @%d" % args.cells,
                                              "growth MiB", "cell ms"))
    rows = {}
    for name, runs in results.items():
        row = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        rows[name] = row
        print("%-24s %12.0f %12.0f %14.0f %12.0f %12.1f" % (name, row["first"], row["at100"], row["at_end"],
                                                            row["at_end"] - row["at100"], row["median_ms"]))
    last = args.kernel[-1]
    for first in args.kernel[:-1]:
        a, b = rows[first], rows[last]
        print("%s / %s: RSS after the first result %.2fx (target <= 2x); growth %.0f MiB (target <= 25);"
              " small-cell round trip %.1fx (target <= 3x); last 100 cells %.1f ms" % (
                  first, last, a["first"] / b["first"], a["at_end"] - a["at100"], a["median_ms"] / b["median_ms"],
                  a["median_last_100_ms"]))


if __name__ == "__main__":
    sys.exit(main())
