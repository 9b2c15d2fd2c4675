"""The standard Jupyter kernel conformance suite (jupyter_kernel_test), filled with Java samples.

Run: JUPYTER_PATH=<folder with kernels/fahr-java-test> /usr/bin/python3 -m unittest -v test_conformance
"""

import unittest

import jupyter_kernel_test
from kernel_harness import KERNEL_NAME, start_kernel

IMAGE = "new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB)"


class FahrJavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jsh"

    @classmethod
    def setUpClass(cls):
        # As the base class does, with room for a cold JVM on a busy 2-core machine.
        cls.km, cls.kc = start_kernel()

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("to stderr")'

    completion_samples = [
        {"text": "StringBui", "matches": {"StringBuilder"}},
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "Integer.parseIn", "matches": {"parseInt("}},
        {"text": "%ls", "matches": {"%lsmagic"}},
        {"text": "%jar", "matches": {"%jars"}},
    ]

    complete_code_samples = [
        "int a = 1;",
        "6 * 7",
        'System.out.println("x");',
        "int twice(int x) {\n    return 2 * x;\n}",
        "int a = 1;\nint b = a + 1;",
        "%lsmagic",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "int twice(int x) {\n    return 2 * x;",
        "String s = \"abc\" +",
        "int a = 1;\nif (a > 0) {",
    ]
    invalid_code_samples = [
        "int a = ;",
        "int a = 1;\nint b = ;",
    ]

    code_generate_error = 'throw new RuntimeException("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "int seven = 7;\nseven * 6", "result": "42"},
        {"code": "Math.max(3, 9)", "result": "9"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": IMAGE, "mime": "image/png"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>hi</b>"))', "mime": "text/html"},
        {"code": 'display(markdown("*hi*"))', "mime": "text/markdown"},
        {"code": "display(%s)" % IMAGE, "mime": "image/png"},
    ]

    # Jupyter's history search takes a glob over the whole input; "?" stands for the "*" in "6 * 7".
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
