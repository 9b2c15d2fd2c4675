package dev.fahr.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.job.JobCost;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;

/** Maps a {@link JobRecord} to and from JSON by hand, so the file format is explicit and stable. */
final class RecordJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    static ObjectNode toJson(JobRecord r) {
        ObjectNode node = NODES.objectNode();
        node.put("name", r.name().value());
        node.put("driver", r.driver());
        node.put("notebook", r.notebook());
        node.put("job_folder", r.jobFolder());
        node.put("image", r.image());
        r.imageDigest().ifPresent(d -> node.put("image_digest", d));
        node.set("hyperparameters", map(r.hyperparameters()));
        node.set("settings", map(r.settings()));
        r.grid().ifPresent(g -> node.put("grid", g));
        node.put("created_at", r.createdAt().toString());
        node.put("submitted", r.submitted());
        node.put("state", r.state().name());
        node.put("secondary_status", r.secondaryStatus());
        r.failureReason().ifPresent(f -> node.put("failure_reason", f));
        r.startedAt().ifPresent(t -> node.put("started_at", t.toString()));
        r.endedAt().ifPresent(t -> node.put("ended_at", t.toString()));
        r.consoleUrl().ifPresent(u -> node.put("console_url", u));
        node.put("updated_at", r.updatedAt().toString());
        r.scriptSha256().ifPresent(d -> node.put("script_sha256", d));
        if (!r.dependencies().isEmpty()) {
            r.dependencies().forEach(node.putArray("dependencies")::add);
        }
        if (!r.metrics().isEmpty()) {
            ObjectNode metrics = node.putObject("metrics");
            // JSON has no NaN or infinity: those are kept as text.
            r.metrics().forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    metrics.put(name, value);
                } else {
                    metrics.put(name, Double.toString(value));
                }
            });
        }
        if (r.interruptions() > 0) {
            node.put("interruptions", r.interruptions());
        }
        if (r.malformedMetricLines() > 0) {
            node.put("malformed_metric_lines", r.malformedMetricLines());
        }
        r.cost().ifPresent(cost -> costJson(node.putObject("cost"), cost));
        r.hourlyUsd().ifPresent(hourly -> node.put("hourly_usd", hourly));
        return node;
    }

    static JobRecord fromJson(JsonNode node) {
        JobRecord.Builder b = JobRecord.builder(JobName.parse(text(node, "name")), text(node, "driver"),
                        Instant.parse(text(node, "created_at")))
                .notebook(optional(node, "notebook").orElse(""))
                .jobFolder(optional(node, "job_folder").orElse(""))
                .image(optional(node, "image").orElse(""))
                .imageDigest(optional(node, "image_digest").orElse(null))
                .hyperparameters(map(node.path("hyperparameters")))
                .settings(map(node.path("settings")))
                .grid(optional(node, "grid").orElse(null))
                .submitted(node.path("submitted").asBoolean(false))
                .state(JobState.valueOf(optional(node, "state").orElse("PENDING")))
                .secondaryStatus(optional(node, "secondary_status").orElse(""))
                .failureReason(optional(node, "failure_reason").orElse(null))
                .startedAt(optional(node, "started_at").map(Instant::parse).orElse(null))
                .endedAt(optional(node, "ended_at").map(Instant::parse).orElse(null))
                .consoleUrl(optional(node, "console_url").orElse(null));
        optional(node, "updated_at").map(Instant::parse).ifPresent(b::updatedAt);
        b.scriptSha256(optional(node, "script_sha256").orElse(null));
        List<String> dependencies = new ArrayList<>();
        node.path("dependencies").forEach(d -> dependencies.add(d.asText()));
        b.dependencies(dependencies);
        Map<String, Double> metrics = new LinkedHashMap<>();
        node.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().isNumber()
                ? e.getValue().asDouble() : Double.parseDouble(e.getValue().asText())));
        b.metrics(metrics);
        b.malformedMetricLines(node.path("malformed_metric_lines").asInt(0));
        b.interruptions(node.path("interruptions").asInt(0));
        if (node.has("hourly_usd")) {
            b.hourlyUsd(node.path("hourly_usd").asDouble());
        }
        JsonNode cost = node.path("cost");
        if (cost.has("usd")) {
            b.cost(new JobCost(cost.path("usd").asDouble(), cost.path("final").asBoolean(),
                    cost.has("spot_savings") ? Optional.of(cost.path("spot_savings").asDouble()) : Optional.empty()));
        }
        return b.build();
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach(node::put);
        return node;
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        return optional(node, field).orElseThrow(() -> new IllegalArgumentException("a job record lacks " + field));
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A job's cost as records and {@code --json} write it. */
    static void costJson(ObjectNode node, JobCost cost) {
        node.put("usd", cost.usd());
        node.put("final", cost.finished());
        cost.spotSavings().ifPresent(saved -> node.put("spot_savings", saved));
    }
}
