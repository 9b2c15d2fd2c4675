package dev.fahr.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.job.JobName;
import dev.fahr.files.AtomicFile;
import dev.fahr.files.LockFile;

/**
 * The project's job records: {@code .fahr/jobs.json} under the project folder. Every change is a
 * locked read-modify-write followed by an atomic rename, so a kernel and a shell may launch jobs at
 * the same time and a crash mid-write leaves the previous file whole.
 *
 * <p>Each write also leaves {@code .fahr/jobs.last-good.json}, a copy of what fahr last wrote. A
 * {@code jobs.json} that no longer reads (truncated, or hand-edited into invalid JSON), or that is gone
 * while the copy holds jobs, is refused with one line naming both files: fahr never writes over it and
 * never starts afresh on its own, so no record is silently lost.
 */
public final class JobRecords {

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path projectFolder;
    private final Path file;
    private final Path lastGood;
    private final Path lockFile;

    public JobRecords(Path projectFolder) {
        this.projectFolder = projectFolder.toAbsolutePath();
        Path folder = this.projectFolder.resolve(".fahr");
        this.file = folder.resolve("jobs.json");
        this.lastGood = folder.resolve("jobs.last-good.json");
        this.lockFile = folder.resolve("jobs.lock");
    }

    /** The folder whose {@code .fahr/jobs.json} these are. */
    public Path projectFolder() {
        return projectFolder;
    }

    public Path file() {
        return file;
    }

    /** Every record, oldest first. */
    public List<JobRecord> all() {
        return locked(() -> read());
    }

    public Optional<JobRecord> find(JobName name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Adds a new record; a record of the same name already there is an error (names never repeat). */
    public JobRecord add(JobRecord record) {
        return locked(() -> {
            List<JobRecord> records = read();
            if (records.stream().anyMatch(r -> r.name().equals(record.name()))) {
                throw new IllegalStateException("a job named " + record.name() + " is already recorded");
            }
            records.add(record);
            write(records);
            return record;
        });
    }

    /** Replaces the named record by {@code change} applied to it, atomically; returns the new record. */
    public JobRecord update(JobName name, UnaryOperator<JobRecord> change) {
        return locked(() -> {
            List<JobRecord> records = read();
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).name().equals(name)) {
                    JobRecord updated = change.apply(records.get(i));
                    records.set(i, updated);
                    write(records);
                    return updated;
                }
            }
            throw new IllegalArgumentException("no job named " + name + " in " + file);
        });
    }

    /**
     * Applies each change to its record in one locked read-modify-write; returns the changed records.
     * Names without a record are ignored: another process may have the newer file.
     */
    public Map<JobName, JobRecord> updateAll(Map<JobName, UnaryOperator<JobRecord>> changes) {
        return locked(() -> {
            List<JobRecord> records = read();
            Map<JobName, JobRecord> changed = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                UnaryOperator<JobRecord> change = changes.get(records.get(i).name());
                if (change != null) {
                    JobRecord updated = change.apply(records.get(i));
                    records.set(i, updated);
                    changed.put(updated.name(), updated);
                }
            }
            if (!changed.isEmpty()) {
                write(records);
            }
            return changed;
        });
    }

    private List<JobRecord> read() {
        if (!Files.exists(file)) {
            int kept = jobsIn(lastGood);
            if (kept > 0) {
                throw new DamagedRecordsException(file + " is missing, but fahr's last good copy " + lastGood
                        + " holds " + kept + " jobs: copy it back (cp " + lastGood + " " + file
                        + "), or delete it to start with no jobs");
            }
            return new ArrayList<>();
        }
        try {
            return parse(file);
        } catch (IOException | IllegalArgumentException e) {
            int kept = jobsIn(lastGood);
            throw new DamagedRecordsException("the job records " + file + " cannot be read (" + firstLine(e)
                    + "); fahr will not write over them. " + (kept >= 0 ? "Its last good copy is " + lastGood
                    + " (" + kept + " jobs): compare them and copy it back (cp " + lastGood + " " + file + ")"
                    : "There is no good copy: fix the file by hand, or move it aside to start with no jobs"), e);
        }
    }

    /** The records in {@code path}: a JSON object with a {@code jobs} array, or an exception saying why not. */
    private static List<JobRecord> parse(Path path) throws IOException {
        JsonNode root = JSON.readTree(path.toFile());
        if (root == null || !root.isObject() || !root.path("jobs").isArray()) {
            throw new IllegalArgumentException(Files.size(path) == 0 ? "the file is empty"
                    : "no \"jobs\" list in it");
        }
        List<JobRecord> records = new ArrayList<>();
        for (JsonNode node : root.path("jobs")) {
            records.add(RecordJson.fromJson(node));
        }
        records.sort(Comparator.comparing(JobRecord::createdAt));
        return records;
    }

    /** How many jobs a copy holds; -1 when there is none or it does not read. */
    private static int jobsIn(Path copy) {
        try {
            return Files.exists(copy) ? parse(copy).size() : -1;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void write(List<JobRecord> records) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode jobs = root.putArray("jobs");
        records.forEach(r -> jobs.add(RecordJson.toJson(r)));
        try {
            byte[] bytes = JSON.writeValueAsBytes(root);
            AtomicFile.write(file, bytes);
            // Second, so the copy is never newer than the records; a failure here leaves jobs.json whole.
            AtomicFile.write(lastGood, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage() + "); it is as it was"
                    + " before this change", e);
        }
    }

    /** Holds {@code jobs.lock}: processes and threads take turns (see {@link LockFile}). */
    private <T> T locked(Supplier<T> action) {
        return LockFile.holding(lockFile, action);
    }
}
