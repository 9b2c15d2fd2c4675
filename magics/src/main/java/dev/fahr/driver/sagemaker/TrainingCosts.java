package dev.fahr.driver.sagemaker;

import java.time.Clock;
import java.util.Optional;

import dev.fahr.job.JobCost;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * What an ended training job cost, from its instances' price: its {@code BillableTimeInSeconds} (per
 * instance, so times the instance count), with the share managed spot did not bill. (A running job's cost
 * so far is its launch's hourly price times its time so far; the job record keeps that price.) A job whose
 * price is unknown has no cost, not an error.
 */
final class TrainingCosts {

    private final InstancePrices prices;
    private final String region;
    private final Clock clock;

    TrainingCosts(InstancePrices prices, String region, Clock clock) {
        this.prices = prices;
        this.region = region;
        this.clock = clock;
    }

    Optional<JobCost> ended(DescribeTrainingJobResponse job) {
        if (job.resourceConfig() == null || job.resourceConfig().instanceTypeAsString() == null) {
            return Optional.empty();
        }
        Integer billable = job.billableTimeInSeconds() != null ? job.billableTimeInSeconds() : job.trainingTimeInSeconds();
        if (billable == null) {
            return Optional.empty();
        }
        int count = job.resourceConfig().instanceCount() == null ? 1 : job.resourceConfig().instanceCount();
        Optional<Double> savings = Boolean.TRUE.equals(job.enableManagedSpotTraining()) && job.trainingTimeInSeconds() != null
                && job.trainingTimeInSeconds() > 0 && job.billableTimeInSeconds() != null
                ? Optional.of(Math.max(0, 1 - (double) job.billableTimeInSeconds() / job.trainingTimeInSeconds()))
                : Optional.empty();
        return prices.of(region, job.resourceConfig().instanceTypeAsString())
                .map(price -> new JobCost(price.usdPerHour() * count * billable / 3600.0, true, savings));
    }
}
