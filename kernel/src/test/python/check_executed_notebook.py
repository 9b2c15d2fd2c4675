"""Checks an executed notebook that a training job handed back, as a user would open it:
it validates with nbformat, renders with `jupyter nbconvert --to html`, and the kernel its
metadata names is installed and starts. Prints one line per check; exits non-zero on the first
failure.

Run: /usr/bin/python3 check_executed_notebook.py EXECUTED.ipynb INPUT.ipynb OUT_DIR
(INPUT is the notebook the job ran; every one of its cells must be in the executed one, in order.)
"""

import os
import subprocess
import sys

import nbformat
from jupyter_client.manager import start_new_kernel


def main(executed_path, input_path, out_dir):
    executed = nbformat.read(executed_path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(executed)
    print("valid nbformat %d.%d" % (executed.nbformat, executed.nbformat_minor))

    original = nbformat.read(input_path, as_version=4)
    kept = [c for c in executed.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    if [c.source for c in kept] != [c.source for c in original.cells]:
        sys.exit("the executed notebook does not hold the notebook's cells in order: %d of %d"
                 % (len(kept), len(original.cells)))
    markdown = sum(1 for c in kept if c.cell_type == "markdown")
    ran = sum(1 for c in kept if c.cell_type == "code" and c.execution_count)
    print("all %d cells, %d markdown, %d ran in the job" % (len(kept), markdown, ran))

    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output-dir", out_dir, executed_path],
                   check=True, capture_output=True)
    html = os.path.join(out_dir, os.path.splitext(os.path.basename(executed_path))[0] + ".html")
    print("rendered %s (%d bytes)" % (html, os.path.getsize(html)))

    name = executed.metadata["kernelspec"]["name"]
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
    try:
        reply = kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            sys.exit("the kernel %s did not run a cell: %r" % (name, reply["content"]))
        print("opens with the kernel %s (%s)" % (name, km.kernel_spec.display_name))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
