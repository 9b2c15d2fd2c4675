"""Helpers shared by the kernel's Python tests: start the kernel through jupyter_client, run cells and
collect everything the kernel sends for them, with the time each message arrived.

The kernelspec named KERNEL_NAME is written by the JUnit integration test that runs these scripts (a
temporary JUPYTER_PATH); run by hand, point JUPYTER_PATH at a folder holding kernels/fahr-java-test.
"""

import atexit
import os
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("FAHR_TEST_KERNEL_NAME", "fahr-java-test")
STARTUP_TIMEOUT = 90
CELL_TIMEOUT = 60


_started = []


@atexit.register
def _kill_leftover_kernels():
    """A test that failed before its teardown must not leave a kernel JVM running after the script."""
    for km in _started:
        try:
            if km.is_alive():
                km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def start_kernel():
    """A started kernel and a blocking client whose channels are ready (kernel_info answered)."""
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)
    _started.append(km)
    return km, kc


def stop_kernel(km, kc):
    try:
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)


class Received:
    """One message with the client-side monotonic time it was taken from its socket."""

    def __init__(self, channel, msg, at):
        self.channel = channel
        self.msg = msg
        self.at = at

    @property
    def msg_type(self):
        return self.msg["header"]["msg_type"]

    @property
    def content(self):
        return self.msg["content"]

    @property
    def parent_id(self):
        return self.msg["parent_header"].get("msg_id")

    def __repr__(self):
        return "%s %s %r" % (self.channel, self.msg_type, self.content)


class Collector:
    """Reads the shell and IOPub channels of a blocking client alternately, stamping arrival times."""

    def __init__(self, kc):
        self.kc = kc
        self.seen = []

    def _poll_once(self, timeout=0.02):
        got = False
        for name, get in (("iopub", self.kc.get_iopub_msg), ("shell", self.kc.get_shell_msg)):
            try:
                msg = get(timeout=timeout)
            except Empty:
                continue
            self.seen.append(Received(name, msg, time.monotonic()))
            got = True
        return got

    def wait_for(self, predicate, timeout, what):
        """Polls until predicate(self.seen) is true; fails with everything seen so far otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate(self.seen)
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError("timed out after %.1f s waiting for %s; received:\n  %s"
                                     % (timeout, what, "\n  ".join(repr(r) for r in self.seen)))
            self._poll_once()

    def drain(self, seconds):
        """Collects whatever arrives during the next few seconds."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._poll_once()

    def for_parent(self, msg_id, channel=None, msg_type=None):
        return [r for r in self.seen
                if r.parent_id == msg_id
                and (channel is None or r.channel == channel)
                and (msg_type is None or r.msg_type == msg_type)]

    def reply_for(self, msg_id):
        replies = self.for_parent(msg_id, channel="shell")
        return replies[0] if replies else None

    def idle_for(self, msg_id):
        return [r for r in self.for_parent(msg_id, channel="iopub", msg_type="status")
                if r.content["execution_state"] == "idle"]


class Cell:
    """What one execute_request produced."""

    def __init__(self, code, msg_id, collector):
        self.code = code
        self.msg_id = msg_id
        self.collector = collector

    @property
    def reply(self):
        return self.collector.reply_for(self.msg_id)

    @property
    def outputs(self):
        return [r for r in self.collector.for_parent(self.msg_id, channel="iopub")
                if r.msg_type not in ("status", "execute_input")]

    def of_type(self, msg_type):
        return [r for r in self.outputs if r.msg_type == msg_type]

    def stdout(self):
        return "".join(r.content["text"] for r in self.of_type("stream") if r.content["name"] == "stdout")

    def stderr(self):
        return "".join(r.content["text"] for r in self.of_type("stream") if r.content["name"] == "stderr")

    def result_text(self):
        results = self.of_type("execute_result")
        return results[0].content["data"].get("text/plain") if results else None

    def error(self):
        errors = self.of_type("error")
        return errors[0].content if errors else None

    def describe(self):
        return "cell %r:\n  %s" % (self.code, "\n  ".join(
            repr(r) for r in self.collector.for_parent(self.msg_id)))


def send(kc, collector, code, **kwargs):
    """Sends an execute_request and returns at once; see finish()."""
    msg_id = kc.execute(code, **kwargs)
    return Cell(code, msg_id, collector)


def finish(cell, timeout=CELL_TIMEOUT):
    """Waits for the cell's execute_reply and its idle status."""
    collector = cell.collector
    collector.wait_for(lambda seen: collector.reply_for(cell.msg_id) and collector.idle_for(cell.msg_id),
                       timeout, "the reply and idle status of %r" % cell.code)
    return cell


def run(kc, collector, code, timeout=CELL_TIMEOUT, **kwargs):
    return finish(send(kc, collector, code, **kwargs), timeout)


def shell_request(kc, collector, send_request, timeout=30):
    """Sends a non-execute shell request (complete, inspect, is_complete, ...) and returns its reply."""
    msg_id = send_request()
    collector.wait_for(lambda seen: collector.reply_for(msg_id), timeout, "the reply to request %s" % msg_id)
    return collector.reply_for(msg_id).msg
