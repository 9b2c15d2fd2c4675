package dev.fahr.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.fahr.testing.InMemoryDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inits and fits of one experiment folder take turns, from the export through the fit's build. */
class InitWorkflowTest {

    @TempDir
    Path project;

    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private InitWorkflow init;

    @BeforeEach
    void aProjectWithTwoScripts() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
        for (String name : List.of("a", "b")) {
            Files.createDirectories(project.resolve("models").resolve(name));
            Files.writeString(project.resolve("models").resolve(name).resolve("train.py"), "print('version 1')\n");
        }
        init = new InitWorkflow(new DriverRegistry(List.of(new InMemoryDriver())), project, Map.of(),
                Optional.empty(), Optional.empty());
    }

    @AfterEach
    void releaseTheHolder() throws InterruptedException {
        release.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    @Test
    void aSecondInitWaitsForTheFitHoldingTheFolderSaysSoOnceAndThenReadsTheScriptAgain() throws Exception {
        holdTheFolderUntilReleased("models/a/train.py");
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> built = new AtomicReference<>();
        Thread second = start(() -> init.run(request("models/a/train.py", "python:3.12"), notes::add, r -> {
            built.set(read(r.jobFolder().resolve("train.py")));
            return r;
        }));
        waitUntil(() -> !notes.isEmpty());
        // edited while the second waits: the second's build must see this version
        Files.writeString(project.resolve("models/a/train.py"), "print('version 2')\n");
        Thread.sleep(200);
        assertEquals(null, built.get(), "nothing of the second ran while the first held the folder");
        release.countDown();
        second.join(10_000);
        assertEquals(List.of("another init or fit of " + project.resolve("models/a") + " is under way; waiting for it"
                + " to finish (interrupt to stop waiting)"), notes);
        assertEquals("print('version 2')\n", built.get(), "the user's script, as edited, and left as written");
        assertTrue(read(project.resolve("models/a/Dockerfile")).contains("python:3.12"), "the second init wrote");
    }

    @Test
    void aWaitInterruptedWritesNothing() throws Exception {
        holdTheFolderUntilReleased("models/a/train.py");
        String dockerfile = read(project.resolve("models/a/Dockerfile"));
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread second = start(() -> {
            try {
                init.run(request("models/a/train.py", "python:3.12"), notes::add, r -> r);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        waitUntil(() -> !notes.isEmpty());
        second.interrupt();
        second.join(10_000);
        assertFalse(second.isAlive());
        assertEquals("stopped waiting for the other init or fit of " + project.resolve("models/a")
                + "; nothing was written", thrown.get().getMessage());
        assertEquals(dockerfile, read(project.resolve("models/a/Dockerfile")), "nothing was written");
    }

    @Test
    void aScriptInItsOwnFolderIsLeftAsTheUserWroteIt() throws Exception {
        Path script = project.resolve("models/b/train.py");
        String text = "import sys\n!nvidia-smi\nprint(sys.argv)\n";
        Files.writeString(script, text);
        init.run(request("models/b/train.py", "python:3.12"));
        init.run(request("models/b/train.py", "python:3.12"));
        assertEquals(text, read(script), "no header, no markers, nothing commented out, however many inits");
        Path elsewhere = project.resolve("models/c");
        init.run(new InitRequest(Optional.of(Path.of("models/b/train.py")), false, Optional.of(elsewhere),
                Optional.of("memory"), Optional.of("python:3.12"), Optional.empty(), Optional.empty(), false, Map.of()));
        assertTrue(read(elsewhere.resolve("train.py")).contains("# fahr: commented out: !nvidia-smi"), "exported into another folder");
    }

    @Test
    void initsOfOtherFoldersDoNotWait() throws Exception {
        holdTheFolderUntilReleased("models/a/train.py");
        InitResult other = init.run(request("models/b/train.py", "python:3.12"),
                note -> { throw new AssertionError("waited: " + note); }, r -> r);
        assertEquals(project.resolve("models/b"), other.jobFolder());
    }

    /** An init whose work after (a fit's build) holds the folder until the test releases it. */
    private void holdTheFolderUntilReleased(String script) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        start(() -> init.run(request(script, "python:3.11"), note -> { }, r -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return r;
        }));
        assertTrue(inside.await(30, TimeUnit.SECONDS), "the first init ran");
    }

    private static InitRequest request(String script, String image) {
        return new InitRequest(Optional.of(Path.of(script)), false, Optional.empty(), Optional.of("memory"),
                Optional.of(image), Optional.empty(), Optional.empty(), false, Map.of());
    }

    private Thread start(Runnable work) {
        Thread thread = new Thread(work, "init-" + threads.size());
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
