"""Writes test notebooks with Jupyter's own nbformat library, one per nbformat 4 minor version.

Usage: make_notebooks.py OUTPUT_DIR. Files: v4.0.ipynb ... v4.5.ipynb, attachments.ipynb,
unknown-fields.ipynb. The Java tests read them and check that writing them back changes nothing.
"""
import sys
import os
import nbformat
from nbformat.v4 import (new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output)

out = sys.argv[1]


def java_notebook():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nb.metadata["language_info"] = {"name": "Java", "version": "17.0.15", "mimetype": "text/x-java-source"}
    nb.cells.append(new_markdown_cell("# Training\n\nSome *text* with unicode: \u00e9\u4e2d\U0001F600"))
    nb.cells.append(new_code_cell("int epochs = 10;\ndouble lr = 0.1;", metadata={"tags": ["parameters"]}))
    nb.cells.append(new_code_cell(
        "System.out.println(epochs);\nString s = \"tab\\there\";\n",
        execution_count=3,
        outputs=[
            new_output("stream", name="stdout", text="10\nline two\n"),
            new_output("execute_result", data={"text/plain": "42", "text/html": "<b>42</b>\n<i>x</i>"},
                       execution_count=3),
            new_output("error", ename="RuntimeException", evalue="boom", traceback=["a", "b"]),
        ]))
    nb.cells.append(new_raw_cell("raw text\r\nwith CRLF\r\n"))
    nb.cells.append(new_code_cell(""))
    return nb


def write(nb, name):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        nbformat.write(nb, f, version=4)


for minor in range(0, 6):
    nb = java_notebook()
    nb.nbformat_minor = minor
    if minor < 5:
        for cell in nb.cells:
            cell.pop("id", None)
    write(nb, "v4.%d.ipynb" % minor)

nb = java_notebook()
nb.cells.append(new_markdown_cell(
    "![plot](attachment:plot.png)",
    attachments={"plot.png": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"}}))
write(nb, "attachments.ipynb")

# Fields nbformat 4.5 does not define, at every level. They are not valid against the schema, so
# the JSON is written the way nbformat.write formats it, but without its validation step.
nb = java_notebook()
nb["future_field"] = {"nested": [1, 2.5, None, True], "text": "x"}
nb.metadata["custom_tool"] = {"setting": 1e-05}
nb.cells[1]["x_cell_extra"] = ["kept"]
nb.cells[1].metadata["collapsed"] = False
nb.cells[2].outputs[0]["x_output_extra"] = {"deep": {"deeper": 123456789012345678901234567890}}
with open(os.path.join(out, "unknown-fields.ipynb"), "w", encoding="utf-8") as f:
    f.write(nbformat.v4.nbjson.writes(nb) + "\n")
