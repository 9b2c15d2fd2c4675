"""%fahr_status through a real Jupyter client: a notebook session fits two small Java notebooks on the
local driver (one trains, one fails), shows %fahr_status (live by default), then runs another cell; the
status display's update_display_data messages arrive while that cell executes, the table reaches
"completed" (and the failed job's reason and last log lines), and the updates stop. Also %fahr_fit? and
%fahr_help.

Needs a Docker engine (DOCKER_HOST), as scripts/with-services.sh provides; the JUnit test StatusLiveIT runs
this script. FAHR_STATUS_INTERVAL_MS keeps the poller quick.

Run: JUPYTER_PATH=<folder with kernels/fahr-java-test> DOCKER_HOST=... /usr/bin/python3 -m unittest -v test_status_live
"""

import json
import os
import shutil
import tempfile
import time
import unittest

from kernel_harness import Collector, finish, run, send, start_kernel, stop_kernel

INTERVAL_MS = 500
FIT_TIMEOUT = 300
END_TIMEOUT = 240


def notebook(path, parameters, *cells):
    """A small Java notebook (nbformat 4.5); the first cell is tagged parameters."""
    def cell(i, source, tags=None):
        return {"cell_type": "code", "id": "c%d" % i, "source": source, "outputs": [],
                "execution_count": None, "metadata": {"tags": tags} if tags else {}}
    nb = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"}},
          "cells": [cell(0, parameters, ["parameters"])] + [cell(i + 1, s) for i, s in enumerate(cells)]}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1)


def display_id(received):
    return received.content.get("transient", {}).get("display_id")


def plain(received):
    return received.content["data"].get("text/plain", "")


class StatusLiveTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not os.environ.get("DOCKER_HOST"):
            raise AssertionError("DOCKER_HOST is not set: run this under scripts/with-services.sh")
        cls.project = tempfile.mkdtemp(prefix="fahr-status-live-")
        os.makedirs(os.path.join(cls.project, ".git"))
        notebook(os.path.join(cls.project, "models/good/train.ipynb"), "int epochs = 1;",
                 'System.out.println("training for " + epochs + " epoch");',
                 "Thread.sleep(30000);",
                 'Files.writeString(Fahr.modelDir().resolve("model.txt"), "epochs=" + epochs);')
        notebook(os.path.join(cls.project, "models/bad/train.ipynb"), "int epochs = 1;",
                 'System.out.println("loss is nan");',
                 'throw new IllegalStateException("diverged at epoch " + epochs);')
        os.environ["FAHR_STATUS_INTERVAL_MS"] = str(INTERVAL_MS)
        here = os.getcwd()
        os.chdir(cls.project)  # the kernel starts in the project, as a notebook server would start it
        try:
            cls.km, cls.kc = start_kernel()
        finally:
            os.chdir(here)
        cls.collector = Collector(cls.kc)

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)
        shutil.rmtree(cls.project, ignore_errors=True)

    def run_ok(self, code, timeout=60):
        cell = run(self.kc, self.collector, code, timeout=timeout)
        self.assertEqual("ok", cell.reply.content["status"], cell.describe())
        return cell

    def test_1_help_names_the_magics(self):
        fit = self.run_ok("%fahr_fit?")
        self.assertIn("Usage: %fahr_fit", fit.stdout(), fit.describe())
        self.assertIn("--hp", fit.stdout(), fit.describe())
        self.assertNotIn("fahr fit", fit.stdout(), fit.describe())
        overview = self.run_ok("%fahr_help")
        for verb in ("init", "fit", "status", "logs", "fetch", "stop", "copy", "config"):
            self.assertIn("%fahr_" + verb, overview.stdout(), overview.describe())
        status = self.run_ok("%fahr_help status")
        self.assertIn("Usage: %fahr_status", status.stdout(), status.describe())

    def test_2_status_updates_live_while_another_cell_runs_and_stops_when_all_ended(self):
        launched = []
        # The failing one first: the one that trains must still run when %fahr_status starts.
        for nb in ("models/bad/train.ipynb", "models/good/train.ipynb"):
            cell = self.run_ok("%fahr_fit " + nb, timeout=FIT_TIMEOUT)
            names = [line.split()[1] for line in cell.stdout().splitlines() if line.startswith("Launched ")]
            self.assertEqual(1, len(names), cell.describe())
            launched += names
        bad, good = launched

        status = self.run_ok("%fahr_status " + good + " " + bad)
        shown = status.of_type("display_data")
        self.assertEqual(1, len(shown), status.describe())
        the_id = display_id(shown[0])
        self.assertTrue(the_id, "the live table has a display_id: %r" % shown[0].content)
        self.assertIn("text/html", shown[0].content["data"])
        self.assertIn(good, plain(shown[0]))

        def updates():
            return [r for r in self.collector.seen
                    if r.channel == "iopub" and r.msg_type == "update_display_data" and display_id(r) == the_id]

        other = send(self.kc, self.collector,
                     'for (int i = 0; i < 16; i++) { System.out.println("tick " + i); Thread.sleep(500); }')
        finish(other, timeout=60)
        self.assertEqual("ok", other.reply.content["status"], other.describe())
        busy = [r.at for r in other.collector.for_parent(other.msg_id, channel="iopub", msg_type="status")
                if r.content["execution_state"] == "busy"][0]
        idle = other.collector.idle_for(other.msg_id)[0].at
        during = [u for u in updates() if busy < u.at < idle]
        self.assertGreaterEqual(len(during), 3, "update_display_data for the status table while the other cell "
                                "ran (%.1f s); all updates: %r" % (idle - busy, updates()))
        self.assertIn("tick 15", other.stdout())

        def ended(seen):
            done = [u for u in updates() if "all ended" in plain(u)]
            return done[0] if done else None

        final = self.collector.wait_for(ended, END_TIMEOUT, "the status table to show every job ended")
        text = plain(final)
        self.assertIn("completed", text)
        self.assertIn("failed", text)
        self.assertIn("reason:", text)
        self.assertIn("diverged at epoch 1", text)
        self.assertIn("log:", text)
        self.assertIn("text/html", final.content["data"])

        # The poller stops: nothing more for this display over several intervals.
        self.collector.drain(INTERVAL_MS * 6 / 1000.0)
        later = [u for u in updates() if u.at > final.at]
        self.assertEqual([], later, "updates after every job ended")


if __name__ == "__main__":
    unittest.main()
