package dev.fahr.workflow;

import java.util.List;
import java.util.Optional;

import dev.fahr.records.JobRecord;

/** The jobs a fit launched (one, or a grid's), the image they share, and the grid id if any. */
public record FitResult(InitResult init, String image, List<JobRecord> jobs, Optional<String> grid) {

    public FitResult {
        jobs = List.copyOf(jobs);
    }
}
