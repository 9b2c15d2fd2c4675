package dev.fahr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code fahr} command line as a separate process, without any service: help, exit codes, usage
 * errors that name the bad argument, one-line failures naming the missing piece, JSON, colour and the
 * completion scripts. Runs in a project laid out as the user guide says: models/resnet48_128/train.py.
 */
class CliUsageTest {

    private static final String ESC = "\u001b[";

    @TempDir
    Path project;

    private Path experiment;
    private final FahrProcess fahr = new FahrProcess().env("DOCKER_HOST", "unix:///nonexistent/docker.sock");

    @BeforeEach
    void layOutTheProject() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        experiment = Files.createDirectories(project.resolve("models/resnet48_128"));
        Files.writeString(experiment.resolve("train.py"), "print('training')\n");
        fahr.env("HOME", project.toString());
    }

    static List<Object[]> commandsAndOptions() {
        return List.of(
                new Object[] {"init", List.of("--train-driver", "--train-image", "--build-driver", "--envfile", "--overwrite", "--config")},
                new Object[] {"fit", List.of("--train-driver", "--train-image", "--build-driver", "--envfile", "--overwrite", "--config", "--hp", "--dry-run", "--json")},
                new Object[] {"status", List.of("--watch", "--json")},
                new Object[] {"logs", List.of("--follow", "--tail")},
                new Object[] {"fetch", List.of("--no-extract")},
                new Object[] {"stop", List.of("JOB")},
                new Object[] {"copy", List.of("--include-training-artifact", "--overwrite", "SRC", "DEST")},
                new Object[] {"completion", List.of("SHELL", "bash", "zsh")});
    }

    @ParameterizedTest(name = "fahr {0} --help")
    @MethodSource("commandsAndOptions")
    void helpOnEachCommandNamesItsOptions(String command, List<String> options) {
        FahrProcess.Result result = fahr.run(experiment, command, "--help");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("Usage: fahr " + command), result.describe());
        for (String option : options) {
            assertTrue(result.stdout().contains(option), command + " --help should name " + option + "\n" + result.describe());
        }
        assertFalse(result.stdout().contains(ESC), "no escape codes off a terminal\n" + result.describe());
    }

    @Test
    void rootHelpAndVersionExitZero() {
        FahrProcess.Result help = fahr.run(experiment, "--help");
        assertEquals(0, help.exitCode(), help.describe());
        for (String command : List.of("init", "fit", "status", "logs", "fetch", "stop", "copy")) {
            assertTrue(help.stdout().contains("  " + command + " "), help.describe());
        }
        assertEquals(0, fahr.run(experiment, "--version").exitCode());
    }

    /** Each usage error: exit code 2 and a message naming the bad argument. */
    @Test
    void usageErrorsExitTwoNamingTheBadArgument() {
        assertUsageError(new String[] {"bogus"}, "'bogus'");
        assertUsageError(new String[] {"status", "--nope"}, "'--nope'");
        assertUsageError(new String[] {"init", "train.py", "--frobnicate=1"}, "--frobnicate");
        assertUsageError(new String[] {"init", "train.py", "--config.output_path"}, "--config.output_path needs a value");
        assertUsageError(new String[] {"fit", "train.py", "--config.role_name"}, "--config.role_name needs a value");
        assertUsageError(new String[] {"init", "train.py", "--train-image=defualt-gpu"}, "unknown --train-image \"defualt-gpu\"");
        assertUsageError(new String[] {"init", "train.py", "--train-image=MyImage:Latest"}, "MyImage:Latest");
        assertUsageError(new String[] {"init", "train.py", "--build-driver=gpu-please"}, "--build-driver takes");
        assertUsageError(new String[] {"init", "missing.py"}, "no such notebook or script");
        assertUsageError(new String[] {"fit", "missing.py", "--train-driver=local"}, "no such notebook or script");
        assertUsageError(new String[] {"init", "train.csv"}, "no such notebook or script");
        assertUsageError(new String[] {"init", "train.py", "--envfile=nope/requirements.txt"}, "--envfile nope/requirements.txt does not exist");
        assertUsageError(new String[] {"init", "train.py", "--train-driver=kaggle"}, "unknown train driver 'kaggle'");
        assertUsageError(new String[] {"init", "train.py", "--train-driver=sagemaker", "--config.instance_count=many"}, "instance_count");
        assertUsageError(new String[] {"copy", "../nowhere/", "./"}, "nowhere");
        assertUsageError(new String[] {"completion", "fish"}, "fish");
        assertUsageError(new String[] {"fetch"}, "JOB");
    }

    private void assertUsageError(String[] args, String named) {
        FahrProcess.Result result = fahr.run(experiment, args);
        assertEquals(2, result.exitCode(), String.join(" ", args) + "\n" + result.describe());
        assertTrue(result.stderr().contains(named), String.join(" ", args) + " should name " + named + "\n" + result.describe());
        assertFalse(result.stderr().contains("Exception") && result.stderr().contains("\tat "), result.describe());
    }

    @Test
    void aMissingArtefactToCopyIsAUsageErrorToo() throws Exception {
        FahrProcess.Result init = fahr.run(experiment, "init", "train.py");
        assertEquals(0, init.exitCode(), init.describe());
        Path next = Files.createDirectories(project.resolve("models/resnet48_256"));
        FahrProcess.Result copy = fahr.run(next, "copy", "../resnet48_128/", "./", "--include-training-artifact=model.py");
        assertEquals(2, copy.exitCode(), copy.describe());
        assertTrue(copy.stderr().contains("--include-training-artifact=model.py: no such file"), copy.describe());
        assertFalse(Files.exists(next.resolve("Dockerfile")), "nothing copied");
    }

    /**
     * The guide's fit, word for word, with no Docker engine and no AWS set-up: one line that names the first
     * thing missing and the fix. SageMaker's repository and login are asked for before anything is built.
     */
    @Test
    void withoutAwsSetUpTheGuidesFitSaysWhatIsMissingInOneLine() {
        FahrProcess.Result direct = fahr.run(experiment, "fit", "train.py", "--train-driver=sagemaker",
                "--build-driver=local-gpu", "--config.output_path=s3://your-s3-bucket/path/",
                "--config.role_name=your-s3-role");
        FahrProcess.Result shell = fahr.bash(experiment, GuideInvocations.FIT);
        for (FahrProcess.Result result : List.of(direct, shell)) {
            assertEquals(1, result.exitCode(), result.describe());
            assertEquals(1, result.stderrLines().size(), result.describe());
            String line = result.stderrLines().get(0);
            assertEquals("fahr fit: no AWS region set: pass --config.region=us-east-1 (or your region) or set AWS_REGION",
                    line);
        }
    }

    /** Without credentials, a SageMaker job's status names what is missing in one line. */
    @Test
    void withoutAwsCredentialsStatusSaysSoInOneLine() throws Exception {
        Path aws = Files.createDirectories(project.resolve("empty-aws"));
        Files.writeString(aws.resolve("config"), "");
        Files.writeString(aws.resolve("credentials"), "");
        dev.fahr.records.JobRecords records = new dev.fahr.records.JobRecords(project);
        records.add(dev.fahr.records.JobRecord.builder(dev.fahr.job.JobName.parse("resnet48-128-20261126-1"),
                        "sagemaker", java.time.Instant.now()).submitted(true)
                .state(dev.fahr.job.JobState.IN_PROGRESS)
                .jobFolder(experiment.toString())
                .settings(Map.of("output_path", "s3://your-s3-bucket/path/", "role_name", "your-s3-role",
                        "region", "us-east-1"))
                .build());
        fahr.env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null).env("AWS_SESSION_TOKEN", null)
                .env("AWS_CONFIG_FILE", aws.resolve("config").toString())
                .env("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
        for (String[] args : List.of(new String[] {"fetch", "fetched", "resnet48-128-20261126-1"},
                new String[] {"logs", "resnet48-128-20261126-1"}, new String[] {"stop", "resnet48-128-20261126-1"})) {
            FahrProcess.Result result = fahr.run(experiment, args);
            assertEquals(1, result.exitCode(), result.describe());
            assertEquals(1, result.stderrLines().size(), result.describe());
            assertTrue(result.stderr().contains("no AWS credentials found: run `aws configure` or set AWS_PROFILE"),
                    result.describe());
        }
    }

    @Test
    void statusJsonIsParseableAlsoWithNoJobs() throws Exception {
        FahrProcess.Result result = fahr.run(experiment, "status", "--json");
        assertEquals(0, result.exitCode(), result.describe());
        JsonNode jobs = new ObjectMapper().readTree(result.stdout());
        assertTrue(jobs.isArray() && jobs.isEmpty(), result.describe());
    }

    @Test
    void colourAndRedrawOnlyOnATerminal() {
        FahrProcess.Result piped = fahr.run(experiment, "init", "--help");
        assertFalse(piped.stdout().contains(ESC), piped.describe());
        FahrProcess.Result terminal = fahr.onTerminal(experiment, "fahr init --help");
        assertEquals(0, terminal.exitCode(), terminal.describe());
        assertTrue(terminal.stdout().contains("Usage:") && terminal.stdout().contains(ESC),
                "help is coloured on a terminal\n" + terminal.describe());
        FahrProcess.Result noColor = fahr.onTerminal(experiment, "NO_COLOR=1 fahr init --help");
        assertEquals(0, noColor.exitCode(), noColor.describe());
        assertTrue(noColor.stdout().contains("Usage:") && !noColor.stdout().contains(ESC),
                "NO_COLOR turns colour off\n" + noColor.describe());
    }

    @Test
    void bashCompletionLoads() {
        FahrProcess.Result result = fahr.bash(experiment, "source <(fahr completion bash) && complete -p fahr");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("-F _complete_fahr") && result.stdout().strip().endsWith(" fahr"),
                result.describe());
        FahrProcess.Result words = fahr.bash(experiment, "source <(fahr completion bash) && COMP_WORDS=(fahr init --tr) "
                + "&& COMP_CWORD=2 && COMP_LINE='fahr init --tr' && COMP_POINT=${#COMP_LINE} && _complete_fahr "
                + "&& printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertEquals(0, words.exitCode(), words.describe());
        assertTrue(words.stdout().contains("--train-driver") && words.stdout().contains("--train-image"), words.describe());
        assertFalse(fahr.run(experiment, "--help").stdout().contains("completion"), "completion is not listed in help");
    }

    @Test
    void zshCompletionLoads() {
        FahrProcess.Result script = fahr.run(experiment, "completion", "zsh");
        assertEquals(0, script.exitCode(), script.describe());
        assertTrue(script.stdout().contains("bashcompinit") && script.stdout().contains("_complete_fahr"), script.describe());
        assertTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is missing: scripts/services.sh installs it (apt-get install zsh)");
        FahrProcess.Result zsh = fahr.bash(experiment, "zsh -fc 'source <(fahr completion zsh) && print ${_comps[fahr]}'");
        assertEquals(0, zsh.exitCode(), zsh.describe());
        assertTrue(zsh.stdout().contains("_complete_fahr"), zsh.describe());
    }
}
