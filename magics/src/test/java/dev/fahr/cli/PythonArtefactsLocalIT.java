package dev.fahr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.job.JobState;
import dev.fahr.testing.Services;

/**
 * The guide's workflow for each kind of training artefact on the LOCAL driver and the real Docker engine,
 * with {@code fahr} as a separate process: a Python script (on the offline python:3.11-slim stand-in,
 * Debian's python3, with no requirements file), a Python notebook and a JShell script; models/ with a
 * folder per experiment, init, an edit of run.sh, fit, status, fetch, and copy for the next experiment.
 * fit runs once on a pseudo-terminal, where its progress redraws in place.
 */
class PythonArtefactsLocalIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private final FahrProcess fahr = new FahrProcess().timeout(Duration.ofMinutes(4));

    @BeforeAll
    static void needsTheEngine() {
        Services.require();
    }

    @BeforeEach
    void layOut() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        fahr.env("HOME", project.toString());
    }

    @Test
    void pythonScriptInitEditFitFetchAndCopy() throws Exception {
        Path first = Files.createDirectories(project.resolve("models/baseline"));
        Files.writeString(first.resolve("train.py"), """
                import json, os, sys
                hp = json.load(open("/opt/ml/input/config/hyperparameters.json"))
                print("python", sys.version_info[0], "batch_size", hp.get("batch_size", "none"))
                os.makedirs("/opt/ml/model", exist_ok=True)
                open("/opt/ml/model/model.txt", "w").write("batch_size=" + hp.get("batch_size", "none") + "\\n")
                """ + "# run " + java.util.UUID.randomUUID() + "\n"); // a new image each run, so the build has steps to show
        FahrProcess.Result init = fahr.run(first, "init", "train.py", "--train-driver=local");
        assertEquals(0, init.exitCode(), init.describe());
        String dockerfile = Files.readString(first.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("FROM python:3.11-slim") && !dockerfile.contains("pip"),
                "no requirements file: no pip step\n" + dockerfile);
        Path runSh = first.resolve("run.sh");
        Files.writeString(runSh, Files.readString(runSh).replace("exec python", "echo 'edited run.sh'\nexec python"));

        // On a terminal: progress redraws in place (cursor up, erase), and the job launches.
        FahrProcess.Result fit = fahr.onTerminal(first, "fahr fit train.py --hp batch_size=128");
        assertEquals(0, fit.exitCode(), fit.describe());
        assertTrue(fit.stdout().contains("\u001b[1F\u001b[J"), "progress redrawn in place\n" + fit.describe());
        String job = GuideSageMakerIT.launched(fit.stdout()).get(0);
        JsonNode done = awaitEnd(first, job);
        assertEquals("COMPLETED", done.get("status").asText(), done.toString() + fahr.run(first, "logs", job).describe());
        FahrProcess.Result logs = fahr.run(first, "logs", job);
        assertTrue(logs.stdout().contains("edited run.sh") && logs.stdout().contains("python 3 batch_size 128"),
                logs.describe());
        FahrProcess.Result fetch = fahr.run(first, "fetch", "out", job);
        assertEquals(0, fetch.exitCode(), fetch.describe());
        assertEquals("batch_size=128\n", Files.readString(first.resolve("out/model.txt")));

        // Off a terminal the same progress has no escape codes.
        Path next = Files.createDirectories(project.resolve("models/bigger"));
        FahrProcess.Result copy = fahr.run(next, "copy", "../baseline/", "./", "--include-training-artifact=train.py");
        assertEquals(0, copy.exitCode(), copy.describe());
        FahrProcess.Result fit2 = fahr.run(next, "fit", "train.py", "--hp", "batch_size=256");
        assertEquals(0, fit2.exitCode(), fit2.describe());
        assertFalse(fit2.stdout().contains("\u001b["), fit2.describe());
        String job2 = GuideSageMakerIT.launched(fit2.stdout()).get(0);
        assertTrue(job2.startsWith("bigger-"), job2);
        assertEquals("COMPLETED", awaitEnd(next, job2).get("status").asText());
        assertEquals(0, fahr.run(next, "fetch", job2, "out").exitCode());
        assertEquals("batch_size=256\n", Files.readString(next.resolve("out/model.txt")));
    }

    @Test
    void pythonNotebookAndJShellScript() throws Exception {
        Path notebook = Files.createDirectories(project.resolve("models/notebook"));
        Files.writeString(notebook.resolve("model-dev.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                              "language_info": {"name": "python"}},
                 "cells": [
                  {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# model dev"]},
                  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": ["import os\\n", "os.makedirs('/opt/ml/model', exist_ok=True)\\n",
                              "open('/opt/ml/model/nb.txt', 'w').write('from the notebook')\\n", "print('notebook ran')"]}
                 ]}
                """);
        Path jsh = Files.createDirectories(project.resolve("models/jshell"));
        Files.writeString(jsh.resolve("train.jsh"), """
                import java.nio.file.*;
                Files.createDirectories(Path.of("/opt/ml/model"));
                Files.writeString(Path.of("/opt/ml/model/jsh.txt"), "from jshell");
                System.out.println("jshell ran");
                """);
        FahrProcess.Result nbInit = fahr.run(notebook, "init", "model-dev.ipynb");
        assertEquals(0, nbInit.exitCode(), nbInit.describe());
        assertTrue(Files.readString(notebook.resolve("Dockerfile")).contains("FROM python:3.11-slim"));
        FahrProcess.Result nbFit = fahr.run(notebook, "fit", "model-dev.ipynb");
        assertEquals(0, nbFit.exitCode(), nbFit.describe());
        FahrProcess.Result jshFit = fahr.run(jsh, "fit", "train.jsh");
        assertEquals(0, jshFit.exitCode(), jshFit.describe());
        String nbJob = GuideSageMakerIT.launched(nbFit.stdout()).get(0);
        String jshJob = GuideSageMakerIT.launched(jshFit.stdout()).get(0);
        assertEquals("COMPLETED", awaitEnd(notebook, nbJob).get("status").asText(), fahr.run(notebook, "logs", nbJob).describe());
        assertEquals("COMPLETED", awaitEnd(jsh, jshJob).get("status").asText(), fahr.run(jsh, "logs", jshJob).describe());
        assertEquals(0, fahr.run(notebook, "fetch", "out", nbJob).exitCode());
        assertEquals("from the notebook", Files.readString(notebook.resolve("out/nb.txt")));
        assertEquals(0, fahr.run(jsh, "fetch", "out", jshJob).exitCode());
        assertEquals("from jshell", Files.readString(jsh.resolve("out/jsh.txt")));
    }

    JsonNode awaitEnd(Path folder, String job) throws Exception {
        return awaitEnd(fahr, folder, job);
    }

    static JsonNode awaitEnd(FahrProcess fahr, Path folder, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            FahrProcess.Result status = fahr.run(folder, "status", job, "--json");
            assertEquals(0, status.exitCode(), status.describe());
            JsonNode node = JSON.readTree(status.stdout()).get(0);
            if (JobState.valueOf(node.get("status").asText()).isTerminal()) {
                return node;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(job + " did not end in 4 minutes");
    }
}
