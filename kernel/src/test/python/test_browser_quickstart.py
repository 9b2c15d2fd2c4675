"""notebooks/quickstart.ipynb in a real browser: Debian's classic Notebook (jupyter-notebook) serves it on
loopback, headless Chromium (Debian's chromium + chromium-driver, driven by python3-selenium) opens it with the
fahr kernel and runs every cell. Checked in the page:

- the %fahr_status table renders as an HTML table, stays one output (updated in place, never appended) and
  goes from a running state to "completed";
- the %fahr_plot chart appears at a real size, its PNG decodes in the page, and it is redrawn in place (one
  output) from "still running" to the final chart with the job's curve beside the notebook's;
- the fetched model's evaluation is shown;
- Tab completion in a cell offers the %fahr_ magics.

A screenshot is kept at $FAHR_TEST_ARTIFACTS/quickstart.png (default: browser/ beside the test's HOME), which
the JUnit test copies to the build folder. Needs DOCKER_HOST (scripts/with-services.sh) like the notebook tests.

Run: FAHR_REPO_ROOT=/path/to/repo JUPYTER_PATH=<folder with kernels/fahr-java-test> DOCKER_HOST=... \\
     /usr/bin/python3 -m unittest -v test_browser_quickstart
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
except ImportError as e:
    raise ImportError("%s: install Debian's python3-selenium, chromium and chromium-driver "
                      "(scripts/services.sh install does)" % e) from e

from kernel_harness import KERNEL_NAME

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FAHR_REPO_ROOT", os.path.join(HERE, "..", "..", "..", ".."))
ARTIFACTS = os.environ.get("FAHR_TEST_ARTIFACTS",
                           os.path.join(os.path.dirname(os.environ.get("HOME", tempfile.gettempdir())), "browser"))
RUN_TIMEOUT = 900
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,3200"]

# What the status cell shows right now: its outputs, their tables and the table's text.
STATUS_JS = """
const cell = Jupyter.notebook.get_cells().find(c => c.metadata && c.cell_type === 'code'
    && c.get_text().startsWith('%fahr_status'));
const area = cell.output_area.element[0];
return {outputs: area.querySelectorAll('.output_area').length,
        tables: area.querySelectorAll('table').length,
        htmlTables: area.querySelectorAll('.output_html table').length,
        text: area.innerText};
"""

# What the plot cell shows right now: the element the front end chose (inline SVG or an img) and its size,
# and the output's model (text/plain describes the drawing; the PNG's tail tells drawings apart).
PLOT_JS = """
const cell = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && c.get_text().startsWith('%fahr_plot'));
const area = cell.output_area.element[0];
const outputs = cell.output_area.outputs;
const shown = area.querySelector('.output_svg svg, .output_png img');
const box = shown ? shown.getBoundingClientRect() : null;
const data = outputs.length ? outputs[0].data || {} : {};
return {outputs: area.querySelectorAll('.output_area').length,
        description: data['text/plain'] || null,
        drawing: data['image/png'] ? data['image/png'].length + ':' + data['image/png'].slice(-48) : null,
        tag: shown ? shown.tagName.toLowerCase() : null,
        decoded: shown ? (shown.tagName.toLowerCase() === 'img' ? shown.complete && shown.naturalWidth > 0 : true) : false,
        width: box ? box.width : 0, height: box ? box.height : 0,
        labels: shown ? shown.textContent : ''};
