package dev.fahr.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.job.CostEstimate;
import dev.fahr.records.JobRecord;

/** Jobs as {@code --json} prints them: the fields a script needs, with stable names. */
final class JobJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobJson() {
    }

    /** fit's answer: the jobs launched (none on a dry run) and, where jobs cost money, the estimate. */
    static String fitToJson(List<JobRecord> records, Optional<CostEstimate> estimate, Instant now) {
        ObjectNode fit = JSON.createObjectNode();
        fit.set("jobs", jobs(records, now));
        estimate.ifPresent(e -> {
            ObjectNode node = fit.putObject("estimate");
            node.put("instance_type", e.instanceType());
            node.put("instance_count", e.instanceCount());
            node.put("spot", e.spot());
            node.put("max_runtime_seconds", e.maxRuntime().toSeconds());
            node.put("jobs", e.jobs());
            e.price().ifPresent(p -> {
                node.put("usd_per_hour", p.usdPerHour());
                node.put("price_source", p.source());
                node.put("price_as_of", p.asOf().toString());
            });
            e.upperBound().ifPresent(b -> node.put("at_most_usd", b));
            e.maxCost().ifPresent(m -> node.put("max_cost_usd", m));
            node.put("text", e.describe());
        });
        return write(fit);
    }

    /** @param now the clock's time: a running job's cost so far depends on it */
    static String toJson(List<JobRecord> records, Instant now) {
        return write(jobs(records, now));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode jobs(List<JobRecord> records, Instant now) {
        ArrayNode jobs = JSON.createArrayNode();
        for (JobRecord r : records) {
            ObjectNode job = jobs.addObject();
            job.put("name", r.name().value());
            job.put("driver", r.driver());
            job.put("status", r.state().name());
            job.put("secondary_status", r.secondaryStatus());
            r.failureReason().ifPresent(f -> job.put("failure_reason", f));
            ObjectNode hp = job.putObject("hyperparameters");
            r.hyperparameters().forEach(hp::put);
            r.grid().ifPresent(g -> job.put("grid", g));
            job.put("image", r.image());
            r.imageDigest().ifPresent(d -> job.put("image_digest", d));
            job.put("job_folder", r.jobFolder());
            job.put("created_at", r.createdAt().toString());
            r.startedAt().ifPresent(t -> job.put("started_at", t.toString()));
            r.endedAt().ifPresent(t -> job.put("ended_at", t.toString()));
            r.consoleUrl().ifPresent(u -> job.put("console_url", u));
            ObjectNode metrics = job.putObject("metrics");
            // JSON has no NaN or infinity: those are written as text.
            r.metrics().forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    metrics.put(name, value);
                } else {
                    metrics.put(name, MetricFormat.of(value));
                }
            });
            if (r.interruptions() > 0) {
                job.put("interruptions", r.interruptions());
            }
            if (r.malformedMetricLines() > 0) {
                job.put("malformed_metric_lines", r.malformedMetricLines());
            }
            r.costAt(now).ifPresent(cost -> {
                ObjectNode node = job.putObject("cost");
                node.put("usd", cost.usd());
                node.put("final", cost.finished());
                cost.spotSavings().ifPresent(saved -> node.put("spot_savings", saved));
            });
        }
        return jobs;
    }
}
