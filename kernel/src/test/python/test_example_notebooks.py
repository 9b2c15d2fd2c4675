"""Runs the example notebooks under notebooks/ with nbclient on the fahr kernel, as
`scripts/quickstart.sh` and `jupyter nbconvert --execute` would, against a real Docker engine:

- quickstart.ipynb and grid.ipynb end to end on the local driver (train, %fahr_init, %fahr_fit,
  %fahr_status --wait, %fahr_fetch, evaluate the fetched model);
- gpu.ipynb up to its export and image build: the engine here has no NVIDIA runtime, so the launch
  is refused, and the test checks that it is refused for that reason, with the message a user sees.

Each notebook runs in a copy, in a fresh folder (its own project: records, models/, fetched/), with
JPY_SESSION_NAME naming it as jupyter_server 2 does, so that %fahr_init exports that notebook.
Needs DOCKER_HOST and the offline base images: run under scripts/with-services.sh.

Run: FAHR_REPO_ROOT=/path/to/repo JUPYTER_PATH=<folder with kernels/fahr-java-test> DOCKER_HOST=... \\
     /usr/bin/python3 -m unittest -v test_example_notebooks
"""

import base64
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest
from html.parser import HTMLParser

import nbformat
from nbclient import NotebookClient

from kernel_harness import KERNEL_NAME, STARTUP_TIMEOUT

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FAHR_REPO_ROOT", os.path.join(HERE, "..", "..", "..", ".."))
CELL_TIMEOUT = 600


def stream_of(cell, name="stdout"):
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == name)


def displays_of(cell):
    return [o for o in cell.outputs if o["output_type"] in ("display_data", "execute_result")]


def errors_of(cell):
    return [o for o in cell.outputs if o["output_type"] == "error"]


def text_of(cell):
    """Everything a cell showed as text: streams and the plain-text form of its displays."""
    parts = []
    for o in cell.outputs:
        if o["output_type"] == "stream":
            parts.append(o["text"])
        elif o["output_type"] in ("display_data", "execute_result"):
            parts.append(o["data"].get("text/plain", ""))
        elif o["output_type"] == "error":
            parts.append(o["ename"] + ": " + o["evalue"])
    return "\n".join(parts)


def docker(*args):
    """The docker command against DOCKER_HOST (scripts/with-services.sh's engine)."""
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=300)


class NotebookRun:
    """A copy of notebooks/NAME.ipynb in a new folder, and a client to execute its cells."""

    def __init__(self, name):
        self.name = name
        self.folder = tempfile.mkdtemp(prefix="fahr-%s-" % name, dir=os.environ.get("HOME"))
        self.path = os.path.join(self.folder, name + ".ipynb")
        shutil.copy(os.path.join(REPO_ROOT, "notebooks", name + ".ipynb"), self.path)
        self.nb = nbformat.read(self.path, as_version=4)
        self.cells = {cell["id"]: cell for cell in self.nb.cells}

    def _environment(self):
        os.environ["JPY_SESSION_NAME"] = self.path
        os.environ["FAHR_STATUS_INTERVAL_MS"] = "1000"

    def execute_all(self):
        self._environment()
        client = NotebookClient(self.nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT,
                                startup_timeout=STARTUP_TIMEOUT, allow_errors=True,
                                resources={"metadata": {"path": self.folder}})
        client.execute()
        nbformat.write(self.nb, self.path)

    def execute_until(self, last_id):
        """Executes the code cells in order up to and including last_id; errors are kept as outputs."""
        self._environment()
        client = NotebookClient(self.nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT,
                                startup_timeout=STARTUP_TIMEOUT, allow_errors=True,
                                resources={"metadata": {"path": self.folder}})
        with client.setup_kernel():
            for index, cell in enumerate(self.nb.cells):
                client.execute_cell(cell, index)
                if cell["id"] == last_id:
                    break
        nbformat.write(self.nb, self.path)

    def describe(self, cell_id):
        return "%s: %s" % (cell_id, text_of(self.cells[cell_id]))

    def assert_no_errors(self, test, ids):
        for cell_id in ids:
            test.assertEqual([], [o["evalue"] for o in errors_of(self.cells[cell_id])], self.describe(cell_id))


def one_status_table(test, book, cell_id):
    """The status cell shows one display, updated in place (not one per refresh), as an HTML table."""
    displays = displays_of(book.cells[cell_id])
    test.assertEqual(1, len(displays), book.describe(cell_id))
    html = displays[0]["data"].get("text/html", "")
    test.assertIn("<table", html, book.describe(cell_id))
    return html, displays[0]["data"]["text/plain"]


