package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.fahr.driver.FetchResult;
import org.junit.jupiter.api.Test;

/** The line a fetch ends with names what the user finds in the folder. */
class FetchCommandTest {

    private final Path target = Path.of("/work/fetched/job-1");

    @Test
    void namesTheArchiveWhatItHeldAndTheExecutedNotebookOnce() {
        Path notebook = target.resolve("train.executed.ipynb");
        FetchResult local = new FetchResult(target.resolve("model.tar.gz"), List.of(target.resolve("model/beta.txt")),
                List.of(notebook));
        assertEquals("model.tar.gz, model/beta.txt, train.executed.ipynb", FetchCommand.names(target, local));

        // SageMaker's notebook comes out of output.tar.gz: extracted and a notebook, named once.
        FetchResult sageMaker = new FetchResult(target.resolve("model.tar.gz"), List.of(notebook), List.of(notebook));
        assertEquals("model.tar.gz, train.executed.ipynb", FetchCommand.names(target, sageMaker));

        FetchResult kept = new FetchResult(target.resolve("model.tar.gz"), List.of(), List.of());
        assertEquals("model.tar.gz", FetchCommand.names(target, kept));
    }

    @Test
    void manyFilesAreCountedAfterTheFirstFew() {
        List<Path> extracted = IntStream.rangeClosed(1, 9).mapToObj(i -> target.resolve("part-" + i)).toList();
        FetchResult result = new FetchResult(target.resolve("model.tar.gz"), extracted, List.of());
        assertEquals("model.tar.gz, part-1, part-2, part-3, part-4 and 5 more files", FetchCommand.names(target, result));
    }
}
