package dev.fahr.command;

import java.util.concurrent.Callable;

import dev.fahr.workflow.InitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code init [ARTIFACT]}: export the notebook and write a Dockerfile and run.sh you may edit. */
@Command(name = "init", description = "Export the notebook or script and write the experiment folder: the script, "
        + "lib/ with its jars, a Dockerfile and run.sh you may edit, and fahr.properties with these options.")
public final class InitCommand implements Callable<Integer> {

    private final FahrContext context;

    @Mixin
    TrainOptions options = new TrainOptions();

    public InitCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InitResult result = Workflows.init(context).run(options.toRequest(), context.output()::line, init -> init);
        report(context.output(), result);
        context.output().line("Edit the Dockerfile or run.sh if you like, then run fit.");
        return 0;
    }

    static void report(CommandOutput output, InitResult result) {
        result.notes().forEach(output::line);
        output.line("Initialized " + result.jobFolder() + ": " + result.scriptFileName() + ", Dockerfile, run.sh"
                + (result.java() ? ", lib/ (" + result.jars() + " jar" + (result.jars() == 1 ? "" : "s") + ")" : "")
                + " for the " + result.driver() + " driver on " + result.trainImage() + ".");
    }
}
