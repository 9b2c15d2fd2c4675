package dev.fahr.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;

/** Runs a container to its end in the test's engine and returns its exit code and output; removes it after. */
public final class Containers {

    public record Result(int exitCode, String output) {
    }

    private Containers() {
    }

    /** @param configure sets the command, entry point, binds, ... of the container before it is created */
    public static Result run(DockerClient docker, String image, UnaryOperator<CreateContainerCmd> configure)
            throws InterruptedException {
        String id = configure.apply(docker.createContainerCmd(image)).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exitCode = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(3, TimeUnit.MINUTES);
            StringBuilder output = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(1, TimeUnit.MINUTES);
            return new Result(exitCode, output.toString());
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
