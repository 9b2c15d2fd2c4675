"""Runs notebooks/hello.ipynb and notebooks/spot.ipynb (at the repository root) with nbclient on the fahr
kernel, as `jupyter nbconvert --execute` would, and checks every cell's outputs.

Run: FAHR_REPO_ROOT=/path/to/repo JUPYTER_PATH=<folder with kernels/fahr-java-test> \\
     /usr/bin/python3 -m unittest -v test_notebook_nbclient
"""

import os
import re
import shutil
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

from kernel_harness import KERNEL_NAME, STARTUP_TIMEOUT

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FAHR_REPO_ROOT", os.path.join(HERE, "..", "..", "..", ".."))


def stdout_of(cell):
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def result_of(cell):
    results = [o for o in cell.outputs if o["output_type"] == "execute_result"]
    return results[0]["data"]["text/plain"] if len(results) == 1 else None


class HelloNotebookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        path = os.path.join(REPO_ROOT, "notebooks", "hello.ipynb")
        cls.nb = nbformat.read(path, as_version=4)
        client = NotebookClient(cls.nb, kernel_name=KERNEL_NAME, timeout=120,
                                startup_timeout=STARTUP_TIMEOUT, allow_errors=False,
                                resources={"metadata": {"path": os.path.dirname(path)}})
        client.execute()
        cls.cells = {cell["id"]: cell for cell in cls.nb.cells}

    def outputs(self, cell_id):
        return "%s: %r" % (cell_id, self.cells[cell_id].outputs)

    def test_every_code_cell_ran_in_order_without_errors(self):
        code = [c for c in self.nb.cells if c.cell_type == "code"]
        self.assertEqual(list(range(1, len(code) + 1)), [c.execution_count for c in code])
        for cell in code:
            self.assertEqual([], [o for o in cell.outputs if o["output_type"] == "error"], cell["id"])

    def test_declaration_has_no_output(self):
        self.assertEqual([], self.cells["hello-1"].outputs, self.outputs("hello-1"))
        self.assertEqual([], self.cells["hello-3"].outputs, self.outputs("hello-3"))

    def test_greeting_is_printed_with_the_java_version(self):
        self.assertRegex(stdout_of(self.cells["hello-2"]), r"^Hello from fahr on Java \d+\n$", self.outputs("hello-2"))

    def test_method_result(self):
        self.assertEqual("49", result_of(self.cells["hello-4"]), self.outputs("hello-4"))

    def test_loop_prints_every_name(self):
        self.assertEqual("Hi, Ada!\nHi, Grace!\nHi, Linus!\n", stdout_of(self.cells["hello-5"]), self.outputs("hello-5"))
        self.assertIsNone(result_of(self.cells["hello-5"]), self.outputs("hello-5"))

    def test_stream_result(self):
        result = result_of(self.cells["hello-6"])
        self.assertIsNotNone(result, self.outputs("hello-6"))
        self.assertRegex(result, r'^"?ADA, GRACE, LINUS"?$', self.outputs("hello-6"))

    def test_kernel_language_is_recorded(self):
        self.assertEqual("java", self.nb.metadata["language_info"]["name"])
        self.assertEqual(".jsh", self.nb.metadata["language_info"]["file_extension"])


class SpotNotebookTest(unittest.TestCase):
    """The resumable example in the notebook: it trains from epoch 0 every time (checkpoints resume only in a
    job; SageMakerFitEndToEndIT interrupts it there) and ends with the seeded estimate."""

    def run_copy(self, folder):
        nb = nbformat.read(os.path.join(REPO_ROOT, "notebooks", "spot.ipynb"), as_version=4)
        NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, startup_timeout=STARTUP_TIMEOUT,
                       allow_errors=False, resources={"metadata": {"path": folder}}).execute()
        return {cell["id"]: cell for cell in nb.cells}

    def test_each_run_in_the_notebook_starts_afresh_and_ends_with_the_seeded_estimate(self):
        folder = tempfile.mkdtemp(prefix="fahr-spot-")
        try:
            for _ in range(2):
                cells = self.run_copy(folder)
                self.assertEqual("starting at epoch 0\n", stdout_of(cells["spot-resume"]))
                self.assertEqual("".join("checkpoint %d saved\n" % i for i in range(1, 9)), stdout_of(cells["spot-train"]))
                self.assertEqual("3.14148375", result_of(cells["spot-save"]))
            with open(os.path.join(folder, "checkpoints", "state.txt"), encoding="utf-8") as f:
                self.assertEqual("8 2513187 3200000", f.read().strip())
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
