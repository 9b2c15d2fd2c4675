"""The kernel interrupted or restarted in the middle of %fahr_fit and of a live %fahr_status, through a real
Jupyter client on the local driver: the kernel stays usable after an interrupt, the job records stay
consistent (valid JSON, no name twice, nothing half-recorded left as if launched), and a new kernel's
%fahr_status reattaches to the job and follows it to its end.

Needs a Docker engine (DOCKER_HOST), as scripts/with-services.sh provides; the JUnit test KernelFaultIT runs
this script. FAHR_STATUS_INTERVAL_MS keeps the poller quick.
"""

import json
import os
import shutil
import tempfile
import time
import unittest

from kernel_harness import Collector, finish, run, send, start_kernel, stop_kernel
from test_status_live import display_id, notebook, plain

FIT_TIMEOUT = 300
END_TIMEOUT = 240


def records(project):
    with open(os.path.join(project, ".fahr", "jobs.json"), encoding="utf-8") as f:
        jobs = json.load(f)["jobs"]
    names = [job["name"] for job in jobs]
    if len(names) != len(set(names)):
        raise AssertionError("a job recorded twice: %r" % names)
    return jobs


class KernelFaultsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not os.environ.get("DOCKER_HOST"):
            raise AssertionError("DOCKER_HOST is not set: run this under scripts/with-services.sh")
        cls.project = tempfile.mkdtemp(prefix="fahr-kernel-faults-")
        os.makedirs(os.path.join(cls.project, ".git"))
        notebook(os.path.join(cls.project, "models/slow/train.ipynb"), "int epochs = 1;",
                 'System.out.println("training " + System.nanoTime());',
                 "Thread.sleep(8000);",
                 'Files.writeString(Fahr.modelDir().resolve("model.txt"), "epochs=" + epochs);')
        os.environ["FAHR_STATUS_INTERVAL_MS"] = "500"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.project, ignore_errors=True)

    def start(self):
        here = os.getcwd()
        os.chdir(self.project)  # a notebook server starts the kernel in the notebook's folder
        try:
            km, kc = start_kernel()
        finally:
            os.chdir(here)
        return km, kc, Collector(kc)

    def wait_for_output(self, collector, cell, text, timeout=FIT_TIMEOUT):
        collector.wait_for(lambda seen: text in cell.stdout() + "".join(
            plain(r) for r in cell.of_type("display_data") + cell.of_type("update_display_data")),
            timeout, "%r in the output of %r" % (text, cell.code))

    def test_1_an_interrupted_fit_leaves_consistent_records_and_a_usable_kernel(self):
        km, kc, collector = self.start()
        try:
            # A build that takes a while, so the interrupt lands in it: the user's own Dockerfile edit.
            init = run(kc, collector, "%fahr_init models/slow/train.ipynb", timeout=FIT_TIMEOUT)
            self.assertEqual("ok", init.reply.content["status"], init.describe())
            dockerfile = os.path.join(self.project, "models/slow/models/train/Dockerfile")
            with open(dockerfile, encoding="utf-8") as f:
                lines = f.read().splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("ENTRYPOINT"))
            lines.insert(at, "RUN sleep 6 && echo %d" % time.time_ns())
            with open(dockerfile, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            fit = send(kc, collector, "%fahr_fit models/slow/train.ipynb")
            # Interrupted while the engine runs the slow step, seen in the build's own progress display.
            collector.wait_for(lambda seen: any("RUN sleep" in plain(r) for r in fit.of_type("display_data")
                                                + fit.of_type("update_display_data")),
                               FIT_TIMEOUT, "the build to reach its slow step")
            km.interrupt_kernel()
            finish(fit, timeout=FIT_TIMEOUT)
            self.assertEqual("error", fit.reply.content["status"], fit.describe())
            self.assertIn("interrupted", json.dumps(fit.error()), fit.describe())
            after = run(kc, collector, "int x = 41; x + 1")
            self.assertEqual("42", after.result_text(), after.describe())
            if os.path.exists(os.path.join(self.project, ".fahr", "jobs.json")):
                for job in records(self.project):
                    self.assertTrue(job.get("submitted"), "an interrupted launch is not recorded as launched: %r" % job)
            # The next fit works and launches once.
            again = run(kc, collector, "%fahr_fit models/slow/train.ipynb", timeout=FIT_TIMEOUT)
            self.assertEqual("ok", again.reply.content["status"], again.describe())
            launched = [l.split()[1] for l in again.stdout().splitlines() if l.startswith("Launched ")]
            self.assertEqual(1, len(launched), again.describe())
            self.__class__.job = launched[0]
        finally:
            stop_kernel(km, kc)

    def test_2_a_kernel_restarted_during_live_status_reattaches_in_the_next_one(self):
        km, kc, collector = self.start()
        status = run(kc, collector, "%fahr_status " + self.job)
        self.assertEqual(1, len(status.of_type("display_data")), status.describe())
        km.restart_kernel(now=True)  # killed while the table is live, as a user's restart does
        kc.stop_channels()
        stop_kernel(km, kc)

        km, kc, collector = self.start()
        try:
            status = run(kc, collector, "%fahr_status " + self.job)
            shown = status.of_type("display_data")
            self.assertEqual(1, len(shown), status.describe())
            self.assertIn(self.job, plain(shown[0]))
            the_id = display_id(shown[0])

            def ended(seen):
                return [r for r in collector.seen if r.msg_type == "update_display_data"
                        and display_id(r) == the_id and "completed" in plain(r)] or (
                    "completed" in plain(shown[0]))

            collector.wait_for(ended, END_TIMEOUT, "the reattached table to show the job completed")
            jobs = [j for j in records(self.project) if j["name"] == self.job]
            self.assertEqual(1, len(jobs))
            self.assertEqual("COMPLETED", jobs[0]["state"], jobs[0])
        finally:
            stop_kernel(km, kc)

    def test_3_a_kernel_killed_during_fit_leaves_records_a_new_kernel_reads(self):
        km, kc, collector = self.start()
        fit = send(kc, collector, "%fahr_fit models/slow/train.ipynb")
        self.wait_for_output(collector, fit, "Initialized")
        km.restart_kernel(now=True)
        kc.stop_channels()
        stop_kernel(km, kc)

        km, kc, collector = self.start()
        try:
            status = run(kc, collector, "%fahr_status --no-watch")
            self.assertEqual("ok", status.reply.content["status"], status.describe())
            jobs = records(self.project)
            self.assertTrue(any(j["name"] == self.job for j in jobs), jobs)
            table = "".join(plain(r) for r in status.of_type("display_data"))
            for job in jobs:
                self.assertIn(job["name"], table, status.describe())
                if not job.get("submitted"):
                    self.assertIn("never submitted", table, status.describe())
        finally:
            stop_kernel(km, kc)


if __name__ == "__main__":
    unittest.main()
