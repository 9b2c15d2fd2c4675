"""A short scripted session of the fahr kernel, run by install.sh under -XX:ArchiveClassesAtExit, so that
the JVM writes the classes a session uses into a class-data-sharing archive that the launcher then maps.

Usage: python3 cds-warmup.py JAVA [JVM-OPTION ...] -cp JAR MAIN-CLASS   (or -jar JAR)
The kernel is started with a connection file of its own, in a temporary folder (the cells touch no
project). Exits 0 once the kernel has ended normally (which writes the archive), else 1.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

TIMEOUT = 120
CELLS = [
    "1 + 1",
    'String greeting = "hello"; greeting.length()',
    "var xs = new ArrayList<Integer>(List.of(3, 1, 2)); Collections.sort(xs); xs",
    'display(html("<b>warm</b>"))',
    "System.out.println(greeting)",
    "%lsmagic",
    "%fahr_help",
]


def wait_for_kernel_info(kc, kernel):
    """Not jupyter_client's wait_for_ready: without a kernel manager it takes a heartbeat not yet
    beating for a dead kernel."""
    msg_id = kc.kernel_info()
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if kernel.poll() is not None:
            raise RuntimeError("the kernel ended (exit code %s) before it answered" % kernel.returncode)
        try:
            reply = kc.get_shell_msg(timeout=0.5)
        except Exception:  # noqa: BLE001 - queue.Empty: not yet
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return
    raise RuntimeError("no kernel_info_reply within %d s" % TIMEOUT)


def main(argv):
    work = tempfile.mkdtemp(prefix="fahr-cds-")
    cf, _ = write_connection_file(os.path.join(work, "kernel.json"), ip="127.0.0.1")
    kc = BlockingKernelClient()
    with open(cf) as f:
        kc.load_connection_info(json.load(f))
    kc.start_channels()
    with open(os.path.join(work, "kernel.log"), "w") as log:
        kernel = subprocess.Popen(argv + [cf], cwd=work, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        wait_for_kernel_info(kc, kernel)
        for code in CELLS:
            kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda msg: None)
        for code in ["Str", "%fahr_fit --tr", "greeting.len"]:
            kc.complete(code, len(code))
            kc.get_shell_msg(timeout=TIMEOUT)
        kc.inspect("greeting.length()", 10)
        kc.get_shell_msg(timeout=TIMEOUT)
        kc.is_complete("void f() {")
        kc.get_shell_msg(timeout=TIMEOUT)
        kc.shutdown()
        return 0 if kernel.wait(timeout=TIMEOUT) == 0 else 1
    except Exception as e:  # noqa: BLE001 - any failure means: no archive, and the kernel works without one
        print("fahr: class-data warm-up failed: %s" % e, file=sys.stderr)
        return 1
    finally:
        kc.stop_channels()
        if kernel.poll() is None:
            kernel.kill()
            kernel.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
