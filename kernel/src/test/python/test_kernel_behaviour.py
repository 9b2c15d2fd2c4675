"""What the conformance suite does not cover: the fahr kernel driven through jupyter_client as a frontend
drives it (execution, streaming, errors, interrupt, background output, message signing, magics,
is_complete, shutdown).

Run: JUPYTER_PATH=<folder with kernels/fahr-java-test> /usr/bin/python3 -m unittest -v test_kernel_behaviour
Optional: FAHR_TEST_JAVA_HOME names the JDK whose javac and jar build the test jar (default: PATH).
"""

import base64
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import time
import unittest

import zmq
from jupyter_client.session import Session

from kernel_harness import Collector, finish, run, send, shell_request, start_kernel, stop_kernel

MACHINERY = ("dev.fahr.kernel", "jdk.jshell", "jdk.internal")


class SharedKernelTest(unittest.TestCase):
    """One kernel for the whole class: a JVM start per test would cost more than the tests."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_kernel()
        cls.collector = Collector(cls.kc)

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)

    def run_cell(self, code, timeout=60):
        return run(self.kc, self.collector, code, timeout=timeout)

    def run_ok(self, code, timeout=60):
        cell = self.run_cell(code, timeout)
        self.assertEqual("ok", cell.reply.content["status"], cell.describe())
        return cell

    def run_error(self, code, timeout=60):
        cell = self.run_cell(code, timeout)
        self.assertEqual("error", cell.reply.content["status"], cell.describe())
        self.assertIsNotNone(cell.error(), "an error cell publishes an error message\n" + cell.describe())
        return cell

    def request(self, send_request):
        return shell_request(self.kc, self.collector, send_request)


class ExecutionTest(SharedKernelTest):

    def test_declarations_persist_across_cells(self):
        self.run_ok("int base = 40;")
        self.run_ok("int addTwo(int x) {\n    return x + 2;\n}")
        self.run_ok("record Point(int x, int y) {}")
        cell = self.run_ok("new Point(addTwo(base), 1).x()")
        self.assertEqual("42", cell.result_text(), cell.describe())

    def test_last_expression_value_is_text_plain(self):
        cell = self.run_ok("int unused = 1;\nString.join(\"-\", java.util.List.of(\"a\", \"b\"))")
        results = cell.of_type("execute_result")
        self.assertEqual(1, len(results), cell.describe())
        self.assertIn("a-b", results[0].content["data"]["text/plain"])
        self.assertEqual(cell.reply.content["execution_count"], results[0].content["execution_count"])

    def test_cells_compile_against_the_runtime_api_but_not_the_kernels_libraries(self):
        cell = self.run_ok("Fahr.isJob()")
        self.assertEqual("false", cell.result_text(), cell.describe())
        cell = self.run_error("com.google.gson.Gson gson = new com.google.gson.Gson();")
        self.assertIn("package com.google.gson does not exist", cell.error()["evalue"], cell.describe())
        # a user's import of what the kernel imports at start-up (all in one snippet) keeps the others
        self.run_ok("import java.io.*;\nimport static dev.fahr.display.Displays.*;")
        cell = self.run_ok("new ArrayList<BigInteger>(List.of(BigInteger.TEN)).get(0)")
        self.assertEqual("10", cell.result_text(), cell.describe())
        cell = self.run_ok("text(\"still here\")")
        self.assertEqual("still here", cell.result_text(), cell.describe())

    def test_statement_cell_has_no_result(self):
        cell = self.run_ok("int noValueHere = 5;")
        self.assertEqual([], cell.of_type("execute_result"), cell.describe())

    def test_buffered_image_renders_as_png(self):
        cell = self.run_ok(textwrap.dedent("""\
            var picture = new java.awt.image.BufferedImage(5, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
            picture.setRGB(0, 0, 0xff0000);
            picture"""))
        results = cell.of_type("execute_result")
        self.assertEqual(1, len(results), cell.describe())
        png = base64.b64decode(results[0].content["data"]["image/png"])
        self.assertEqual(b"\x89PNG\r\n\x1a\n", png[:8])
        # IHDR: width and height, big-endian, at bytes 16..24
        self.assertEqual((5, 3), (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")))

    def test_stdout_streams_while_the_cell_runs(self):
        cell = self.run_ok('System.out.println("a");\nThread.sleep(1000);\nSystem.out.println("b");')
        streams = [r for r in cell.of_type("stream") if r.content["name"] == "stdout"]
        self.assertEqual("a\nb\n", cell.stdout(), cell.describe())
        first = next(r for r in streams if "a" in r.content["text"])
        self.assertNotIn("b", first.content["text"], "'a' must be sent before 'b' is printed\n" + cell.describe())
        early = cell.reply.at - first.at
        self.assertGreater(early, 0.6, "the first line arrived only %.3f s before the reply:\n%s"
                           % (early, cell.describe()))

    def test_compile_error_shows_message_and_source_line(self):
        cell = self.run_error('int fine = 1;\nint broken = "text";\nint after = 2;')
        error = cell.error()
        count = cell.reply.content["execution_count"]
        text = "\n".join([error["evalue"]] + error["traceback"])
        self.assertIn("incompatible types", text, cell.describe())
        self.assertIn("In [%d] line 2" % count, text, cell.describe())
        self.assertIn('int broken = "text";', error["traceback"], cell.describe())
        caret = error["traceback"][error["traceback"].index('int broken = "text";') + 1]
        # under the offending expression, "text" (column 13)
        self.assertEqual(" " * len("int broken = ") + "^", caret, cell.describe())
        # nothing after the failing snippet ran
        self.run_error("after")

    def test_exception_shows_type_message_and_user_frames_only(self):
        cell = self.run_error(textwrap.dedent("""\
            int inner(int x) {
                throw new IllegalStateException("bad value " + x);
            }
            int outer(int x) {
                return inner(x) + 1;
            }
            outer(3)"""))
        error = cell.error()
        count = cell.reply.content["execution_count"]
        self.assertEqual("IllegalStateException", error["ename"], cell.describe())
        self.assertEqual("bad value 3", error["evalue"], cell.describe())
        trace = error["traceback"]
        self.assertIn("java.lang.IllegalStateException: bad value 3", trace[0], cell.describe())
        joined = "\n".join(trace)
        for expected in ("inner (In [%d] line 2)" % count, "outer (In [%d] line 5)" % count,
                         "(In [%d] line 7)" % count):
            self.assertIn(expected, joined, cell.describe())
        for line in trace:
            for package in MACHINERY:
                self.assertNotIn(package, line, cell.describe())

    def test_exception_from_the_jdk_keeps_jdk_frames_and_the_cause(self):
        cell = self.run_error(textwrap.dedent("""\
            int parse(String s) {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + s, e);
                }
            }
            parse("x1")"""))
        error = cell.error()
        self.assertEqual("IllegalArgumentException", error["ename"], cell.describe())
        joined = "\n".join(error["traceback"])
        self.assertIn("Caused by: java.lang.NumberFormatException", joined, cell.describe())
        self.assertIn("java.lang.Integer.parseInt", joined, cell.describe())
        for package in MACHINERY:
            self.assertNotIn(package, joined, cell.describe())

    def test_a_failed_cell_keeps_earlier_declarations(self):
        self.run_ok("int survivor = 11;")
        self.run_error('throw new RuntimeException("boom")')
        self.assertEqual("12", self.run_ok("survivor + 1").result_text())


class InterruptTest(SharedKernelTest):

    def test_interrupt_ends_an_endless_loop_and_keeps_the_session(self):
        self.run_ok("int keep = 7;")
        cell = send(self.kc, self.collector, "while (true) {}")
        # Interrupt only once the loop runs: the kernel said busy for this cell and no reply came yet.
        self.collector.wait_for(
            lambda seen: any(r.content.get("execution_state") == "busy"
                             for r in self.collector.for_parent(cell.msg_id, msg_type="status")),
            30, "the busy status of the endless loop")
        self.collector.drain(0.3)
        self.assertIsNone(cell.reply, "the endless loop finished by itself?\n" + cell.describe())
        self.km.interrupt_kernel()
        finish(cell, timeout=20)
        self.assertEqual("error", cell.reply.content["status"], cell.describe())
        self.assertIsNotNone(cell.error(), cell.describe())
        self.assertTrue(self.km.is_alive())
        self.assertEqual("8", self.run_ok("keep + 1").result_text())


class BackgroundOutputTest(SharedKernelTest):

    BACKGROUND_CELL = textwrap.dedent("""\
        var handle%(n)d = display(text("working %(n)d"));
        new Thread(() -> {
            try {
                Thread.sleep(%(delay)d);
            } catch (InterruptedException e) {
                return;
            }
            handle%(n)d.update(text("finished %(n)d"));
            System.out.println("background line %(n)d");
        }).start();""")

    def start_background(self, n, delay_ms):
        cell = self.run_ok(self.BACKGROUND_CELL % {"n": n, "delay": delay_ms})
        shown = cell.of_type("display_data")
        self.assertEqual(1, len(shown), cell.describe())
        display_id = shown[0].content["transient"]["display_id"]
        self.assertTrue(display_id)
        return cell, display_id

    def wait_for_background(self, cell, display_id, n, timeout=20):
        def arrived(seen):
            updates = [r for r in cell.of_type("update_display_data")
                       if r.content["transient"]["display_id"] == display_id]
            lines = [r for r in cell.of_type("stream") if "background line %d" % n in r.content["text"]]
            return (updates[0], lines[0]) if updates and lines else None
        return self.collector.wait_for(arrived, timeout, "the background update and line of cell %d" % n)

    def test_update_and_output_after_the_cell_finished_while_idle(self):
        cell, display_id = self.start_background(1, 800)
        update, line = self.wait_for_background(cell, display_id, 1)
        self.assertGreater(update.at, cell.reply.at)
        self.assertGreater(line.at, cell.reply.at)
        self.assertIn("finished 1", update.content["data"]["text/plain"])
        self.assertEqual("stdout", line.content["name"])

    def test_update_and_output_after_the_cell_finished_while_another_cell_runs(self):
        cell, display_id = self.start_background(2, 1000)
        busy = send(self.kc, self.collector, 'Thread.sleep(4000);\n"second cell done"')
        update, line = self.wait_for_background(cell, display_id, 2)
        finish(busy)
        self.assertEqual("ok", busy.reply.content["status"], busy.describe())
        self.assertIn("finished 2", update.content["data"]["text/plain"])
        # They belong to the first cell, and arrived while the second one was still running.
        self.assertEqual([], [r for r in busy.outputs if "background" in repr(r.content)], busy.describe())
        self.assertLess(update.at, busy.reply.at, busy.describe())
        self.assertLess(line.at, busy.reply.at, busy.describe())
        self.assertIn("second cell done", busy.result_text())


class SignatureTest(SharedKernelTest):

    def forged_execute(self, session, code):
        """A request on a socket of its own, so that any answer to it would come back there."""
        info = self.km.get_connection_info()
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.linger = 0
        socket.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
        msg = session.msg("execute_request", content={
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        session.send(socket, msg)
        return socket, msg["header"]["msg_id"]

    def test_badly_signed_requests_are_ignored_and_the_kernel_keeps_serving(self):
        wrong_key = Session(key=b"not-the-connection-key", username="intruder")
        unsigned = Session(key=b"", username="intruder")
        forged = [self.forged_execute(wrong_key, "int forgedA = 1;"),
                  self.forged_execute(unsigned, "int forgedB = 2;")]
        try:
            self.collector.drain(2.5)
            for socket, msg_id in forged:
                self.assertEqual(0, socket.poll(timeout=0), "the kernel replied to a forged request")
                self.assertEqual([], self.collector.for_parent(msg_id),
                                 "the kernel published for a forged request")
        finally:
            for socket, _ in forged:
                socket.close()
        # It still serves properly signed requests ...
        info = self.request(self.kc.kernel_info)
        self.assertEqual("java", info["content"]["language_info"]["name"])
        self.assertEqual("12", self.run_ok("5 + 7").result_text())
        # ... and the forged code never ran.
        for name in ("forgedA", "forgedB"):
            cell = self.run_error(name)
            self.assertIn("cannot find symbol", "\n".join(cell.error()["traceback"]), cell.describe())


class MagicsTest(SharedKernelTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workdir = tempfile.mkdtemp(prefix="fahr kernel magics ")  # a space, to test quoting

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    def jdk_tool(self, name):
        home = os.environ.get("FAHR_TEST_JAVA_HOME")
        tool = os.path.join(home, "bin", name) if home else shutil.which(name)
        self.assertTrue(tool and os.path.exists(tool), "no %s found (set FAHR_TEST_JAVA_HOME to a JDK)" % name)
        return tool

    def build_jar(self):
        src = os.path.join(self.workdir, "src", "fahrtest")
        classes = os.path.join(self.workdir, "classes")
        os.makedirs(src, exist_ok=True)
        with open(os.path.join(src, "Greeter.java"), "w") as f:
            f.write('package fahrtest;\n'
                    'public class Greeter {\n'
                    '    public static String greet(String name) { return "Hello, " + name + " from a jar"; }\n'
                    '}\n')
        subprocess.run([self.jdk_tool("javac"), "--release", "17", "-d", classes,
                        os.path.join(src, "Greeter.java")], check=True, capture_output=True)
        jar = os.path.join(self.workdir, "greeter.jar")
        subprocess.run([self.jdk_tool("jar"), "cf", jar, "-C", classes, "."], check=True, capture_output=True)
        return jar

    def test_lsmagic_lists_magics_with_descriptions(self):
        text = self.run_ok("%lsmagic").result_text()
        for name in ("lsmagic", "jars", "classpath", "load"):
            match = re.search(r"^\s*%" + name + r"\s+(\S.*)$", text, re.M)
            self.assertIsNotNone(match, "%%%s with a description in:\n%s" % (name, text))
            self.assertGreater(len(match.group(1)), 10, text)

    def test_unknown_magic_is_a_clear_error(self):
        cell = self.run_error("%nosuchmagic 1 2")
        text = cell.error()["evalue"] + "\n" + "\n".join(cell.error()["traceback"])
        self.assertIn("%nosuchmagic", text, cell.describe())
        self.assertIn("%lsmagic", text, cell.describe())

    def test_magic_name_completion(self):
        reply = self.request(lambda: self.kc.complete("%ls", 3))
        self.assertEqual("ok", reply["content"]["status"])
        self.assertIn("%lsmagic", reply["content"]["matches"])
        self.assertEqual(0, reply["content"]["cursor_start"])
        reply = self.request(lambda: self.kc.complete("int a = 1;\n%cla", 15))
        self.assertEqual(["%classpath"], reply["content"]["matches"])
        self.assertEqual(11, reply["content"]["cursor_start"])

    def test_fahr_magic_options_and_values_completion(self):
        code = "%fahr_fit --tr"
        reply = self.request(lambda: self.kc.complete(code, len(code)))
        self.assertEqual("ok", reply["content"]["status"], reply["content"])
        self.assertIn("--train-driver", reply["content"]["matches"], reply["content"])
        self.assertIn("--train-image", reply["content"]["matches"], reply["content"])
        self.assertEqual(len(code) - len("--tr"), reply["content"]["cursor_start"], reply["content"])
        self.assertEqual(len(code), reply["content"]["cursor_end"], reply["content"])
        code = "int a = 1;\n%fahr_fit train.ipynb --train-driver="
        reply = self.request(lambda: self.kc.complete(code, len(code)))
        matches = reply["content"]["matches"]
        self.assertIn("--train-driver=local", matches, reply["content"])
        self.assertIn("--train-driver=sagemaker", matches, reply["content"])
        self.assertEqual(len(code) - len("--train-driver="), reply["content"]["cursor_start"], reply["content"])

    def test_completion_in_a_cell_that_starts_with_a_blank_line(self):
        code = "\nint a = 1;\nMath.ma"
        reply = self.request(lambda: self.kc.complete(code, len(code)))
        self.assertEqual("ok", reply["content"]["status"], reply["content"])
        self.assertIn("max(", reply["content"]["matches"], reply["content"])
        self.assertEqual(len(code) - 2, reply["content"]["cursor_start"], reply["content"])

    def test_jars_makes_a_class_usable_and_classpath_lists_it(self):
        jar = self.build_jar()
        self.run_error('fahrtest.Greeter.greet("x")')  # not there yet
        self.run_ok("%%jars '%s'" % jar)
        cell = self.run_ok('fahrtest.Greeter.greet("Ada")')
        self.assertIn("Hello, Ada from a jar", cell.result_text(), cell.describe())
        listed = self.run_ok("%classpath").result_text()
        self.assertIn(jar, listed.splitlines(), listed)

    def test_jars_with_a_glob_that_matches_nothing_fails(self):
        cell = self.run_error("%%jars '%s/nothing-here/*.jar'" % self.workdir)
        self.assertIn("nothing matches", cell.error()["evalue"], cell.describe())

    def test_load_runs_a_script(self):
        script = os.path.join(self.workdir, "helpers.jsh")
        with open(script, "w") as f:
            f.write('int tripled(int x) {\n    return 3 * x;\n}\nString loadedName = "from a script";\n')
        self.run_ok("%%load '%s'" % script)
        self.assertEqual("15", self.run_ok("tripled(5)").result_text())
        self.assertIn("from a script", self.run_ok("loadedName").result_text())

    def test_magic_between_code_lines(self):
        cell = self.run_ok("int beforeMagic = 20;\n%lsmagic\nbeforeMagic + 1")
        self.assertEqual("21", cell.result_text(), cell.describe())


class IsCompleteTest(SharedKernelTest):

    def is_complete(self, code):
        return self.request(lambda: self.kc.is_complete(code))["content"]

    def test_multi_line_input(self):
        self.assertEqual("complete", self.is_complete("int a = 1;\nint b = a + 1;\nb * 2")["status"])
        self.assertEqual("complete", self.is_complete("void hello() {\n    System.out.println(1);\n}")["status"])
        reply = self.is_complete("void hello() {\n    if (true) {")
        self.assertEqual("incomplete", reply["status"])
        self.assertEqual("        ", reply["indent"])
        reply = self.is_complete("int a = 1;\nfor (int i = 0; i < a; i++) {")
        self.assertEqual("incomplete", reply["status"])
        self.assertEqual("    ", reply["indent"])
        self.assertEqual("invalid", self.is_complete("int a = 1;\nint b = ;")["status"])
        self.assertEqual("complete", self.is_complete("%lsmagic\nint c = 1;")["status"])


class ShutdownTest(unittest.TestCase):

    def test_shutdown_request_ends_the_process(self):
        km, kc = start_kernel()
        try:
            msg_id = kc.shutdown(restart=False)  # jupyter_client sends it on the control channel
            deadline = time.monotonic() + 20
            while True:
                reply = kc.get_control_msg(timeout=max(0.1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            self.assertEqual("shutdown_reply", reply["header"]["msg_type"])
            self.assertFalse(reply["content"]["restart"])
            deadline = time.monotonic() + 5
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive(), "the kernel process still runs 5 s after shutdown_request")
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
