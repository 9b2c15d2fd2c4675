package dev.fahr.notebook;

import static dev.fahr.notebook.NotebookReaderErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookWriterTest {

    @TempDir
    Path folder;

    private final Notebook notebook = Notebook.builder()
            .metadata(JsonFields.parse("{\"kernelspec\": {\"name\": \"java\", \"language\": \"java\"}}"))
            .addCell(Cell.builder(CellType.CODE).id("c1").source("int a = 1;\n").build())
            .build();

    @Test
    void writesJupyterLayout() {
        assertEquals("""
                {
                 "cells": [
                  {
                   "cell_type": "code",
                   "execution_count": null,
                   "id": "c1",
                   "metadata": {},
                   "outputs": [],
                   "source": [
                    "int a = 1;\\n"
                   ]
                  }
                 ],
                 "metadata": {
                  "kernelspec": {
                   "language": "java",
                   "name": "java"
                  }
                 },
                 "nbformat": 4,
                 "nbformat_minor": 5
                }
                """, new NotebookWriter().toJson(notebook));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTempFile() throws IOException {
        Path file = Files.writeString(folder.resolve("nb.ipynb"), "old content");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

        new NotebookWriter().write(notebook, file);

        assertEquals(notebook, new NotebookReader().read(file));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "the replaced notebook keeps its permissions");
        assertEquals(List.of(file), list());
    }

    @Test
    void newFileIsReadableByOthersLikeJupytersFiles() throws IOException {
        Path file = folder.resolve("new.ipynb");
        new NotebookWriter().write(notebook, file);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void failedWriteNamesTheFileAndCreatesNothing() throws IOException {
        Path file = folder.resolve("missing-folder/nb.ipynb");
        String message = assertThrows(NotebookException.class, () -> new NotebookWriter().write(notebook, file)).getMessage();
        assertContains(message, file.toString(), "folder exists and is writable");
        assertFalse(Files.exists(file.getParent()));
        assertEquals(List.of(), list());
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