"""

# Decodes the plot's PNG in the page, as an <img> would: its natural size, or an error.
DECODE_PNG_JS = """
const done = arguments[arguments.length - 1];
const cell = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && c.get_text().startsWith('%fahr_plot'));
const image = new Image();
image.onload = () => done({width: image.naturalWidth, height: image.naturalHeight});
image.onerror = () => done({error: 'the PNG did not decode'});
image.src = 'data:image/png;base64,' + cell.output_area.outputs[0].data['image/png'];
"""

LAST_CELL_JS = """
const cells = Jupyter.notebook.get_cells();
const last = cells[cells.length - 1];
return {text: last.output_area.element[0].innerText,
        running: document.querySelector('#kernel_indicator_icon.kernel_busy_icon') !== null,
        prompt: last.input_prompt_number === undefined ? null : String(last.input_prompt_number),
        errors: Array.from(document.querySelectorAll('.output_error')).map(e => e.innerText)};
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BrowserQuickstartTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="fahr-browser-", dir=os.environ.get("HOME"))
        with open(os.path.join(REPO_ROOT, "notebooks", "quickstart.ipynb")) as f:
            nb = json.load(f)
        # Open it with the kernelspec under test.
        nb["metadata"]["kernelspec"]["name"] = KERNEL_NAME
        with open(os.path.join(cls.folder, "quickstart.ipynb"), "w") as f:
            json.dump(nb, f, indent=1)
        cls.port = free_port()
        cls.token = secrets.token_hex(16)
        env = dict(os.environ)
        # The kernel must find its notebook the way it does under a real server: through the sessions API.
        env.pop("JPY_SESSION_NAME", None)
        env["FAHR_STATUS_INTERVAL_MS"] = "1000"
        cls.server_log = open(os.path.join(cls.folder, "notebook-server.log"), "w")
        cls.server = subprocess.Popen(
            ["/usr/bin/jupyter-notebook", "--allow-root", "--no-browser", "--ip=127.0.0.1",
             "--port=%d" % cls.port, "--port-retries=0", "--NotebookApp.token=" + cls.token,
             "--notebook-dir=" + cls.folder],
            env=env, stdout=cls.server_log, stderr=subprocess.STDOUT)
        cls.base = "http://127.0.0.1:%d" % cls.port
        cls.driver = None
        try:
            cls._wait_for_server()
            options = Options()
            options.binary_location = "/usr/bin/chromium"
            for flag in CHROMIUM_FLAGS:
                options.add_argument(flag)
            options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="chromium-", dir=cls.folder))
            cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
            cls.driver.set_script_timeout(30)
            cls.status_seen = []
            cls.plot_seen = []
            cls._run_notebook()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "driver", None):
            if not getattr(cls, "screenshot", None):
                cls._screenshot()
            cls.driver.quit()
            cls.driver = None
        if getattr(cls, "server", None) and cls.server.poll() is None:
            cls.server.terminate()
            try:
                cls.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                cls.server.kill()
            cls.server_log.close()
            os.makedirs(ARTIFACTS, exist_ok=True)
            shutil.copy(os.path.join(cls.folder, "notebook-server.log"), os.path.join(ARTIFACTS, "notebook-server.log"))

    @classmethod
    def _screenshot(cls):
        try:
            os.makedirs(ARTIFACTS, exist_ok=True)
            cls.screenshot = os.path.join(ARTIFACTS, "quickstart.png")
            cls.driver.save_screenshot(cls.screenshot)
        except Exception:  # noqa: BLE001 - a screenshot is a help, not a result
            pass

    @classmethod
    def _wait_for_server(cls):
        deadline = time.time() + 60
        while time.time() < deadline:
            if cls.server.poll() is not None:
                raise AssertionError("jupyter-notebook exited with %s; see %s" % (cls.server.returncode, cls.server_log.name))
            try:
                with urllib.request.urlopen(cls.base + "/api/status?token=" + cls.token, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("jupyter-notebook did not answer on %s within 60 s" % cls.base)

    @classmethod
    def _wait_for(cls, script, what, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = cls.driver.execute_script(script)
                if value:
                    return value
            except Exception:  # noqa: BLE001 - the page may still be loading
                pass
            time.sleep(0.25)
        raise AssertionError("timed out after %d s waiting for %s" % (timeout, what))

    @classmethod
    def _run_notebook(cls):
        cls.driver.get(cls.base + "/notebooks/quickstart.ipynb?token=" + cls.token)
        cls._wait_for("return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                      " && Jupyter.notebook.kernel.is_connected()"
                      " && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
                      "the notebook to open with an idle kernel", 120)
        cls.kernel_name = cls.driver.execute_script("return Jupyter.notebook.kernel.name")
        cls.driver.execute_script("Jupyter.notebook.execute_all_cells()")
        deadline = time.time() + RUN_TIMEOUT
        while time.time() < deadline:
            try:
                cls.status_seen.append(cls.driver.execute_script(STATUS_JS))
                cls.plot_seen.append(cls.driver.execute_script(PLOT_JS))
                last = cls.driver.execute_script(LAST_CELL_JS)
            except Exception:  # noqa: BLE001 - transient while outputs re-render
                time.sleep(0.25)
                continue
            if last["errors"] or ("held-out accuracy" in last["text"] and not last["running"]):
                break
            time.sleep(0.25)
        cls.last = cls.driver.execute_script(LAST_CELL_JS)
        cls.plot_final = cls.driver.execute_script(PLOT_JS)
        cls.png_decoded = cls.driver.execute_async_script(DECODE_PNG_JS)
        # Show the chart, the status table and the evaluation in the screenshot.
        cls.driver.execute_script("""
            const cells = Jupyter.notebook.get_cells();
            const plot = cells.find(c => c.cell_type === 'code' && c.get_text().startsWith('%fahr_plot'));
            plot.element[0].scrollIntoView();""")
        time.sleep(0.5)
        cls._screenshot()

    def test_the_notebook_runs_on_the_fahr_kernel_without_errors(self):
        self.assertEqual(KERNEL_NAME, self.kernel_name)
        self.assertEqual([], self.last["errors"])

    def test_status_renders_as_one_html_table_updated_in_place_to_completed(self):
        seen = [s for s in self.status_seen if s and s["tables"]]
        self.assertTrue(seen, "the status table never appeared: %r" % self.status_seen[-5:])
        for state in seen:
            self.assertEqual(1, state["outputs"], "one output, updated in place: %r" % state)
            self.assertEqual(1, state["htmlTables"], "rendered as HTML: %r" % state)
        running = [s for s in seen if "completed" not in s["text"]]
        self.assertTrue(running, "the table was shown before the job ended: %r" % seen[:3])
        self.assertTrue(any(w in running[0]["text"] for w in ("in progress", "pending")), running[0]["text"])
        self.assertIn("completed", seen[-1]["text"])
        self.assertIn("1 job, all ended", seen[-1]["text"])

    def test_the_chart_is_an_image_at_a_real_size_redrawn_in_place_until_the_job_ends(self):
        seen = [p for p in self.plot_seen if p and p["drawing"]]
        self.assertTrue(seen, "the chart never appeared: %r" % self.plot_seen[-3:])
        for state in seen:
            self.assertEqual(1, state["outputs"], "one output, redrawn in place: %r" % state)
        self.assertTrue(seen[0]["description"].endswith("1 still running"), seen[0]["description"])
        self.assertGreaterEqual(len({s["drawing"] for s in seen}), 2, "redrawn at least once: %r"
                                % [s["description"] for s in seen])
        final = self.plot_final
        self.assertEqual("log_loss by step, 2 curves", final["description"])
        self.assertIn(final["tag"], ("svg", "img"), final)
        self.assertTrue(final["decoded"], final)
        self.assertGreater(final["width"], 300, final)
        self.assertGreater(final["height"], 150, final)
        if final["tag"] == "svg":  # an inline SVG's legend is text in the page
            self.assertIn("this notebook", final["labels"])
        self.assertEqual({"width": 720, "height": 420}, self.png_decoded)

    def test_the_evaluation_of_the_fetched_model_is_shown(self):
        self.assertRegex(self.last["text"], r"held-out accuracy 0\.(8[5-9]|9[0-3])\d")

    def test_tab_completion_offers_the_fahr_magics(self):
        self.driver.execute_script("""
            const cell = Jupyter.notebook.insert_cell_at_bottom('code');
            cell.set_text('%fahr_');
            Jupyter.notebook.select(Jupyter.notebook.ncells() - 1);
            cell.focus_editor();
            cell.code_mirror.setCursor(0, 6);""")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        options = self._wait_for("return Array.from(document.querySelectorAll('#complete select option'))"
                                 ".map(o => o.textContent)", "the completion list", 30)
        for magic in ("%fahr_init", "%fahr_fit", "%fahr_status", "%fahr_fetch"):
            self.assertIn(magic, options)
        self.assertTrue(all(o.startswith("%fahr_") for o in options), options)
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()


if __name__ == "__main__":
    unittest.main()
