package dev.fahr.testing.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudWatch Logs' reading calls over an in-memory store that the fake SageMaker writes to. Tokens are
 * {@code f/<index>} and {@code b/<index>}; like the real service, reading past the end returns the same
 * forward token again.
 */
public final class FakeCloudWatchLogs implements JsonService {

    private static final ServiceModel MODEL = ServiceModel.load("logs", "2014-03-28");
    private static final int DEFAULT_EVENTS = 10_000;
    private static final int DEFAULT_STREAMS = 50;

    private record Event(long timestamp, String message, long ingestionTime) {
    }

    /** group -> stream -> events; guarded by this. */
    private final Map<String, Map<String, List<Event>>> groups = new TreeMap<>();

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    public synchronized void append(String group, String stream, long timestampMillis, String message) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(stream, s -> new ArrayList<>())
                .add(new Event(timestampMillis, message, System.currentTimeMillis()));
    }

    public synchronized void createStream(String group, String stream) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(stream, s -> new ArrayList<>());
    }

    /** Every message of the streams whose names start with {@code prefix}, for assertions. */
    public synchronized List<String> messages(String group, String prefix) {
        List<String> messages = new ArrayList<>();
        groups.getOrDefault(group, Map.of()).forEach((name, events) -> {
            if (name.startsWith(prefix)) {
                events.forEach(e -> messages.add(e.message()));
            }
        });
        return messages;
    }

    @Override
    public synchronized JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeLogStreams" -> describeStreams(request);
            case "GetLogEvents" -> events(request);
            default -> throw new AwsServiceError("UnknownOperationException", operation + " is not faked", 400);
        };
    }

    private Map<String, List<Event>> group(String name) {
        Map<String, List<Event>> group = groups.get(name);
        if (group == null) {
            throw new AwsServiceError("ResourceNotFoundException", "The specified log group does not exist.", 400);
        }
        return group;
    }

    private JsonNode describeStreams(JsonNode request) {
        String prefix = request.path("logStreamNamePrefix").asText("");
        if (!prefix.isEmpty() && "LastEventTime".equals(request.path("orderBy").asText())) {
            throw new AwsServiceError("InvalidParameterException",
                    "Cannot order by LastEventTime with a logStreamNamePrefix.", 400);
        }
        List<String> names = group(request.get("logGroupName").asText()).keySet().stream()
                .filter(n -> n.startsWith(prefix)).toList();
        int start = request.has("nextToken") ? Integer.parseInt(request.get("nextToken").asText()) : 0;
        int limit = request.path("limit").asInt(DEFAULT_STREAMS);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode streams = response.putArray("logStreams");
        Map<String, List<Event>> group = groups.get(request.get("logGroupName").asText());
        for (String name : names.subList(Math.min(start, names.size()), Math.min(start + limit, names.size()))) {
            ObjectNode stream = streams.addObject();
            stream.put("logStreamName", name);
            List<Event> events = group.get(name);
            stream.put("creationTime", events.isEmpty() ? System.currentTimeMillis() : events.get(0).timestamp());
            if (!events.isEmpty()) {
                stream.put("firstEventTimestamp", events.get(0).timestamp());
                stream.put("lastEventTimestamp", events.get(events.size() - 1).timestamp());
            }
        }
        if (start + limit < names.size()) {
            response.put("nextToken", String.valueOf(start + limit));
        }
        return response;
    }

    private JsonNode events(JsonNode request) {
        List<Event> events = group(request.get("logGroupName").asText()).get(request.get("logStreamName").asText());
        if (events == null) {
            throw new AwsServiceError("ResourceNotFoundException", "The specified log stream does not exist.", 400);
        }
        int limit = request.path("limit").asInt(DEFAULT_EVENTS);
        boolean fromHead = request.path("startFromHead").asBoolean(false);
        int from;
        int to;
        String token = request.path("nextToken").asText("");
        if (token.startsWith("f/")) {
            from = Math.min(Integer.parseInt(token.substring(2)), events.size());
            to = Math.min(from + limit, events.size());
        } else if (token.startsWith("b/")) {
            to = Math.min(Integer.parseInt(token.substring(2)), events.size());
            from = Math.max(0, to - limit);
        } else if (!token.isEmpty()) {
            throw new AwsServiceError("InvalidParameterException", "The specified nextToken is invalid.", 400);
        } else if (fromHead) {
            from = 0;
            to = Math.min(limit, events.size());
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode list = response.putArray("events");
        for (Event event : events.subList(from, to)) {
            ObjectNode node = list.addObject();
            node.put("timestamp", event.timestamp());
            node.put("message", event.message());
            node.put("ingestionTime", event.ingestionTime());
        }
        response.put("nextForwardToken", "f/" + to);
        response.put("nextBackwardToken", "b/" + from);
        return response;
    }
}
