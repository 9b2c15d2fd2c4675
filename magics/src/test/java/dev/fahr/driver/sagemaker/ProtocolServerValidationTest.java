package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The protocol test server refuses what AWS refuses, checked with raw JSON 1.1 requests (not through
 * the SDK, which would refuse some of them itself before sending).
 */
class ProtocolServerValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SageMakerTestEnvironment aws;

    @BeforeAll
    static void start() throws Exception {
        aws = new SageMakerTestEnvironment(false);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    private record Answer(int status, String errorTypeHeader, JsonNode body) {
        String type() {
            return body.path("__type").asText();
        }

        String message() {
            return body.path("message").asText();
        }
    }

    private static Answer call(String target, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws.server.endpoint() + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(""),
                JSON.readTree(response.body()));
    }

    /** A CreateTrainingJob request that the model accepts. */
    private static ObjectNode validCreate(String name) {
        ObjectNode request = JSON.createObjectNode();
        request.put("TrainingJobName", name);
        request.putObject("AlgorithmSpecification").put("TrainingImage", "127.0.0.1:5000/x@sha256:" + "0".repeat(64))
                .put("TrainingInputMode", "File");
        request.put("RoleArn", "arn:aws:iam::" + SageMakerTestEnvironment.ACCOUNT + ":role/not-allowed");
        request.putObject("OutputDataConfig").put("S3OutputPath", "s3://bucket/out/");
        request.putObject("ResourceConfig").put("InstanceType", "ml.m5.xlarge").put("InstanceCount", 1)
                .put("VolumeSizeInGB", 30);
        request.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 3600);
        return request;
    }

    private static Answer create(ObjectNode request) throws Exception {
        return call("SageMaker.CreateTrainingJob", request);
    }

    private static void assertValidation(Answer answer, String... fragments) {
        assertEquals(400, answer.status(), answer.body().toString());
        assertEquals("ValidationException", answer.type(), answer.body().toString());
        assertEquals("ValidationException", answer.errorTypeHeader());
        for (String fragment : fragments) {
            assertTrue(answer.message().contains(fragment), "'" + fragment + "' missing from: " + answer.message());
        }
    }

    @Test
    void aValidShapeReachesSageMakersOwnChecks() throws Exception {
        Answer answer = create(validCreate("valid-name-1"));
        assertValidation(answer, "Could not assume role");
    }

    @Test
    void refusesABadJobName() throws Exception {
        assertValidation(create(validCreate("bad_name!")), "at 'trainingJobName'",
                "Member must satisfy regular expression pattern");
        assertValidation(create(validCreate("ends-with-")), "at 'trainingJobName'");
        assertValidation(create(validCreate("x".repeat(64))), "Member must have length less than or equal to 63");
    }

    @Test
    void refusesAMissingRoleArn() throws Exception {
        ObjectNode request = validCreate("no-role");
        request.remove("RoleArn");
        assertValidation(create(request), "Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void refusesAMalformedRoleArn() throws Exception {
        ObjectNode request = validCreate("bad-role");
        request.put("RoleArn", "arn:aws:iam::12:role/x");
        assertValidation(create(request), "at 'roleArn'");
    }

    @Test
    void refusesAnInstanceCountOfZero() throws Exception {
        ObjectNode request = validCreate("zero-instances");
        ((ObjectNode) request.get("ResourceConfig")).put("InstanceCount", 0);
        assertValidation(create(request), "'resourceConfig.instanceCount'", "greater than or equal to 1");
    }

    @Test
    void refusesUnknownEnumValues() throws Exception {
        ObjectNode request = validCreate("bad-enum");
        ((ObjectNode) request.get("AlgorithmSpecification")).put("TrainingInputMode", "Streaming");
        ((ObjectNode) request.get("ResourceConfig")).put("InstanceType", "ml.banana.huge");
        Answer answer = create(request);
        assertValidation(answer, "2 validation errors detected", "algorithmSpecification.trainingInputMode",
                "Member must satisfy enum value set", "resourceConfig.instanceType");
    }

    @Test
    void checksNestedListsMapsAndRanges() throws Exception {
        ObjectNode request = validCreate("nested");
        request.putArray("InputDataConfig").addObject().put("ChannelName", "train");
        request.putObject("HyperParameters").put("lr", "x".repeat(2501));
        ((ObjectNode) request.get("ResourceConfig")).put("VolumeSizeInGB", 0);
        assertValidation(create(request), "Value null at 'inputDataConfig.1.member.dataSource'",
                "at 'hyperParameters.lr'", "Member must have length less than or equal to 2500",
                "at 'resourceConfig.volumeSizeInGB'");
    }

    @Test
    void refusesMaxWaitWithoutSpot() throws Exception {
        ObjectNode request = validCreate("max-wait");
        ((ObjectNode) request.get("StoppingCondition")).put("MaxWaitTimeInSeconds", 7200);
        assertValidation(create(request), "only supported when EnableManagedSpotTraining");
    }

    @Test
    void answersNotFoundAndDuplicateAsSageMakerDoes() throws Exception {
        ObjectNode describe = JSON.createObjectNode().put("TrainingJobName", "no-such-job");
        Answer missing = call("SageMaker.DescribeTrainingJob", describe);
        assertEquals("ResourceNotFound", missing.type());

        aws.sageMaker.allowRole("arn:aws:iam::" + SageMakerTestEnvironment.ACCOUNT + ":role/dup-role");
        ObjectNode request = validCreate("duplicate-job");
        request.put("RoleArn", "arn:aws:iam::" + SageMakerTestEnvironment.ACCOUNT + ":role/dup-role");
        assertEquals(200, create(request).status());
        Answer again = create(request);
        assertEquals(400, again.status());
        assertEquals("ResourceInUse", again.type());
        assertTrue(again.message().contains("already exists"), again.message());
    }

    @Test
    void throttlesTheNextCallsWhenTold() throws Exception {
        ObjectNode describe = JSON.createObjectNode().put("TrainingJobName", "throttle-probe");
        aws.server.throttleNext("DescribeTrainingJob", 2);
        assertEquals("ThrottlingException", call("SageMaker.DescribeTrainingJob", describe).type());
        assertEquals("ThrottlingException", call("SageMaker.DescribeTrainingJob", describe).type());
        assertEquals("ResourceNotFound", call("SageMaker.DescribeTrainingJob", describe).type());
    }

    @Test
    void validatesEcrAndLogsRequestsToo() throws Exception {
        ObjectNode repository = JSON.createObjectNode().put("repositoryName", "Upper_Case");
        assertValidation(call("AmazonEC2ContainerRegistry_V20150921.CreateRepository", repository),
                "at 'repositoryName'");
        ObjectNode events = JSON.createObjectNode().put("logGroupName", "/aws/sagemaker/TrainingJobs").put("limit", 0);
        assertValidation(call("Logs_20140328.GetLogEvents", events), "Value null at 'logStreamName'",
                "at 'limit'");
    }

    @Test
    void pricingAnswersInTheRealShapeAndRefusesWhatThePriceListApiRefuses() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("ServiceCode", "AmazonSageMaker").put("FormatVersion", "aws_v1");
        var filters = request.putArray("Filters");
        filters.addObject().put("Type", "TERM_MATCH").put("Field", "regionCode").put("Value", "us-east-1");
        filters.addObject().put("Type", "TERM_MATCH").put("Field", "instanceName").put("Value", "ml.m5.xlarge");
        filters.addObject().put("Type", "TERM_MATCH").put("Field", "platoinstancetype").put("Value", "Training");
        Answer answer = call("AWSPriceListService.GetProducts", request);
        assertEquals(200, answer.status(), answer.body().toString());
        JsonNode list = answer.body().get("PriceList");
        assertEquals(1, list.size(), answer.body().toString());
        assertTrue(list.get(0).isTextual(), "each PriceList entry is a JSON document as a string");
        JsonNode product = JSON.readTree(list.get(0).asText());
        assertEquals("ml.m5.xlarge", product.at("/product/attributes/instanceName").asText());

        assertValidation(call("AWSPriceListService.GetProducts", JSON.createObjectNode().put("FormatVersion", "aws_v1")),
                "'serviceCode'");
        ObjectNode contains = request.deepCopy();
        ((ObjectNode) contains.get("Filters").get(0)).put("Type", "CONTAINS");
        assertValidation(call("AWSPriceListService.GetProducts", contains), "'filters.1.member.type'",
                "Member must satisfy enum value set");
        ObjectNode noValue = request.deepCopy();
        ((ObjectNode) noValue.get("Filters").get(1)).remove("Value");
        assertValidation(call("AWSPriceListService.GetProducts", noValue), "'filters.2.member.value'");
    }

    @Test
    void refusesMoreMetricDefinitionsThanSageMakerTakesAndLongRegexes() throws Exception {
        ObjectNode request = validCreate("many-metrics");
        var definitions = ((ObjectNode) request.get("AlgorithmSpecification")).putArray("MetricDefinitions");
        for (int i = 0; i < 41; i++) {
            definitions.addObject().put("Name", "m" + i).put("Regex", "m" + i + "=(\\S+)");
        }
        assertValidation(create(request), "'algorithmSpecification.metricDefinitions'",
                "Member must have length less than or equal to 40");

        ObjectNode longRegex = validCreate("long-regex");
        ((ObjectNode) longRegex.get("AlgorithmSpecification")).putArray("MetricDefinitions").addObject()
                .put("Name", "loss").put("Regex", "x".repeat(501));
        assertValidation(create(longRegex), "'algorithmSpecification.metricDefinitions.1.member.regex'",
                "Member must have length less than or equal to 500");
    }

    /** A GetMetricData request in CloudWatch's query protocol, with {@code queries} metric queries. */
    private static String metricQueries(int queries, String id, int period) {
        StringBuilder form = new StringBuilder("Action=GetMetricData&Version=2010-08-01"
                + "&StartTime=2026-12-03T10%3A00%3A00Z&EndTime=2026-12-03T11%3A00%3A00Z");
        for (int i = 1; i <= queries; i++) {
            String member = "&MetricDataQueries.member." + i + ".";
            form.append(member).append("Id=").append(id).append(i)
                    .append(member).append("MetricStat.Metric.Namespace=%2Faws%2Fsagemaker%2FTrainingJobs")
                    .append(member).append("MetricStat.Metric.MetricName=loss")
                    .append(member).append("MetricStat.Metric.Dimensions.member.1.Name=Host")
                    .append(member).append("MetricStat.Metric.Dimensions.member.1.Value=job-").append(i)
                    .append("%2Falgo-1")
                    .append(member).append("MetricStat.Period=").append(period)
                    .append(member).append("MetricStat.Stat=Average");
        }
        return form.toString();
    }

    private static HttpResponse<String> query(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws.server.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cloudWatchAnswersAValidQueryAndRefusesWhatCloudWatchRefuses() throws Exception {
        HttpResponse<String> valid = query(metricQueries(2, "q", 60));
        assertEquals(200, valid.statusCode(), valid.body());
        assertTrue(valid.body().contains("<Id>q2</Id>") && valid.body().contains("<StatusCode>Complete</StatusCode>"),
                valid.body());

        HttpResponse<String> tooMany = query(metricQueries(501, "q", 60));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("<Code>InvalidParameterValue</Code>")
                && tooMany.body().contains("greater than 500"), tooMany.body());

        HttpResponse<String> badId = query(metricQueries(1, "Q", 60));
        assertEquals(400, badId.statusCode());
        assertTrue(badId.body().contains("Q1 for parameter MetricDataQueries.member.Id is not valid"), badId.body());

        HttpResponse<String> badPeriod = query(metricQueries(1, "q", 7));
        assertEquals(400, badPeriod.statusCode());
        assertTrue(badPeriod.body().contains("must be 1, 5, 10, 30, or a multiple of 60"), badPeriod.body());

        HttpResponse<String> noStat = query("Action=GetMetricData&Version=2010-08-01&StartTime=2026-12-03T10%3A00%3A00Z"
                + "&EndTime=2026-12-03T11%3A00%3A00Z&MetricDataQueries.member.1.Id=q1");
        assertEquals(400, noStat.statusCode());
        assertTrue(noStat.body().contains("Exactly one of MetricStat and Expression"), noStat.body());

        HttpResponse<String> noTimes = query("Action=GetMetricData&Version=2010-08-01"
                + "&MetricDataQueries.member.1.Id=q1&MetricDataQueries.member.1.Expression=m1");
        assertEquals(400, noTimes.statusCode());
        assertTrue(noTimes.body().contains("<Code>ValidationError</Code>") && noTimes.body().contains("startTime"),
                noTimes.body());
    }

    @Test
    void refusesUnsignedRequestsAndUnknownOperations() throws Exception {
        HttpRequest unsigned = HttpRequest.newBuilder(URI.create(aws.server.endpoint() + "/"))
                .header("X-Amz-Target", "SageMaker.ListTrainingJobs")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertEquals(400, HTTP.send(unsigned, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("UnknownOperationException", call("SageMaker.NoSuchOperation", JSON.createObjectNode()).type());
    }
}
