package dev.fahr.image.jib;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;

import dev.fahr.image.BuildEvent;
import dev.fahr.image.BuildListener;

/**
 * Jib's events in fahr's terms: a blob being pushed becomes {@link BuildEvent.Upload}s with the bytes sent
 * so far, a blob the registry has already becomes one with {@code exists}, and Jib's progress messages
 * ("Building script layer...") become {@link BuildEvent.Progress}. Jib reports progress in increments, from
 * several threads; this adds them up per blob.
 */
final class JibEvents {

    private static final Pattern PUSHING = Pattern.compile("pushing blob (sha256:[0-9a-f]{64})");
    private static final Pattern EXISTS = Pattern.compile("BLOB already exists on target registry : digest: "
            + "(sha256:[0-9a-f]{64}), size: (\\d+)");

    private final BuildListener listener;
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> existing = new ConcurrentHashMap<>();

    JibEvents(BuildListener listener) {
        this.listener = listener;
    }

    void log(LogEvent event) {
        String message = event.getMessage();
        Matcher exists = EXISTS.matcher(message);
        if (exists.find()) {
            existing.put(exists.group(1), true);
            listener.onEvent(new BuildEvent.Upload(exists.group(1), 0, 0, true));
        } else if (event.getLevel() == LogEvent.Level.PROGRESS) {
            listener.onEvent(new BuildEvent.Progress(message.strip().replaceAll("\\.\\.\\.$", "")));
        }
    }

    void progress(ProgressEvent event) {
        Allocation allocation = event.getAllocation();
        Matcher pushing = PUSHING.matcher(allocation.getDescription());
        if (!pushing.matches()) {
            return;
        }
        String digest = pushing.group(1);
        // Jib opens the allocation before it asks whether the registry has the blob, and closes a skipped one
        // as fully progressed: only bytes of a blob that is really sent count.
        if (event.getUnits() <= 0 || existing.containsKey(digest)) {
            return;
        }
        long total = allocation.getAllocationUnits();
        long bytes = sent.computeIfAbsent(digest, d -> new AtomicLong()).addAndGet(event.getUnits());
        listener.onEvent(new BuildEvent.Upload(digest, Math.min(bytes, total), total, false));
    }
}