class _TableParser(HTMLParser):
    """The header and rows of an HTML table, each cell as its text (a grid's heading row has one cell)."""

    def __init__(self):
        super().__init__()
        self.header, self.rows, self._row, self._cell = [], [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(("th" if tag == "th" else "td", "".join(self._cell).strip()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and all(kind == "th" for kind, _ in self._row):
                self.header = [text for _, text in self._row]
            elif self._row:
                self.rows.append([text for _, text in self._row])
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_of(html):
    """(header, job rows) of the status table's HTML: rows with as many cells as the header."""
    parser = _TableParser()
    parser.feed(html)
    return parser.header, [r for r in parser.rows if len(r) == len(parser.header)]


def png_size(data):
    """(width, height) from a base64 PNG's IHDR chunk; fails if it is not a PNG."""
    raw = base64.b64decode(data)
    if raw[:8] != b"\x89PNG\r\n\x1a\n" or raw[12:16] != b"IHDR":
        raise AssertionError("not a PNG: %r" % raw[:16])
    return struct.unpack(">II", raw[16:24])


def one_chart(test, book, cell_id):
    """The plot cell shows one display (redrawn in place, not appended): a PNG and an SVG of the chart."""
    displays = displays_of(book.cells[cell_id])
    test.assertEqual(1, len(displays), book.describe(cell_id))
    data = displays[0]["data"]
    test.assertEqual((720, 420), png_size(data["image/png"]), book.describe(cell_id))
    test.assertTrue(data["image/svg+xml"].lstrip().startswith("<svg"), book.describe(cell_id))
    return data


class QuickstartNotebookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.book = NotebookRun("quickstart")
        cls.book.execute_all()

    def test_every_code_cell_ran_in_order_without_errors(self):
        code = [c for c in self.book.nb.cells if c.cell_type == "code"]
        self.assertEqual(list(range(1, len(code) + 1)), [c.execution_count for c in code])
        self.book.assert_no_errors(self, [c["id"] for c in code])

    def test_the_notebook_trains_and_saves_a_model(self):
        self.assertIn("added 1 jar: commons-math3-3.6.1.jar", stream_of(self.book.cells["quickstart-maven"]))
        train = stream_of(self.book.cells["quickstart-train"])
        self.assertRegex(train, r"epoch 300: log loss 0\.2\d+", train)
        self.assertTrue(os.path.isfile(os.path.join(self.book.folder, "model", "weights.txt")))
        # one display, updated in place when training ended
        displays = [o for o in self.book.cells["quickstart-train"].outputs if o["output_type"] == "display_data"]
        self.assertEqual(1, len(displays), self.book.describe("quickstart-train"))
        self.assertRegex(displays[0]["data"]["text/html"], r"<b>trained</b>: training accuracy 0\.\d{3}")

    def test_init_exports_this_notebook_without_magics_or_skipped_cells(self):
        init = text_of(self.book.cells["quickstart-init"])
        self.assertIn("JPY_SESSION_NAME", init)
        self.assertIn(os.path.join(self.book.folder, "models", "quickstart"), init)
        with open(os.path.join(self.book.folder, "models", "quickstart", "quickstart.jsh")) as f:
            script = f.read()
        self.assertIn("RealVector weights = fit(train, epochs, learning_rate);", script)
        self.assertNotIn("%fahr_", script)
        self.assertNotIn("fetched", script, "the fahr:skip cell is not exported")
        self.assertEqual(["commons-math3-3.6.1.jar"],
                         sorted(os.listdir(os.path.join(self.book.folder, "models", "quickstart", "lib"))))

    def test_fit_names_the_job(self):
        self.assertRegex(text_of(self.book.cells["quickstart-fit"]), r"Launched quickstart-\d{8}-\d{6}-[a-z0-9]{4}")

    def test_status_waits_and_shows_the_job_completed_in_one_html_table(self):
        html, plain = one_status_table(self, self.book, "quickstart-status")
        self.assertIn(">completed<", html)
        self.assertIn("1 job, all ended", plain)
        header, rows = table_of(html)
        self.assertIn("log_loss", header)
        self.assertIn("accuracy", header)
        # the job's final log loss at epoch 300 and its held-out accuracy, as Fahr.metric reported them
        self.assertRegex(rows[0][header.index("log_loss")], r"^0\.2\d+", plain)
        self.assertGreaterEqual(float(rows[0][header.index("accuracy")].rstrip(" \u2605")), 0.85, plain)

    def test_the_learning_curve_of_the_job_is_drawn_beside_the_notebooks(self):
        chart = one_chart(self, self.book, "quickstart-plot")
        # Drawn while the job ran, redrawn in place when it ended: the final drawing has both curves.
        self.assertEqual("log_loss by step, 2 curves", chart["text/plain"], self.book.describe("quickstart-plot"))
        self.assertIn("this notebook", chart["image/svg+xml"])

    def test_fetch_brings_the_model_and_the_executed_notebook_back(self):
        fetched = os.path.join(self.book.folder, "fetched", "quickstart")
        self.assertRegex(stream_of(self.book.cells["quickstart-fetch"]),
                         r"fetched quickstart-\S+ into " + re.escape(fetched))
        for name in ("weights.txt", "model.tar.gz", "quickstart.executed.ipynb"):
            self.assertTrue(os.path.isfile(os.path.join(fetched, name)), name)
        executed = nbformat.read(os.path.join(fetched, "quickstart.executed.ipynb"), as_version=4)
        job_text = "".join(text_of(c) for c in executed.cells if c.cell_type == "code")
        self.assertIn("saved the model to /opt/ml/model/weights.txt (in the job)", job_text)
        # display(...) ran in the job too; the executed notebook keeps the updated display
        train = [c for c in executed.cells if c.get("id") == "quickstart-train"][0]
        shown = [o for o in train.outputs if o["output_type"] == "display_data"]
        self.assertEqual(1, len(shown), train.outputs)
        self.assertRegex(shown[0]["data"]["text/html"], r"<b>trained</b>: training accuracy 0\.\d{3}")

    def test_the_fetched_model_evaluates_in_range(self):
        out = stream_of(self.book.cells["quickstart-evaluate"])
        match = re.search(r"held-out accuracy (\d\.\d+)", out)
        self.assertIsNotNone(match, out)
        # Two blobs 2.48 Mahalanobis units apart: the best possible accuracy is about 0.89.
        self.assertGreaterEqual(float(match.group(1)), 0.85, out)
        self.assertLessEqual(float(match.group(1)), 0.93, out)
        self.assertIn("same weights as trained in this notebook: true", out)


class GridNotebookTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.book = NotebookRun("grid")
        cls.book.execute_all()

    def test_every_code_cell_ran_without_errors(self):
        self.book.assert_no_errors(self, [c["id"] for c in self.book.nb.cells if c.cell_type == "code"])

    def test_one_fit_launches_three_jobs(self):
        fit = text_of(self.book.cells["grid-fit"])
        launched = re.findall(r"Launched (grid-\S+) \(batch_size=(\d+)\)", fit)
        self.assertEqual(["128", "256", "512"], sorted((b for _, b in launched), key=int), fit)
        self.assertEqual(1, fit.count("Initialized"), "one init and one image build for the grid")

    def test_one_status_table_compares_the_three_jobs_sorted_by_accuracy_with_the_best_marked(self):
        html, plain = one_status_table(self, self.book, "grid-status")
        self.assertEqual(3, html.count(">completed<"), plain)
        for size in ("128", "256", "512"):
            self.assertIn("batch_size=" + size, plain)
        self.assertIn("3 jobs, all ended, by accuracy (highest first)", plain)
        header, rows = table_of(html)
        self.assertEqual(3, len(rows), plain)
        accuracy = [row[header.index("accuracy")] for row in rows]
        values = [float(a.rstrip(" \u2605")) for a in accuracy]
        self.assertEqual(sorted(values, reverse=True), values, plain)
        self.assertTrue(accuracy[0].endswith("\u2605"), "the best is marked: %s" % accuracy)
        self.assertFalse(any(a.endswith("\u2605") for a in accuracy[1:]), accuracy)
        for value in values:
            self.assertGreaterEqual(value, 0.85, plain)
            self.assertLessEqual(value, 0.95, plain)
        self.assertEqual(3, sum(1 for row in rows if row[header.index("log_loss")].strip()), plain)

    def test_each_job_kept_its_metrics_in_its_output(self):
        pattern = os.path.join(self.book.folder, "models", "grid", ".fahr", "local-jobs", "*", "output", "data",
                               "fahr-metrics.txt")
        files = glob.glob(pattern)
        self.assertEqual(3, len(files), pattern)
        for path in files:
            with open(path) as f:
                lines = f.read().splitlines()
            self.assertEqual(20, sum(1 for line in lines if line.startswith("fahr-metric name=log_loss ")), path)
            self.assertEqual(1, sum(1 for line in lines if line.startswith("fahr-metric name=accuracy ")), path)

    def test_the_best_two_runs_are_diffed(self):
        text = text_of(self.book.cells["grid-diff"])
        status = text_of(self.book.cells["grid-status"])
        best = re.search(r"the best two of latest by -accuracy: (\S+) and (\S+)", text)
        self.assertIsNotNone(best, text)
        self.assertIn("hyperparameters:\n  batch_size: ", text)
        self.assertIn("notebook: the same cells", text)
        first_row = [line for line in status.splitlines() if line.startswith("grid-")][0]
        self.assertTrue(first_row.startswith(best.group(1)), "the best run first: %s / %s" % (first_row, text))

    def test_the_grid_ends_with_its_learning_curves(self):
        self.assertEqual("grid-plot", self.book.nb.cells[-1]["id"])
        chart = one_chart(self, self.book, "grid-plot")
        self.assertEqual("log_loss by step, 4 curves", chart["text/plain"], self.book.describe("grid-plot"))
        for label in ("batch_size=128", "batch_size=256", "batch_size=512", "this notebook"):
            self.assertIn(label, chart["image/svg+xml"])


class GpuNotebookTest(unittest.TestCase):
    """No GPU here: the notebook runs up to %fahr_fit, which builds the CUDA image and is then refused."""

    @classmethod
    def setUpClass(cls):
        cls.book = NotebookRun("gpu")
        cls.book.execute_until("gpu-fit")
        cls.job_folder = os.path.join(cls.book.folder, "models", "gpu")

    def test_cells_before_the_launch_ran_without_errors(self):
        self.book.assert_no_errors(self, ["gpu-maven", "gpu-parameters", "gpu-model", "gpu-train", "gpu-init"])
        self.assertIn("No NVIDIA GPU here", stream_of(self.book.cells["gpu-train"]))

    def test_djl_and_the_pytorch_engine_come_from_maven_central(self):
        jars = sorted(os.listdir(os.path.join(self.job_folder, "lib")))
        self.assertIn("api-0.36.0.jar", jars)
        self.assertIn("pytorch-engine-0.36.0.jar", jars)

    def test_export_is_the_training_code_without_magics(self):
        with open(os.path.join(self.job_folder, "gpu.jsh")) as f:
            script = f.read()
        self.assertIn("train(epochs, batch_size, (float) learning_rate, hidden);", script)
        self.assertIn("model.save(Fahr.modelDir(), \"sine-mlp\");", script)
        self.assertNotRegex(script, r"(?m)^\s*%", "no magic lines")
        self.assertNotIn("fetched", script, "the fahr:skip cell is not exported")

    def test_dockerfile_is_cuda_with_a_jdk_and_the_nvidia_variables(self):
        with open(os.path.join(self.job_folder, "Dockerfile")) as f:
            dockerfile = f.read()
        self.assertRegex(dockerfile, r"(?m)^FROM nvidia/cuda:12\.4\.1-cudnn-runtime-ubuntu22\.04\b")
        self.assertRegex(dockerfile, r"(?m)^FROM eclipse-temurin:21-jdk AS jdk$")
        self.assertIn("COPY --from=jdk /opt/java/openjdk /opt/java/openjdk", dockerfile)
        self.assertIn("NVIDIA_VISIBLE_DEVICES", dockerfile)
        self.assertIn("NVIDIA_DRIVER_CAPABILITIES", dockerfile)
        init = text_of(self.book.cells["gpu-init"])
        self.assertIn("default-gpu", init)

    def test_fit_builds_the_cuda_image_with_a_working_jdk(self):
        with open(os.path.join(self.book.folder, ".fahr", "jobs.json")) as f:
            records = json.load(f)["jobs"]
        self.assertEqual(1, len(records), records)
        image = records[0]["image"]
        inspect = docker("image", "inspect", "--format", "{{json .Config.Env}}", image)
        self.assertEqual(0, inspect.returncode, inspect.stderr)
        env = json.loads(inspect.stdout)
        self.assertIn("NVIDIA_VISIBLE_DEVICES=all", env)
        self.assertIn("JAVA_HOME=/opt/java/openjdk", env)
        # The JDK copied from the JDK image runs on the CUDA base (no GPU needed for that).
        java = docker("run", "--rm", "--network", "none", "--entrypoint", "/opt/java/openjdk/bin/java", image,
                      "-version")
        self.assertEqual(0, java.returncode, java.stderr)
        self.assertIn("openjdk version", java.stderr)

    def test_the_engine_refuses_the_gpu_request_and_fit_says_why(self):
        cell = self.book.cells["gpu-fit"]
        errors = errors_of(cell)
        self.assertEqual(1, len(errors), text_of(cell))
        message = errors[0]["evalue"]
        # The local driver asked for all GPUs (a device request with capability gpu); this engine has no
        # NVIDIA runtime, so it answers "could not select device driver ... with capabilities: [[gpu]]".
        self.assertIn("asks for GPUs, but no NVIDIA runtime is available", message)
        self.assertIn("[[gpu]]", message)
        self.assertIn("--train-image=default-cpu", message)
        self.assertIn("--train-driver=sagemaker", message)

if __name__ == "__main__":
    unittest.main()
