#!/usr/bin/python3
"""Start-up time of Jupyter kernels, measured side by side: process start to kernel_info_reply, and
process start to the execute_reply of a first `1 + 1`. Run by bench/kernel-startup.sh; runs each
kernel N times, interleaved, and prints median and p90 per figure and the ratio of the first kernel
to the last one.

The client is Debian's jupyter_client. Its sockets connect before the kernel process starts and
retry every 5 ms (ZeroMQ's default is 100 ms), so the figures are the kernel's, not the retry period's.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager

TIMEOUT = 60.0


def measure(spec, workdir):
    """One cold start: returns (seconds to kernel_info_reply, seconds to the first execute_reply)."""
    cf, _ = write_connection_file(os.path.join(workdir, "kernel-%d.json" % os.getpid()), ip="127.0.0.1")
    with open(cf) as f:
        info = json.load(f)
    kc = BlockingKernelClient()
    kc.context.setsockopt(zmq.RECONNECT_IVL, 5)
    kc.context.setsockopt(zmq.LINGER, 0)
    kc.load_connection_info(info)
    kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    argv = [a.replace("{connection_file}", cf) for a in spec.argv]
    env = dict(os.environ)
    env.update(spec.env or {})
    proc = None
    try:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, env=env, cwd=workdir, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        info_id = kc.kernel_info()
        reply = wait_reply(kc, info_id, t0)
        t_info = time.monotonic() - t0
        exec_id = kc.execute("1 + 1", store_history=True)
        reply = wait_reply(kc, exec_id, t0)
        t_exec = time.monotonic() - t0
        if reply["content"].get("status") != "ok":
            raise RuntimeError("1 + 1 failed: %r" % reply["content"])
        return t_info, t_exec
    finally:
        kc.stop_channels()
        if proc is not None:
            proc.kill()
            proc.wait()
        os.unlink(cf)


def wait_reply(kc, msg_id, t0):
    while True:
        left = TIMEOUT - (time.monotonic() - t0)
        if left <= 0:
            raise RuntimeError("no reply within %.0f s" % TIMEOUT)
        msg = kc.get_shell_msg(timeout=left)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs of each kernel first")
    parser.add_argument("kernels", nargs="+", metavar="KERNELSPEC",
                        help="kernelspec names; the last one is the baseline of the ratios")
    args = parser.parse_args()
    ksm = KernelSpecManager()
    specs = {}
    for name in args.kernels:
        specs[name] = ksm.get_kernel_spec(name)
        print("%-12s %s" % (name, " ".join(specs[name].argv)))
    results = {name: ([], []) for name in args.kernels}
    workdir = tempfile.mkdtemp(prefix="fahr-bench-")
    try:
        for i in range(args.warmup + args.runs):
            # Interleaved, and the order alternates, so that neither kernel always runs on a freshly idle machine.
            order = args.kernels if i % 2 == 0 else list(reversed(args.kernels))
            for name in order:
                t_info, t_exec = measure(specs[name], workdir)
                if i >= args.warmup:
                    results[name][0].append(t_info)
                    results[name][1].append(t_exec)
            print("run %d/%d done" % (i + 1, args.warmup + args.runs), file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = args.kernels[-1]
    print()
    print("%d runs each (after %d warm-up), interleaved; seconds" % (args.runs, args.warmup))
    width = max(22, max(len(n) for n in args.kernels) + 13)
    header = "%-36s" % "figure" + "".join("%*s" % (width, "%s median/p90" % n) for n in args.kernels)
    print(header + "   ratio (median, p90) to %s" % base)
    for idx, figure in enumerate(["process start -> kernel_info_reply", "process start -> 1 + 1 execute_reply"]):
        row = "%-36s" % figure
        for name in args.kernels:
            v = results[name][idx]
            row += "%*s" % (width, "%.3f / %.3f" % (statistics.median(v), p90(v)))
        b = results[base][idx]
        ratios = ["%s %.2fx / %.2fx" % (n, statistics.median(results[n][idx]) / statistics.median(b),
                                           p90(results[n][idx]) / p90(b)) for n in args.kernels if n != base]
        print(row + "   " + ", ".join(ratios))


if __name__ == "__main__":
    main()
