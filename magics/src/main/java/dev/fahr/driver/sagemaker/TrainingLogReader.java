package dev.fahr.driver.sagemaker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.job.JobName;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A training job's output from CloudWatch Logs: SageMaker writes one stream per instance,
 * {@code <job>/algo-<n>-<epoch>}, in the group {@code /aws/sagemaker/TrainingJobs}. Lines of all streams
 * are merged by time; following polls each stream from where it was left until the job has ended.
 */
final class TrainingLogReader {

    static final String LOG_GROUP = "/aws/sagemaker/TrainingJobs";

    private final CloudWatchLogsClient logs;
    private final Duration pollInterval;

    TrainingLogReader(CloudWatchLogsClient logs, Duration pollInterval) {
        this.logs = logs;
        this.pollInterval = pollInterval;
    }

    /** {@code ended} says whether the job has ended; asked only when following. */
    void read(JobName job, LogRequest request, BooleanSupplier ended, LogSink sink) {
        Map<String, String> forwardTokens = new LinkedHashMap<>();
        List<Line> first = new ArrayList<>();
        for (String stream : streams(job)) {
            first.addAll(readStream(stream, request, forwardTokens));
        }
        first.sort(Comparator.comparing(Line::time));
        int skip = request.tail().isPresent() ? Math.max(0, first.size() - request.tail().getAsInt()) : 0;
        first.stream().skip(skip).forEach(line -> sink.line(line.time(), line.stream(), line.text()));
        if (!request.follow()) {
            return;
        }
        boolean finalRound = false;
        while (!finalRound) {
            // Read once more after the job has ended: its last lines may land after the status changes.
            finalRound = ended.getAsBoolean();
            if (!finalRound) {
                pause();
            }
            List<Line> more = new ArrayList<>();
            for (String stream : streams(job)) {
                if (!forwardTokens.containsKey(stream)) {
                    forwardTokens.put(stream, null);
                }
                more.addAll(readForward(stream, forwardTokens));
            }
            more.sort(Comparator.comparing(Line::time));
            more.forEach(line -> sink.line(line.time(), line.stream(), line.text()));
        }
    }

    private List<Line> readStream(String stream, LogRequest request, Map<String, String> forwardTokens) {
        if (request.tail().isEmpty()) {
            forwardTokens.put(stream, null);
            return readForward(stream, forwardTokens);
        }
        // The last N events of this stream, newest page first; older pages are not needed.
        GetLogEventsResponse page = call(stream, GetLogEventsRequest.builder().logGroupName(LOG_GROUP)
                .logStreamName(stream).startFromHead(false).limit(Math.max(1, request.tail().getAsInt())).build());
        forwardTokens.put(stream, page.nextForwardToken());
        return lines(stream, page.events());
    }

    /** Everything after the stream's saved forward token, which is advanced; the same token back means the end. */
    private List<Line> readForward(String stream, Map<String, String> forwardTokens) {
        List<Line> lines = new ArrayList<>();
        String token = forwardTokens.get(stream);
        while (true) {
            GetLogEventsRequest.Builder request = GetLogEventsRequest.builder().logGroupName(LOG_GROUP)
                    .logStreamName(stream).startFromHead(true);
            if (token != null) {
                request.nextToken(token);
            }
            GetLogEventsResponse page = call(stream, request.build());
            lines.addAll(lines(stream, page.events()));
            String next = page.nextForwardToken();
            if (next == null || next.equals(token) || page.events().isEmpty()) {
                forwardTokens.put(stream, next == null ? token : next);
                return lines;
            }
            token = next;
        }
    }

    private List<String> streams(JobName job) {
        try {
            List<String> names = new ArrayList<>();
            for (LogStream stream : logs.describeLogStreamsPaginator(r -> r.logGroupName(LOG_GROUP)
                    .logStreamNamePrefix(job.value() + "/").orderBy(OrderBy.LOG_STREAM_NAME)).logStreams()) {
                names.add(stream.logStreamName());
            }
            return names;
        } catch (ResourceNotFoundException e) {
            return List.of(); // no job has logged in this region yet
        } catch (SdkException e) {
            throw AwsFailures.describe("list the log streams of " + job, e);
        }
    }

    private GetLogEventsResponse call(String stream, GetLogEventsRequest request) {
        try {
            return logs.getLogEvents(request);
        } catch (SdkException e) {
            throw AwsFailures.describe("read the log stream " + stream, e);
        }
    }

    private static List<Line> lines(String stream, List<OutputLogEvent> events) {
        List<Line> lines = new ArrayList<>();
        for (OutputLogEvent event : events) {
            Instant time = Instant.ofEpochMilli(event.timestamp() == null ? 0 : event.timestamp());
            lines.add(new Line(time, stream, event.message() == null ? "" : event.message().stripTrailing()));
        }
        return lines;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("stopped following the logs: interrupted", e);
        }
    }

    private record Line(Instant time, String stream, String text) {
    }
}
