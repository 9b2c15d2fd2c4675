package dev.fahr.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying the declared notebook API out of jars and folders, and caching it. */
class NotebookApiTest {

    @TempDir
    Path temp;

    @Test
    void copiesTheDeclaredPackagesOnlyAndNotTheirSubPackages() throws Exception {
        Path jar = jar("lib.jar", Map.of(
                "com/acme/api/Shown.class", "1",
                "com/acme/api/Shown$Inner.class", "2",
                "com/acme/api/inner/NotShown.class", "3",
                "com/acme/impl/Hidden.class", "4",
                NotebookApi.RESOURCE, "# the API\ncom.acme.api.Shown\n"));
        Path folder = NotebookApi.folder(loader(jar), List.of(jar), temp.resolve("cache"));
        assertEquals(Set.of("com/acme/api/Shown.class", "com/acme/api/Shown$Inner.class"), classesIn(folder));
    }

    @Test
    void readsTheListsOfEveryJarAndFolder() throws Exception {
        Path one = jar("one.jar", Map.of("a/A.class", "a", NotebookApi.RESOURCE, "a.A"));
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("b"));
        Files.writeString(classes.resolve("b/B.class"), "b");
        Files.createDirectories(classes.resolve("META-INF/jshell"));
        Files.writeString(classes.resolve(NotebookApi.RESOURCE), "b.B\n");
        Path folder = NotebookApi.folder(loader(one, classes), List.of(one, classes), temp.resolve("cache"));
        assertEquals(Set.of("a/A.class", "b/B.class"), classesIn(folder));
        assertEquals("b", Files.readString(folder.resolve("b/B.class")));
    }

    @Test
    void aSecondStartReusesTheFolderAndAChangedJarIsCopiedAgain() throws Exception {
        Path jar = jar("lib.jar", Map.of("a/A.class", "first", NotebookApi.RESOURCE, "a.A"));
        Path cache = temp.resolve("cache");
        Path first = NotebookApi.folder(loader(jar), List.of(jar), cache);
        FileTime copied = Files.getLastModifiedTime(first.resolve("a/A.class"));
        assertEquals(first, NotebookApi.folder(loader(jar), List.of(jar), cache));
        assertEquals(copied, Files.getLastModifiedTime(first.resolve("a/A.class")), "a hit copies nothing");

        jar("lib.jar", Map.of("a/A.class", "second, longer", NotebookApi.RESOURCE, "a.A"));
        Path second = NotebookApi.folder(loader(jar), List.of(jar), cache);
        assertEquals("second, longer", Files.readString(second.resolve("a/A.class")));
        assertEquals("first", Files.readString(first.resolve("a/A.class")), "a kernel started before may still read it");
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(Set.of(first, second), left.collect(Collectors.toSet()), "no staging folder left");
        }
    }

    @Test
    void foldersOfEarlierJarsGoAfterADay() throws Exception {
        Path jar = jar("lib.jar", Map.of("a/A.class", "first", NotebookApi.RESOURCE, "a.A"));
        Path cache = temp.resolve("cache");
        Path first = NotebookApi.folder(loader(jar), List.of(jar), cache);
        Files.setLastModifiedTime(first.resolve(".sources"), FileTime.fromMillis(System.currentTimeMillis() - 25L * 3600 * 1000));
        jar("lib.jar", Map.of("a/A.class", "second, longer", NotebookApi.RESOURCE, "a.A"));
        Path second = NotebookApi.folder(loader(jar), List.of(jar), cache);
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(second), left.toList());
        }
    }

    @Test
    void aChangedClassInAFolderIsCopiedAgain() throws Exception {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("b"));
        Files.writeString(classes.resolve("b/B.class"), "old");
        Files.createDirectories(classes.resolve("META-INF/jshell"));
        Files.writeString(classes.resolve(NotebookApi.RESOURCE), "b.B\n");
        Path cache = temp.resolve("cache");
        NotebookApi.folder(loader(classes), List.of(classes), cache);
        Files.writeString(classes.resolve("b/B.class"), "new");
        Files.setLastModifiedTime(classes.resolve("b/B.class"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals("new", Files.readString(NotebookApi.folder(loader(classes), List.of(classes), cache).resolve("b/B.class")));
    }

    @Test
    void aListThatAppearsInAFolderOnTheClassPathIsPickedUp() throws Exception {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("b"));
        Files.writeString(classes.resolve("b/B.class"), "b");
        Path cache = temp.resolve("cache");
        assertEquals(Set.of(), classesIn(NotebookApi.folder(loader(classes), List.of(classes), cache)));
        Files.createDirectories(classes.resolve("META-INF/jshell"));
        Files.writeString(classes.resolve(NotebookApi.RESOURCE), "b.B\n");
        assertEquals(Set.of("b/B.class"), classesIn(NotebookApi.folder(loader(classes), List.of(classes), cache)));
    }

    @Test
    void aFolderLeftIncompleteIsBuiltAgain() throws Exception {
        Path jar = jar("lib.jar", Map.of("a/A.class", "a", NotebookApi.RESOURCE, "a.A"));
        Path cache = temp.resolve("cache");
        Path folder = NotebookApi.folder(loader(jar), List.of(jar), cache);
        Files.delete(folder.resolve(".sources"));
        Files.delete(folder.resolve("a/A.class"));
        assertEquals("a", Files.readString(NotebookApi.folder(loader(jar), List.of(jar), cache).resolve("a/A.class")));
    }

    @Test
    void aListedClassThatIsMissingIsNamed() throws Exception {
        Path jar = jar("lib.jar", Map.of(NotebookApi.RESOURCE, "com.acme.Gone"));
        IOException e = assertThrows(IOException.class, () -> NotebookApi.folder(loader(jar), List.of(jar), temp.resolve("cache")));
        assertTrue(e.getMessage().contains("com.acme.Gone"), e.getMessage());
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Only the given entries: the parent is the platform loader, not the test's class path. */
    private static ClassLoader loader(Path... entries) throws IOException {
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = entries[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static Set<String> classesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> folder.relativize(p).toString())
                    .collect(Collectors.toSet());
        }
    }
}
