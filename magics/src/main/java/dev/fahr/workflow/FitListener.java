package dev.fahr.workflow;

import dev.fahr.job.CostEstimate;

import dev.fahr.image.BuildEvent;
import dev.fahr.records.JobRecord;

/** What a fit reports while it works; the notebook and the terminal each render it in place. */
public interface FitListener {

    /** Another init or fit of the experiment folder is under way: this one waits for it (a line to show). */
    default void waiting(String note) {
    }

    /** Init wrote the experiment folder. */
    default void initialized(InitResult result) {
    }

    /** What the launch may cost (drivers whose jobs cost money), before anything is built. */
    default void estimated(CostEstimate estimate) {
    }

    /** An event of the image build (a step, a log line, done). */
    default void building(BuildEvent event) {
    }

    /** Progress of making the image available to the driver (a push). */
    default void publishing(String step, String detail, double fraction) {
    }

    /** A job was accepted by its driver. */
    default void submitted(JobRecord record) {
    }
}
