package dev.fahr.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fahr completion [bash|zsh]}: prints a completion script for every command and option, generated
 * from the same definitions the commands run with. Not listed in {@code fahr --help}: it is set up once.
 * <pre>
 *   source &lt;(fahr completion bash)          # bash, e.g. in ~/.bashrc
 *   source &lt;(fahr completion zsh)           # zsh, e.g. in ~/.zshrc
 * </pre>
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for fahr.",
            "bash: source <(fahr completion bash)   zsh: source <(fahr completion zsh)"})
final class CompletionCommand implements Callable<Integer> {

    private final CommandLine root;

    @Parameters(arity = "0..1", defaultValue = "bash", paramLabel = "SHELL", description = "bash (default) or zsh.")
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    CompletionCommand(CommandLine root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("fahr", root);
        switch (shell) {
            case "bash" -> spec.commandLine().getOut().print(script);
            // picocli's script is written for both: under zsh it loads bashcompinit and registers itself.
            case "zsh" -> spec.commandLine().getOut().print(zsh(script));
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "fahr completion: unknown shell '" + shell + "'; use bash or zsh");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The same script: under zsh it loads compinit (once) and bashcompinit, then registers itself. */
    static String zsh(String bashScript) {
        return "# fahr completion for zsh: source <(fahr completion zsh), e.g. in ~/.zshrc\n" + bashScript;
    }
}
