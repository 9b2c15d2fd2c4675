package dev.fahr.runner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.fahr.display.DisplaySink;
import dev.fahr.display.Rendering;

/** Keeps what cells display in the executed notebook: in the current cell's outputs, updated in place by id. */
final class DisplayRecorder implements DisplaySink {

    private final OutputCapture capture;
    private final Map<String, CellOutput.Display> shown = new ConcurrentHashMap<>();

    DisplayRecorder(OutputCapture capture) {
        this.capture = capture;
    }

    @Override
    public void show(String displayId, Rendering rendering) {
        CellOutput.Display display = new CellOutput.Display(displayId, new AtomicReference<>(rendering));
        shown.put(displayId, display);
        capture.recordDisplay(display);
    }

    /** Jupyter ignores an update of a display it never showed; so does the job. */
    @Override
    public void update(String displayId, Rendering rendering) {
        CellOutput.Display display = shown.get(displayId);
        if (display != null) {
            display.rendering().set(rendering);
        }
    }
}
