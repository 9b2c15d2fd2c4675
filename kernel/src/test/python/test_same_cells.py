"""The same cells through both front ends of fahr's one cell engine: the kernel, driven by nbclient as
Jupyter drives it, and the training runner, run as the image runs it on what `fahr init` exported.
Values, printed output, displays and errors must come out the same, including the cases where the
kernel and the runner once disagreed (an unclosed block, a forward reference, a String or null value,
display handles, the display types, start-up imports after a user's import).

Run: JUPYTER_PATH=<folder with kernels/fahr-java-test> FAHR_TEST_JAVA_HOME=<jdk> \\
     /usr/bin/python3 -m unittest -v test_same_cells
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from kernel_harness import KERNEL_NAME, STARTUP_TIMEOUT

JAVA = os.path.join(os.environ.get("FAHR_TEST_JAVA_HOME", "/usr"), "bin", "java")
# The kernel names a cell "In [7]", the job "cell 9": the rest of every message must be the same.
CELL_LABEL = re.compile(r"In \[\d+\]|cell \d+")

EVERYDAY = [
    ("decl", "int base = 40;"),
    ("text", 'String.join("-", List.of("a", "b"))'),
    ("printed", 'System.out.println("to out");\nSystem.err.println("to err");'),
    ("null", "(String) null"),
    ("display", 'var shown = display(html("<b>one</b>"));\nshown.update(html("<b>two</b>"));\n'
                'display(markdown("*three*"))'),
    ("image", "var picture = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
              "picture.setRGB(1, 1, 0xff0000);\npicture"),
    ("forward", "int usesLater() {\n    return later() + 1;\n}"),
    ("later", "int later() {\n    return base;\n}\nusesLater()"),
    ("imports", "import java.util.*;\nimport java.io . *;\nnew ArrayList<BigInteger>(List.of(BigInteger.TEN))"),
    ("types", 'dev.fahr.display.Rendering r = html("<i>x</i>");\ndev.fahr.display.Display handle = display(r);\n'
              "handle.id().isEmpty()"),
    ("blank-lines", "\n\nint third = 3;\nthird * base"),
    ("unclosed", "for (int i = 0; i < 3; i++) {\n    System.out.println(i);"),
]

EXCEPTION = [
    ("params", "int factor = 2;"),
    ("boom", 'int check(int x) {\n    if (x > 1) {\n        throw new IllegalStateException("too big: " + x);\n'
             '    }\n    return x;\n}\nSystem.out.println("checking");\ncheck(factor)'),
]

COMPILE_ERROR = [
    ("fine", "int fine = 1;"),
    ("broken", 'int alsoFine = 2;\nint broken = "text";\nint never = 3;'),
]


def kernel_jar():
    spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    return next(arg for arg in spec.argv if arg.endswith(".jar"))


def write_notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Java (fahr)", "language": "java", "name": "fahr-java"}
    for cell_id, source in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell["id"] = cell_id
        if cell_id == "params":
            cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def normalized(outputs):
    """Streams joined per name (the two front ends may interleave stdout and stderr differently), then
    displays, values and errors in order, with cell labels made alike."""
    streams, others = {}, []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            streams[output["name"]] = streams.get(output["name"], "") + output["text"]
        elif kind in ("display_data", "execute_result"):
            others.append((kind, dict(output["data"])))
        elif kind == "error":
            others.append((kind, output["ename"], CELL_LABEL.sub("<cell>", output["evalue"]),
                           [CELL_LABEL.sub("<cell>", line) for line in output["traceback"]]))
    return streams, others


def through_kernel(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, startup_timeout=STARTUP_TIMEOUT, allow_errors=True,
                   resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    return {cell["id"]: normalized(cell.outputs) for cell in nb.cells}


def through_job(path, work):
    """fahr init, then the job jar on what it exported, with /opt/ml moved into the work folder."""
    env = dict(os.environ, HOME=work, FAHR_ML_ROOT=os.path.join(work, "ml"), FAHR_EXECUTION_ENVIRONMENT="local")
    folder = os.path.join(work, "job")
    subprocess.run([JAVA, "-cp", kernel_jar(), "dev.fahr.cli.FahrMain", "init", path, "--dir", folder],
                   env=env, check=True, capture_output=True, timeout=120)
    runner = os.path.join(work, "fahr-runner.jar")
    with zipfile.ZipFile(kernel_jar()) as jar, open(runner, "wb") as out:
        out.write(jar.read("dev/fahr/image/fahr-runner.jar"))
    name = os.path.splitext(os.path.basename(path))[0]
    job = subprocess.run([JAVA, "-jar", runner, "train", "--script", os.path.join(folder, name + ".jsh"),
                          "--lib", os.path.join(folder, "lib"), "--notebook-name", name + ".ipynb",
                          "--notebook", os.path.join(folder, name + ".input.ipynb")],
                         env=env, capture_output=True, text=True, timeout=120)
    executed = nbformat.read(os.path.join(work, "ml", "output", "data", name + ".executed.ipynb"), as_version=4)
    return job, {cell["id"]: normalized(cell.outputs) for cell in executed.cells}


class SameCellsTest(unittest.TestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="fahr-same-cells-")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def both(self, name, cells):
        path = os.path.join(self.work, name + ".ipynb")
        write_notebook(path, cells)
        in_kernel = through_kernel(path)
        job, in_job = through_job(path, os.path.join(self.work, name))
        for cell_id, _ in cells:
            self.assertEqual(in_kernel[cell_id], in_job[cell_id],
                             "cell %s differs\nkernel: %r\njob:    %r\njob log:\n%s"
                             % (cell_id, in_kernel[cell_id], in_job[cell_id], job.stderr))
        return in_kernel, job

    def test_everyday_cells_come_out_the_same(self):
        outputs, job = self.both("everyday", EVERYDAY)
        self.assertEqual(1, job.returncode, "the unclosed block fails the job too\n" + job.stderr)
        self.assertEqual(({}, [("execute_result", {"text/plain": "a-b"})]), outputs["text"])
        self.assertEqual(({}, []), outputs["null"])
        self.assertEqual(({}, []), outputs["forward"], "a forward reference is no error in either")
        self.assertEqual(({}, [("execute_result", {"text/plain": "41"})]), outputs["later"])
        self.assertEqual(({"stdout": "to out\n", "stderr": "to err\n"}, []), outputs["printed"])
        displays = outputs["display"][1]
        self.assertEqual([("display_data", {"text/html": "<b>two</b>", "text/plain": "two"}),
                          ("display_data", {"text/markdown": "*three*", "text/plain": "*three*"})], displays)
        self.assertIn("image/png", outputs["image"][1][0][1])
        self.assertEqual(({}, [("execute_result", {"text/plain": "[10]"})]), outputs["imports"])
        self.assertEqual(({}, [("display_data", {"text/html": "<i>x</i>", "text/plain": "x"}),
                               ("execute_result", {"text/plain": "false"})]), outputs["types"])
        self.assertEqual(({}, [("execute_result", {"text/plain": "120"})]), outputs["blank-lines"])
        error = outputs["unclosed"][1][0]
        self.assertEqual(("error", "CompileError", "<cell> line 1: a statement, block or declaration is not closed"),
                         error[:3])

    def test_an_exception_names_the_same_frames_and_lines(self):
        outputs, job = self.both("exception", EXCEPTION)
        self.assertEqual(1, job.returncode, job.stderr)
        streams, others = outputs["boom"]
        self.assertEqual({"stdout": "checking\n"}, streams)
        self.assertEqual(("error", "IllegalStateException", "too big: 2",
                          ["java.lang.IllegalStateException: too big: 2",
                           "\tat check (<cell> line 3)",
                           "\tat <cell> (<cell> line 8)"]), others[0])

    def test_a_compile_error_points_at_the_same_line_and_column(self):
        outputs, job = self.both("compile", COMPILE_ERROR)
        self.assertEqual(1, job.returncode, job.stderr)
        error = outputs["broken"][1][0]
        self.assertEqual("CompileError", error[1])
        self.assertTrue(error[2].startswith("<cell> line 2: incompatible types"), error)
        self.assertIn('int broken = "text";', error[3])


if __name__ == "__main__":
    unittest.main()
