package dev.fahr.workflow;

import java.util.List;

/**
 * How a fit launches, besides what init is asked.
 *
 * @param hyperparameters   {@code --hp NAME=V1,V2} options; their cross product is the grid
 * @param allowUndeclared   pass {@code --hp} names the code does not declare (one it reads from a variable)
 *                          instead of refusing them as likely typos
 * @param dryRun            stop after the checks and the cost estimate: nothing built, pushed or launched
 */
public record FitOptions(List<String> hyperparameters, boolean allowUndeclared, boolean dryRun) {

    public FitOptions {
        hyperparameters = List.copyOf(hyperparameters);
    }

    public static FitOptions of(List<String> hyperparameters) {
        return new FitOptions(hyperparameters, false, false);
    }
}
