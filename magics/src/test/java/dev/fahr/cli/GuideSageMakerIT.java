package dev.fahr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user guide's workflow word for word, as a user types it in a shell, on {@code fahr} as a separate
 * process, against the SageMaker protocol test server, S3Proxy, the real Docker engine and the
 * password-protected registry (scripts/with-services.sh): models/resnet48_128 with train.py and a
 * requirements.txt, init, an edit of run.sh, fit, status, the follow-up commands fit prints, fetch (both
 * argument orders, --no-extract), then copy into models/resnet48_256 and init there with
 * --build-driver='default-cpu'. Without credentials the same fit says so in one line.
 */
class GuideSageMakerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeAws aws;

    @TempDir
    Path project;

    @BeforeAll
    static void startServices() throws Exception {
        aws = new FakeAws("your-s3-bucket", "your-s3-role");
        FakeAws.ensurePythonGpuStandIn(aws.docker);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (aws != null) {
            aws.close();
        }
    }

    private FahrProcess fahr() {
        return aws.configure(new FahrProcess()).timeout(Duration.ofMinutes(4));
    }

    @Test
    void theGuidesWorkflowWordForWord() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        Path first = Files.createDirectories(project.resolve("models/resnet48_128"));
        Files.writeString(first.resolve("requirements.txt"), "# pip freeze > requirements.txt (nothing needed offline)\n");
        Files.writeString(first.resolve("train.py"), """
                import json, os
                print("training resnet48 at 128px")
                hp = json.load(open("/opt/ml/input/config/hyperparameters.json"))
                os.makedirs("/opt/ml/model", exist_ok=True)
                with open("/opt/ml/model/weights.txt", "w") as f:
                    f.write("resnet48 weights\\n")
                print("pip saw: " + open("/opt/fahr/pip-installed.txt").read().strip())
                """);

        // 5. fahr init, as argv and verbatim through bash.
        FahrProcess.Result init = fahr().run(first, "init", "train.py", "--train-driver=sagemaker",
                "--train-image=default-gpu", "--config.output_path=s3://your-s3-bucket/path/",
                "--config.role_name=your-s3-role");
        assertEquals(0, init.exitCode(), init.describe());
        String dockerfile = Files.readString(first.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime"), dockerfile);
        assertTrue(dockerfile.contains("NVIDIA_VISIBLE_DEVICES=all"), dockerfile);
        assertTrue(dockerfile.contains("RUN pip install --no-cache-dir -r /opt/fahr/requirements.txt"), dockerfile);
        FahrProcess.Result initShell = fahr().bash(first, GuideInvocations.INIT);
        assertEquals(0, initShell.exitCode(), initShell.describe());

        // "which you may optionally edit": the edit survives init and reaches the job.
        Path runSh = first.resolve("run.sh");
        Files.writeString(runSh, Files.readString(runSh).replace("exec python", "echo 'edited run.sh'\nexec python"));

        // 6. fahr fit, as argv.
        FahrProcess.Result fit = fahr().run(first, "fit", "train.py", "--train-driver=sagemaker",
                "--build-driver=local-gpu", "--config.output_path=s3://your-s3-bucket/path/",
                "--config.role_name=your-s3-role");
        assertEquals(0, fit.exitCode(), fit.describe());
        String job = launched(fit.stdout()).get(0);
        assertTrue(fit.stdout().contains("Follow it with "), fit.describe());

        // "You will get a message ... explaining where to go to track it": run what it says.
        JsonNode done = awaitEnd(first, job);
        assertEquals("COMPLETED", done.get("status").asText(), done.toString());
        for (List<String> followUp : followUps(fit.stdout())) {
            FahrProcess.Result result = fahr().run(first, followUp.toArray(String[]::new));
            assertEquals(0, result.exitCode(), followUp + "\n" + result.describe());
            if (followUp.get(0).equals("logs")) {
                assertTrue(result.stdout().contains("edited run.sh") && result.stdout().contains("training resnet48"),
                        result.describe());
                assertTrue(result.stdout().contains("pip saw: # pip freeze"), "requirements.txt reached the image\n"
                        + result.describe());
            }
        }
        assertTrue(Files.readString(first.resolve("fetched").resolve(job).resolve("weights.txt")).contains("resnet48"));

        // The original's commands: status JOB, fetch LOCAL_PATH JOB [--no-extract].
        FahrProcess.Result status = fahr().run(first, "status", job);
        assertEquals(0, status.exitCode(), status.describe());
        assertTrue(status.stdout().contains(job) && status.stdout().contains("completed"), status.describe());
        FahrProcess.Result fetch = fahr().run(first, "fetch", "model-out", job);
        assertEquals(0, fetch.exitCode(), fetch.describe());
        assertTrue(Files.readString(first.resolve("model-out/weights.txt")).contains("resnet48"), fetch.describe());
        assertFalse(Files.exists(first.resolve("weights.txt")), "extracted into the target, not the current folder");
        FahrProcess.Result raw = fahr().run(first, "fetch", "raw-out", job, "--no-extract");
        assertEquals(0, raw.exitCode(), raw.describe());
        assertTrue(Files.isRegularFile(first.resolve("raw-out/model.tar.gz")), raw.describe());
        assertFalse(Files.exists(first.resolve("raw-out/weights.txt")), raw.describe());

        // 6. fahr fit verbatim through bash, with --json appended for a script: the launched job, parseable.
        FahrProcess.Result fitShell = fahr().bash(first, GuideInvocations.FIT);
        assertEquals(0, fitShell.exitCode(), fitShell.describe());
        String second = launched(fitShell.stdout()).get(0);
        assertFalse(second.equals(job), "every fit launches a new, uniquely named job");
        FahrProcess.Result fitJson = fahr().bash(first, GuideInvocations.FIT + " --json");
        assertEquals(0, fitJson.exitCode(), fitJson.describe());
        JsonNode fitted = JSON.readTree(fitJson.stdout());
        JsonNode jobs = fitted.get("jobs");
        assertEquals(1, jobs.size(), fitJson.describe());
        assertTrue(fitted.get("estimate").get("at_most_usd").asDouble() > 0, fitJson.describe());
        assertEquals("sagemaker", jobs.get(0).get("driver").asText());
        assertTrue(jobs.get(0).get("name").asText().startsWith("resnet48-128"), fitJson.describe());

        JsonNode all = JSON.readTree(fahr().run(first, "status", "--json").stdout());
        assertTrue(all.size() >= 3, all.toString());

        // Without credentials, the same fit says what is missing, in one line.
        FahrProcess noCredentials = fahr().env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null);
        FahrProcess.Result refused = noCredentials.bash(first, GuideInvocations.FIT);
        assertEquals(1, refused.exitCode(), refused.describe());
        List<String> errors = refused.stderrLines();
        assertEquals(1, errors.size(), refused.describe());
        assertTrue(errors.get(0).startsWith("fahr fit: no AWS credentials found: run `aws configure` or set AWS_PROFILE"),
                refused.describe());

        // For jobs after the first one: copy, from the new experiment's folder.
        Path next = Files.createDirectories(project.resolve("models/resnet48_256"));
        FahrProcess.Result copy = fahr().bash(next, GuideInvocations.COPY);
        assertEquals(0, copy.exitCode(), copy.describe());
        for (String file : List.of("train.py", "Dockerfile", "run.sh", "requirements.txt")) {
            assertTrue(Files.isRegularFile(next.resolve(file)), file + " copied\n" + copy.describe());
        }
        assertTrue(Files.readString(next.resolve("run.sh")).contains("edited run.sh"));
        FahrProcess.Result again = fahr().bash(next, GuideInvocations.COPY);
        assertEquals(1, again.exitCode(), again.describe());
        assertTrue(again.stderr().contains("pass --overwrite"), again.describe());
        assertEquals(0, fahr().bash(next, GuideInvocations.COPY + " --overwrite").exitCode());

        // "if you are in an environment lacking a GPU, use --build-driver='default-cpu'".
        FahrProcess.Result cpu = fahr().bash(next, "fahr init train.py --build-driver='default-cpu'");
        assertEquals(0, cpu.exitCode(), cpu.describe());
        String cpuDockerfile = Files.readString(next.resolve("Dockerfile"));
        assertTrue(cpuDockerfile.contains("FROM python:3.11-slim") && !cpuDockerfile.contains("NVIDIA"), cpuDockerfile);
        assertTrue(cpu.stdout().contains("for the sagemaker driver"), "driver and settings come with the copy\n"
                + cpu.describe());
        assertTrue(Files.readString(next.resolve("run.sh")).contains("edited run.sh"), "an edited run.sh is kept");
        assertTrue(cpu.stdout().contains("kept your edited run.sh"), cpu.describe());
        FahrProcess.Result overwrite = fahr().bash(next, "fahr init train.py --build-driver='default-cpu' --overwrite");
        assertEquals(0, overwrite.exitCode(), overwrite.describe());
        assertFalse(Files.readString(next.resolve("run.sh")).contains("edited run.sh"), "--overwrite replaces it");
    }

    private static final Pattern LAUNCHED = Pattern.compile("^Launched (\\S+)", Pattern.MULTILINE);

    static List<String> launched(String stdout) {
        List<String> names = new ArrayList<>();
        Matcher m = LAUNCHED.matcher(stdout);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertFalse(names.isEmpty(), "no 'Launched' line in:\n" + stdout);
        return names;
    }

    /**
     * The commands fit's last line names ("Follow it with fahr status X or fahr logs Y --follow; fetch the
     * model with fahr fetch Y."), as argv without the leading "fahr".
     */
    static List<List<String>> followUps(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("Follow it with ")).findFirst()
                .orElseThrow(() -> new AssertionError("no follow-up line in:\n" + stdout));
        List<List<String>> commands = new ArrayList<>();
        Matcher m = Pattern.compile("fahr ([^;.]+?)(?= or fahr |;|\\.$)").matcher(line);
        while (m.find()) {
            commands.add(List.of(m.group(1).strip().split("\\s+")));
        }
        assertTrue(commands.size() >= 3, "follow-up commands in: " + line + " -> " + commands);
        return commands;
    }

    JsonNode awaitEnd(Path folder, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            FahrProcess.Result status = fahr().run(folder, "status", job, "--json");
            assertEquals(0, status.exitCode(), status.describe());
            JsonNode node = JSON.readTree(status.stdout()).get(0);
            if (dev.fahr.job.JobState.valueOf(node.get("status").asText()).isTerminal()) {
                return node;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(job + " did not end in 3 minutes");
    }
}
