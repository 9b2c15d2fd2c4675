package dev.fahr.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.fahr.chart.LearningCurves;
import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.runtime.MetricPoint;

/**
 * {@code plot METRIC [JOB|GRID ...]}: a metric against step for several runs, from each driver in as few
 * calls as it allows, each run labelled by the hyperparameters that set it apart from the others.
 */
public final class PlotWorkflow {

    /** The curves, and the jobs they come from, as their records say now. */
    public record Plot(String metric, List<LearningCurves.Curve> curves, List<JobRecord> jobs) {
        public Plot {
            curves = List.copyOf(curves);
            jobs = List.copyOf(jobs);
        }

        public boolean ended() {
            return jobs.stream().allMatch(job -> job.state().isTerminal());
        }
    }

    private final DriverRegistry drivers;
    private final JobRecords records;

    public PlotWorkflow(DriverRegistry drivers, JobRecords records) {
        this.drivers = drivers;
        this.records = records;
    }

    /**
     * @param notebook this notebook's own series of the metric (what its session's {@code Fahr.metric} calls
     *                 kept), drawn beside the jobs as "this notebook"
     * @throws UsageError for a metric none of the jobs (all ended) nor the notebook reported, naming those they did
     */
    public Plot plot(String metric, List<String> selectors, List<MetricPoint> notebook) {
        List<JobRecord> jobs = JobSelector.select(records.all(), selectors, records.projectFolder());
        Map<JobName, Map<String, List<MetricPoint>>> series = series(jobs);
        Set<String> reported = new TreeSet<>();
        series.values().forEach(m -> reported.addAll(m.keySet()));
        jobs.forEach(job -> reported.addAll(job.metrics().keySet()));
        // A running job may not have reported yet: its chart starts empty rather than fail.
        boolean allEnded = jobs.stream().allMatch(job -> job.state().isTerminal());
        if (!reported.contains(metric) && notebook.isEmpty() && allEnded) {
            throw new UsageError(reported.isEmpty() ? "the jobs shown report no metrics yet (they report them with "
                    + "Fahr.metric(\"" + metric + "\", value))" : "no job shown reports the metric " + metric
                    + "; they report " + String.join(", ", reported));
        }
        Map<JobName, String> labels = labels(jobs);
        List<LearningCurves.Curve> curves = new ArrayList<>();
        for (JobRecord job : jobs) {
            List<MetricPoint> points = series.getOrDefault(job.name(), Map.of()).getOrDefault(metric, List.of());
            if (!points.isEmpty()) {
                curves.add(new LearningCurves.Curve(labels.get(job.name()), points));
            }
        }
        if (!notebook.isEmpty()) {
            curves.add(new LearningCurves.Curve("this notebook", notebook, true));
        }
        return new Plot(metric, curves, jobs);
    }

    /** One call per driver and group of jobs that share settings, not one per job. */
    private Map<JobName, Map<String, List<MetricPoint>>> series(List<JobRecord> jobs) {
        Map<JobName, Map<String, List<MetricPoint>>> series = new LinkedHashMap<>();
        for (DriverGroup group : DriverGroup.of(jobs.stream().filter(JobRecord::submitted).toList(), drivers)) {
            Instant since = group.jobs().stream().map(JobRecord::createdAt).min(Instant::compareTo).orElseThrow();
            series.putAll(group.driver().metricSeries(group.names(), group.settings(), since));
        }
        return series;
    }

    /** The hyperparameters whose values differ among the jobs, e.g. "batch_size=128"; else the job's name. */
    static Map<JobName, String> labels(List<JobRecord> jobs) {
        Set<String> differing = new LinkedHashSet<>();
        for (JobRecord job : jobs) {
            for (String name : job.hyperparameters().keySet()) {
                Set<Optional<String>> values = new LinkedHashSet<>();
                jobs.forEach(other -> values.add(Optional.ofNullable(other.hyperparameters().get(name))));
                if (values.size() > 1) {
                    differing.add(name);
                }
            }
        }
        Map<JobName, String> labels = new LinkedHashMap<>();
        for (JobRecord job : jobs) {
            List<String> parts = new ArrayList<>();
            differing.forEach(name -> parts.add(name + "=" + job.hyperparameters().getOrDefault(name, "-")));
            labels.put(job.name(), parts.isEmpty() ? job.name().value() : String.join(", ", parts));
        }
        return labels;
    }
}
