package dev.fahr.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.fahr.command.Pacer;

/**
 * Time that moves only when a live view waits: a {@link Clock} for the records and a {@link Pacer} that
 * advances it and runs what was due by then, so that a test of waiting costs no wall time.
 */
public final class ManualTime extends Clock {

    private record Due(Instant at, Runnable action) {
    }

    private final Instant start;
    private Instant now;
    private final List<Due> due = new ArrayList<>();

    public ManualTime(Instant start) {
        this.start = start;
        this.now = start;
    }

    /** Runs {@code action} once time has moved {@code after} past the start. */
    public synchronized void at(Duration after, Runnable action) {
        due.add(new Due(start.plus(after), action));
    }

    /** What live views wait with: each pause moves time on and runs what fell due. */
    public Pacer pacer() {
        return this::advance;
    }

    public void advance(Duration duration) {
        List<Runnable> ready = new ArrayList<>();
        synchronized (this) {
            now = now.plus(duration);
            due.removeIf(d -> {
                if (!d.at().isAfter(now)) {
                    ready.add(d.action());
                    return true;
                }
                return false;
            });
        }
        ready.forEach(Runnable::run);
    }

    /** How far time has moved since the start. */
    public synchronized Duration elapsed() {
        return Duration.between(start, now);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("manual time is UTC");
    }
}
