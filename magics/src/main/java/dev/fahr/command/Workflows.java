package dev.fahr.command;

import java.util.Optional;

import dev.fahr.image.ImageBuilder;
import dev.fahr.workflow.FitWorkflow;
import dev.fahr.workflow.InitWorkflow;
import dev.fahr.workflow.ProjectLayout;

/** Builds the workflows a command needs from its context; the one place that wires them. */
final class Workflows {

    private Workflows() {
    }

    static InitWorkflow init(FahrContext context) {
        Optional<FahrContext.KernelSession> kernel = context.kernel();
        return new InitWorkflow(context.drivers(), context.workingDirectory(), context.environment(),
                kernel.flatMap(FahrContext.KernelSession::connectionFile),
                kernel.map(k -> k.executedCells().get()),
                kernel.flatMap(FahrContext.KernelSession::dependencyLedger));
    }

    static FitWorkflow fit(FahrContext context) {
        return new FitWorkflow(init(context), context.drivers(), context.clock(),
                dockerHost -> ImageBuilder.connect(dockerHost, context.environment()),
                ProjectLayout.around(context.workingDirectory()));
    }
}
