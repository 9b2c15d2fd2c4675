package dev.fahr.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingType;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;

/**
 * A driver that keeps jobs in memory, for testing the workflow's own logic (batching, records,
 * selection). The real drivers are tested against a real Docker engine and the AWS stand-ins.
 */
public final class InMemoryDriver implements TrainingDriver {

    public final Map<JobName, JobStatus> jobs = new LinkedHashMap<>();
    public final AtomicInteger statusCalls = new AtomicInteger();
    public final List<JobName> stopped = new ArrayList<>();
    public final Map<JobName, List<String>> logs = new LinkedHashMap<>();
    public final Map<JobName, Map<String, List<dev.fahr.runtime.MetricPoint>>> series = new LinkedHashMap<>();
    public final AtomicInteger seriesCalls = new AtomicInteger();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return new SettingsSchema("memory", List.of(SettingKey.builder("region", SettingType.STRING).build(),
                SettingKey.builder("role_name", SettingType.STRING).build(),
                SettingKey.builder("metrics", SettingType.STRING).build(),
                SettingKey.builder("output_path", SettingType.STRING).build()));
    }

    @Override
    public synchronized JobStatus submit(JobSpec spec) {
        return jobs.computeIfAbsent(spec.name(), n -> JobStatus.builder(n, JobState.IN_PROGRESS).build());
    }

    private int failingStatusCalls;

    /** The next {@code calls} status calls fail as a throttled AWS call does, after the SDK's own retries. */
    public synchronized void failStatusCalls(int calls) {
        failingStatusCalls = calls;
    }

    @Override
    public synchronized List<JobStatus> status(Collection<JobName> names, Settings settings) {
        statusCalls.incrementAndGet();
        if (failingStatusCalls > 0) {
            failingStatusCalls--;
            throw new dev.fahr.driver.DriverException("could not list training jobs: ThrottlingException: Rate exceeded");
        }
        return names.stream().filter(jobs::containsKey).map(jobs::get).toList();
    }

    @Override
    public synchronized Map<JobName, Map<String, List<dev.fahr.runtime.MetricPoint>>> metricSeries(
            Collection<JobName> names, Settings settings, java.time.Instant since) {
        seriesCalls.incrementAndGet();
        Map<JobName, Map<String, List<dev.fahr.runtime.MetricPoint>>> found = new LinkedHashMap<>();
        names.stream().filter(series::containsKey).forEach(name -> found.put(name, series.get(name)));
        return found;
    }

    @Override
    public void logs(JobName job, LogRequest request, Settings settings, LogSink sink) {
        List<String> lines = logs.getOrDefault(job, List.of());
        int from = request.tail().isPresent() ? Math.max(0, lines.size() - request.tail().getAsInt()) : 0;
        lines.subList(from, lines.size()).forEach(l -> sink.line(java.time.Instant.EPOCH, "stdout", l));
    }

    @Override
    public synchronized void stop(JobName job, Settings settings) {
        stopped.add(job);
        jobs.put(job, JobStatus.builder(job, JobState.STOPPING).build());
    }

    @Override
    public FetchResult fetch(JobName job, Path target, boolean extract, Settings settings) {
        return new FetchResult(target.resolve("model.tar.gz"), List.of(), List.of());
    }
}
