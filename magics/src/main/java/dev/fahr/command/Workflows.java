package dev.fahr.command;

import java.util.Optional;

import dev.fahr.workflow.ImageBuilders;
import dev.fahr.records.JobRecords;
import dev.fahr.records.ScriptStore;
import dev.fahr.workflow.DiffWorkflow;
import dev.fahr.workflow.ConfigWorkflow;
import dev.fahr.workflow.FetchWorkflow;
import dev.fahr.workflow.FitWorkflow;
import dev.fahr.workflow.InitWorkflow;
import dev.fahr.workflow.KernelFacts;
import dev.fahr.workflow.LogsWorkflow;
import dev.fahr.workflow.PlotWorkflow;
import dev.fahr.workflow.ProjectLayout;
import dev.fahr.workflow.StatusWorkflow;
import dev.fahr.workflow.StopWorkflow;

/** Builds the workflows a command needs from its context; the one place that wires them. */
final class Workflows {

    private Workflows() {
    }

    static InitWorkflow init(FahrContext context) {
        Optional<FahrContext.KernelSession> kernel = context.kernel();
        return new InitWorkflow(context.drivers(), context.workingDirectory(), context.environment(),
                kernel.map(k -> new KernelFacts(k.connectionFile(), k.history().get())),
                kernel.flatMap(FahrContext.KernelSession::dependencyLedger));
    }

    static ConfigWorkflow config(FahrContext context) {
        return new ConfigWorkflow(context.drivers(), context.workingDirectory(), context.environment());
    }

    static DiffWorkflow diff(FahrContext context) {
        ProjectLayout project = ProjectLayout.around(context.workingDirectory());
        return new DiffWorkflow(project.records(), new ScriptStore(project.projectFolder()));
    }

    static PlotWorkflow plot(FahrContext context) {
        return new PlotWorkflow(context.drivers(), records(context));
    }

    static StatusWorkflow status(FahrContext context) {
        return new StatusWorkflow(context.drivers(), records(context), context.clock(),
                StatusWorkflow.submitGrace(context.environment()));
    }

    static StopWorkflow stop(FahrContext context) {
        return new StopWorkflow(context.drivers(), records(context));
    }

    static LogsWorkflow logs(FahrContext context) {
        return new LogsWorkflow(context.drivers(), records(context));
    }

    static FetchWorkflow fetch(FahrContext context) {
        return new FetchWorkflow(context.drivers(), records(context), context.workingDirectory());
    }

    private static JobRecords records(FahrContext context) {
        return ProjectLayout.around(context.workingDirectory()).records();
    }

    static FitWorkflow fit(FahrContext context) {
        return new FitWorkflow(init(context), context.drivers(), context.clock(),
                new ImageBuilders(context.environment())::open,
                ProjectLayout.around(context.workingDirectory()));
    }
}
