package dev.fahr.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The import statements that jars want every session to start with, in {@value #RESOURCE}: one per line,
 * blank lines and {@code #} comments skipped. This engine's jar declares the display functions; the
 * runtime API's jar declares {@code Fahr}. The kernel and the training runner both read them here, so a
 * cell sees the same names in the notebook and in the job.
 */
public final class DeclaredImports {

    public static final String RESOURCE = "META-INF/jshell/imports";

    private DeclaredImports() {
    }

    /** Every statement that the lists {@code loader} finds declare, in class-path order, each once. */
    public static List<String> of(ClassLoader loader) {
        List<String> imports = new ArrayList<>();
        try {
            for (URL list : Collections.list(loader.getResources(RESOURCE))) {
                for (String statement : readList(list)) {
                    if (!imports.contains(statement)) {
                        imports.add(statement);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the start-up imports that jars declare in " + RESOURCE, e);
        }
        return imports;
    }

    /** The non-blank, non-comment lines of a list such as {@value #RESOURCE}. */
    public static List<String> readList(URL list) throws IOException {
        List<String> lines = new ArrayList<>();
        URLConnection connection = list.openConnection();
        connection.setUseCaches(false); // a cached jar would stay open, and go stale when reinstalled
        try (InputStream in = connection.getInputStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    lines.add(entry);
                }
            }
        }
        return lines;
    }
}
