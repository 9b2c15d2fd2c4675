package dev.fahr.image;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the classic builder's output stream ("Step 2/9 : COPY ...", " ---> Using cache", command
 * output, an error item) into {@link BuildEvent}s, and remembers what a failure message needs: the
 * step that failed and its last output lines. Lines that only name intermediate containers and
 * layers are dropped; they mean nothing to the user.
 */
final class BuildOutputTranslator extends ResultCallback.Adapter<BuildResponseItem> {

    static final int REMEMBERED_LINES = 20;

    private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+) : (.*)");
    private static final Pattern ENGINE_NOISE = Pattern.compile(
            " ---> (?:[0-9a-f]{12}|Running in [0-9a-f]+)|Removing intermediate container [0-9a-f]+"
                    + "|Successfully (?:built|tagged) .*| ---> \\[Warning].*");

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private final BuildListener listener;
    private final StringBuilder partialLine = new StringBuilder();
    private final Deque<String> stepOutput = new ArrayDeque<>();
    private volatile BuildEvent.Step currentStep;
    private volatile String error;
    private volatile String imageId;

    BuildOutputTranslator(BuildListener listener) {
        this.listener = listener;
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            partialLine.append(item.getStream());
            int newline;
            while ((newline = partialLine.indexOf("\n")) >= 0) {
                // The engine puts terminal colour codes around some lines; a display wants plain text.
                line(ANSI_ESCAPE.matcher(partialLine.substring(0, newline)).replaceAll("").stripTrailing());
                partialLine.delete(0, newline + 1);
            }
        }
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
        }
        if (item.getImageId() != null) {
            imageId = item.getImageId();
        }
    }

    private void line(String line) {
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            currentStep = new BuildEvent.Step(Integer.parseInt(step.group(1)), Integer.parseInt(step.group(2)),
                    step.group(3));
            stepOutput.clear();
            listener.onEvent(currentStep);
        } else if (line.equals(" ---> Using cache")) {
            listener.onEvent(new BuildEvent.UsingCache(currentStep == null ? 0 : currentStep.number()));
        } else if (!line.isEmpty() && !ENGINE_NOISE.matcher(line).matches()) {
            if (stepOutput.size() == REMEMBERED_LINES) {
                stepOutput.removeFirst();
            }
            stepOutput.addLast(line);
            listener.onEvent(new BuildEvent.Log(line));
        }
    }

    /** The engine's error message, when the build failed. */
    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The step running when the build ended. */
    Optional<BuildEvent.Step> currentStep() {
        return Optional.ofNullable(currentStep);
    }

    /** The last output lines of the current step, oldest first. */
    List<String> currentStepOutput() {
        return List.copyOf(stepOutput);
    }

    Optional<String> imageId() {
        return Optional.ofNullable(imageId);
    }
}
