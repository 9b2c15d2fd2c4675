package dev.fahr.driver.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an ended container ended, saved in the workspace the first time a status call sees it, so that
 * later calls need no inspect and the model is packed only once.
 *
 * @param exitCode     the container's exit code
 * @param oomKilled    whether the kernel killed it for exceeding its memory limit
 * @param startedAt    when it started
 * @param endedAt      when it ended
 * @param packingError why {@code model.tar.gz} could not be written, if it could not
 * @param malformedMetricLines how many lines of its log looked like metric lines but were not
 */
record JobOutcome(int exitCode, boolean oomKilled, Optional<Instant> startedAt, Optional<Instant> endedAt,
                  Optional<String> packingError, int malformedMetricLines) {

    JobOutcome withPackingError(String message) {
        return new JobOutcome(exitCode, oomKilled, startedAt, endedAt, Optional.of(message), malformedMetricLines);
    }

    JobOutcome withMalformedMetricLines(int count) {
        return new JobOutcome(exitCode, oomKilled, startedAt, endedAt, packingError, count);
    }

    void writeTo(Path file) {
        ObjectNode node = JobWorkspace.json().createObjectNode()
                .put("exit_code", exitCode)
                .put("oom_killed", oomKilled);
        startedAt.ifPresent(time -> node.put("started_at", time.toString()));
        endedAt.ifPresent(time -> node.put("ended_at", time.toString()));
        packingError.ifPresent(message -> node.put("packing_error", message));
        if (malformedMetricLines > 0) {
            node.put("malformed_metric_lines", malformedMetricLines);
        }
        try {
            JobWorkspace.writeJson(file, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<JobOutcome> readFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JobWorkspace.json().readTree(file.toFile());
            return Optional.of(new JobOutcome(node.path("exit_code").asInt(), node.path("oom_killed").asBoolean(),
                    instant(node, "started_at"), instant(node, "ended_at"),
                    Optional.ofNullable(node.get("packing_error")).map(JsonNode::asText),
                    node.path("malformed_metric_lines").asInt(0)));
        } catch (IOException e) {
            // A damaged record is made again from the engine.
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText).map(Instant::parse);
    }
}
