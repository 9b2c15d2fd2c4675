package dev.fahr.command;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.records.JobRecord;

/** Jobs as {@code --json} prints them: the fields a script needs, with stable names. */
final class JobJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobJson() {
    }

    static String toJson(List<JobRecord> records) {
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
            if (r.malformedMetricLines() > 0) {
                job.put("malformed_metric_lines", r.malformedMetricLines());
            }
        }
        try {
            return JSON.writeValueAsString(jobs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
