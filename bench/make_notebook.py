#!/usr/bin/python3
"""Writes a deterministic Java notebook for the export benchmark (issue 4).

    /usr/bin/python3 bench/make_notebook.py OUT.ipynb [CELLS]      (default 2000 cells)

Needs Debian's nbformat (python3-nbformat). The same arguments always give the same bytes:
cell ids and contents come from the cell number only. About one cell in eight is markdown; the
code cells are a realistic mix for a Java training notebook: imports, records and classes,
methods, loops over data, printed progress with stream outputs, one `parameters` cell (papermill's
convention), and the magics the exporter must handle without Maven: %time/%timeit, %lsmagic,
%fahr_* lines, %load (a helpers.jsh written beside the notebook), %%html and %%markdown display
cells, %classpath, and a few cells tagged fahr:skip.
"""
import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def code_cell(i, source, tags=None, outputs=None):
    cell = new_code_cell(source, id=f"cell-{i:05d}", execution_count=i if outputs else None)
    if tags:
        cell.metadata["tags"] = tags
    if outputs:
        cell.outputs = outputs
    return cell


def stream(text):
    return new_output("stream", name="stdout", text=text)


def cell_for(i):
    """The i-th cell (0-based); a pure function of i."""
    k = i % 40
    n = i // 40
    if i == 0:
        return new_markdown_cell("# Training a small model\n\nGenerated for fahr's export benchmark.", id="cell-00000")
    if i == 1:
        return code_cell(i, "import java.util.*;\nimport java.util.stream.*;\nimport java.nio.file.*;\n"
                            "import java.util.concurrent.ThreadLocalRandom;")
    if i == 2:
        return code_cell(i, "// hyperparameters (papermill's parameters cell)\nint epochs = 10;\n"
                            "double learningRate = 0.01;\nlong seed = 42L;\nboolean verbose = false;\n"
                            "String optimizer = \"sgd\";", tags=["parameters"])
    if i == 3:
        return code_cell(i, "%load helpers.jsh")
    if i % 8 == 7:
        return new_markdown_cell(f"## Step {i}\n\nWe now look at feature block {n} and check that the loss "
                                 f"goes down; see cell {i + 1} for the numbers.", id=f"cell-{i:05d}")
    if k == 4:
        return code_cell(i, f"record Sample{n}(double[] x, double y) {{\n"
                            f"    Sample{n} {{\n        Objects.requireNonNull(x);\n    }}\n"
                            f"    int width() {{ return x.length; }}\n}}")
    if k == 5:
        return code_cell(i, f"List<Sample{n}> data{n} = new ArrayList<>();\n"
                            f"Random random{n} = new Random(seed + {n});\n"
                            f"for (int j = 0; j < 200; j++) {{\n"
                            f"    double[] x = random{n}.doubles(8).toArray();\n"
                            f"    data{n}.add(new Sample{n}(x, Arrays.stream(x).sum() + random{n}.nextGaussian() * 0.1));\n"
                            f"}}\ndata{n}.size()",
                         outputs=[new_output("execute_result", data={"text/plain": "200"}, execution_count=i)])
    if k == 6:
        return code_cell(i, f"double loss{n}(double[] w, List<Sample{n}> batch) {{\n"
                            f"    double total = 0;\n    for (Sample{n} s : batch) {{\n"
                            f"        double p = 0;\n        for (int d = 0; d < w.length; d++) p += w[d] * s.x()[d];\n"
                            f"        total += (p - s.y()) * (p - s.y());\n    }}\n"
                            f"    return total / batch.size();\n}}")
    if k == 9:
        lines = "".join(f"epoch {e}: loss {1.0 / (e + 1):.4f}\n" for e in range(10))
        return code_cell(i, f"%time\ndouble[] w{n} = new double[8];\n"
                            f"for (int epoch = 0; epoch < epochs; epoch++) {{\n"
                            f"    for (Sample{n} s : data{n}) {{\n"
                            f"        double p = 0;\n        for (int d = 0; d < 8; d++) p += w{n}[d] * s.x()[d];\n"
                            f"        for (int d = 0; d < 8; d++) w{n}[d] -= learningRate * 2 * (p - s.y()) * s.x()[d];\n"
                            f"    }}\n"
                            f"    System.out.printf(\"epoch %d: loss %.4f%n\", epoch, loss{n}(w{n}, data{n}));\n}}",
                         outputs=[stream(lines)])
    if k == 10:
        return code_cell(i, f"%%html\n<b>block {n}</b>: <i>{i}</i> cells so far")
    if k == 11:
        return code_cell(i, f"%fahr_status\nvar summary{n} = data{n}.stream().mapToDouble(Sample{n}::y).summaryStatistics();\n"
                            f"summary{n}",
                         outputs=[new_output("execute_result",
                                             data={"text/plain": f"DoubleSummaryStatistics{{count=200, sum={n}.0}}"},
                                             execution_count=i)])
    if k == 12:
        return code_cell(i, f"// exploratory plot, not needed in the job\nSystem.out.println(\"debug {n}\");",
                         tags=["fahr:skip"], outputs=[stream(f"debug {n}\n")])
    if k == 13:
        return code_cell(i, "%lsmagic")
    if k == 17:
        return code_cell(i, f"%%markdown\n*Result of block {n}* is fine.")
    if k == 18:
        return code_cell(i, f"%timeit loss{n}(w{n}, data{n})")
    if k == 19:
        return code_cell(i, "%classpath")
    if k == 20:
        return code_cell(i, f"Path out{n} = Path.of(System.getProperty(\"java.io.tmpdir\"), \"block-{n}.txt\");\n"
                            f"Files.writeString(out{n}, Arrays.toString(w{n}));\n"
                            f"if (verbose) System.out.println(\"wrote \" + out{n});")
    if k == 21:
        return code_cell(i, f"interface Metric{n} {{ double apply(double[] w); }}\n"
                            f"Metric{n} l1_{n} = w -> Arrays.stream(w).map(Math::abs).sum();\n"
                            f"Metric{n} l2_{n} = w -> Math.sqrt(Arrays.stream(w).map(v -> v * v).sum());")
    if k == 22:
        return code_cell(i, f"var top{n} = data{n}.stream()\n    .sorted(Comparator.comparingDouble(Sample{n}::y).reversed())\n"
                            f"    .limit(5)\n    .map(s -> String.format(\"%.3f\", s.y()))\n"
                            f"    .collect(Collectors.joining(\", \"));\nSystem.out.println(top{n});",
                         outputs=[stream("4.123, 4.001, 3.998, 3.870, 3.812\n")])
    if k == 25:
        return code_cell(i, f"%fahr_config\nMap<String, Double> scores{n} = new TreeMap<>();\n"
                            f"scores{n}.put(\"l1\", l1_{n}.apply(w{n}));\nscores{n}.put(\"l2\", l2_{n}.apply(w{n}));")
    if k == 26:
        return code_cell(i, f"static final class Scaler{n} {{\n    private final double mean, sd;\n"
                            f"    Scaler{n}(double[] v) {{\n        mean = Arrays.stream(v).average().orElse(0);\n"
                            f"        sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(1));\n"
                            f"    }}\n    double apply(double x) {{ return (x - mean) / (sd == 0 ? 1 : sd); }}\n}}")
    if k == 28:
        return code_cell(i, f"int correct{n} = 0;\nfor (int j = 0; j < data{n}.size(); j++) {{\n"
                            f"    if (Math.abs(data{n}.get(j).y() - 4) < 1) correct{n}++;\n}}\n"
                            f"System.out.println(\"accuracy \" + correct{n} / (double) data{n}.size());",
                         outputs=[stream("accuracy 0.52\n")])
    if k == 30:
        return code_cell(i, "")
    # The remaining code cells: short statements and expressions, the bulk of real notebooks.
    return code_cell(i, f"var v{i} = {i} * learningRate + epochs; // value {i}\nv{i}")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 2000
    nb = new_notebook(cells=[cell_for(i) for i in range(count)])
    nb.metadata = {
        "kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"},
        "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source",
                          "version": "17"},
    }
    nbformat.validate(nb)
    folder = os.path.dirname(os.path.abspath(out))
    with open(os.path.join(folder, "helpers.jsh"), "w", encoding="utf-8") as f:
        f.write("double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }\n")
    with open(out, "w", encoding="utf-8") as f:
        nbformat.write(nb, f)


if __name__ == "__main__":
    main()
