package dev.fahr.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.fahr.image.BuildEvent;

/**
 * The one line a build shows while it works, redrawn in place: the Dockerfile step (or Jib's), then the
 * push as layers sent, bytes and layers the registry had already; {@link BuildEvent.Note}s are lines of
 * their own. The same for the Docker engine and for Jib, whose events arrive in the same terms.
 */
final class BuildProgressText {

    private final CommandOutput output;
    private final CommandOutput.LiveView progress;
    private final Map<String, BuildEvent.Upload> layers = new LinkedHashMap<>();
    private String step = "";

    BuildProgressText(CommandOutput output, CommandOutput.LiveView progress) {
        this.output = output;
        this.progress = progress;
    }

    synchronized void accept(BuildEvent event) {
        if (event instanceof BuildEvent.Step s) {
            step = "step " + s.number() + "/" + s.total() + ": " + s.instruction();
            progress.text("building image: " + step);
        } else if (event instanceof BuildEvent.Progress p) {
            progress.text("building image: " + p.text());
        } else if (event instanceof BuildEvent.UsingCache) {
            progress.text("building image: " + step + " (cached)");
        } else if (event instanceof BuildEvent.Done d) {
            progress.text("image " + d.tag() + (d.reused() ? " (unchanged, not rebuilt)" : " built"));
        } else if (event instanceof BuildEvent.Upload u) {
            layers.put(u.layer(), u);
            progress.text("push: " + uploads());
        } else if (event instanceof BuildEvent.Pushed p) {
            progress.text("pushed " + p.reference() + " (" + p.digest() + ")" + (layers.isEmpty() ? "" : ": " + uploads()));
        } else if (event instanceof BuildEvent.Note n) {
            output.line(n.text());
        }
    }

    /** "2/7 layers sent (12.3 of 40.1 MB), 5 already there". */
    private String uploads() {
        long done = layers.values().stream().filter(u -> u.finished() && !u.exists()).count();
        long existing = layers.values().stream().filter(BuildEvent.Upload::exists).count();
        long sending = layers.size() - existing;
        long sent = layers.values().stream().filter(u -> !u.exists()).mapToLong(BuildEvent.Upload::bytes).sum();
        long total = layers.values().stream().filter(u -> !u.exists()).mapToLong(BuildEvent.Upload::total).sum();
        StringBuilder text = new StringBuilder();
        text.append(done).append('/').append(sending).append(" layer").append(sending == 1 ? "" : "s").append(" sent");
        if (total > 0) {
            text.append(" (").append(megabytes(sent)).append(" of ").append(megabytes(total)).append(" MB)");
        }
        if (existing > 0) {
            text.append(", ").append(existing).append(" already there");
        }
        return text.toString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
