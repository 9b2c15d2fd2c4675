package dev.fahr.workflow;

import java.util.List;
import java.util.Optional;

import dev.fahr.job.CostEstimate;
import dev.fahr.job.Hyperparameters;
import dev.fahr.records.JobRecord;

/**
 * The jobs a fit launched (one, or a grid's), the image they share, the grid id if any, and what the
 * launch may cost where jobs cost money. A dry run launches nothing and has no image; its
 * {@code combinations} say what it would have launched.
 */
public record FitResult(InitResult init, Optional<String> image, List<JobRecord> jobs, Optional<String> grid,
                        Optional<CostEstimate> estimate, List<Hyperparameters> combinations) {

    public FitResult {
        jobs = List.copyOf(jobs);
        combinations = List.copyOf(combinations);
    }
}
