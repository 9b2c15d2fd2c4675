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

import glob
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

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

    def test_one_status_table_compares_the_three_completed_jobs(self):
        html, plain = one_status_table(self, self.book, "grid-status")
        self.assertEqual(3, html.count(">completed<"), plain)
        for size in ("128", "256", "512"):
            self.assertIn("batch_size=" + size, plain)
        self.assertIn("3 jobs, all ended", plain)

    def test_each_job_trained_with_its_own_batch_size(self):
        metrics = {}
        pattern = os.path.join(self.book.folder, "models", "grid", ".fahr", "local-jobs", "*", "output", "data",
                               "metrics.txt")
        for path in glob.glob(pattern):
            with open(path) as f:
                match = re.match(r"batch_size=(\d+) accuracy=(\d\.\d+)", f.read())
            self.assertIsNotNone(match, path)
            metrics[match.group(1)] = float(match.group(2))
        self.assertEqual({"128", "256", "512"}, set(metrics), pattern)
        for size, accuracy in metrics.items():
            self.assertGreaterEqual(accuracy, 0.85, size)
            self.assertLessEqual(accuracy, 0.95, size)


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
