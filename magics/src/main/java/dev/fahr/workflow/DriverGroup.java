package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;
import dev.fahr.settings.Settings;

/**
 * Jobs one driver call can serve together: the same driver and equal settings (region, account...). A
 * refresh or a chart of many jobs costs one call per group, not one per job.
 */
record DriverGroup(TrainingDriver driver, Settings settings, List<JobRecord> jobs) {

    DriverGroup {
        jobs = List.copyOf(jobs);
    }

    /** The records, grouped in order of first appearance. */
    static List<DriverGroup> of(Collection<JobRecord> records, DriverRegistry drivers) {
        // Keyed by value: equal settings may come in maps of different iteration order.
        Map<List<Object>, List<JobRecord>> groups = new LinkedHashMap<>();
        for (JobRecord record : records) {
            groups.computeIfAbsent(List.of(record.driver(), record.settings()), k -> new ArrayList<>()).add(record);
        }
        List<DriverGroup> result = new ArrayList<>();
        for (List<JobRecord> group : groups.values()) {
            TrainingDriver driver = drivers.get(group.get(0).driver());
            result.add(new DriverGroup(driver, DriverSettings.of(driver, group.get(0)), group));
        }
        return result;
    }

    List<JobName> names() {
        return jobs.stream().map(JobRecord::name).toList();
    }
}
