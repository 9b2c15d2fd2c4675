package dev.fahr.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes small Java notebooks (nbformat 4.5) for tests; the first cell is tagged {@code parameters}. */
final class TestNotebooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestNotebooks() {
    }

    static Path javaNotebook(Path file, String parameters, String... cells) throws IOException {
        ObjectNode notebook = JSON.createObjectNode();
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        ObjectNode kernelspec = notebook.putObject("metadata").putObject("kernelspec");
        kernelspec.put("name", "fahr-java");
        kernelspec.put("display_name", "Java (fahr)");
        kernelspec.put("language", "java");
        ArrayNode list = notebook.putArray("cells");
        addCell(list, "p0", parameters).putObject("metadata").putArray("tags").add("parameters");
        int n = 1;
        for (String source : cells) {
            addCell(list, "c" + n++, source).putObject("metadata");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notebook));
        return file;
    }

    private static ObjectNode addCell(ArrayNode cells, String id, String source) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code");
        cell.put("id", id);
        cell.put("source", source);
        cell.putArray("outputs");
        cell.putNull("execution_count");
        return cell;
    }
}
