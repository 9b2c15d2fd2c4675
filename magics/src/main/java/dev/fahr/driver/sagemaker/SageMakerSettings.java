package dev.fahr.driver.sagemaker;

import java.util.List;
import java.util.regex.Pattern;

import dev.fahr.driver.DockerHostSetting;
import dev.fahr.driver.MetricNamesSetting;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingType;
import dev.fahr.settings.SettingsSchema;

/**
 * The {@code --config.*} keys of the SageMaker driver. Each key checks its own value here; rules that
 * span keys (max_wait needs use_spot) are checked by {@link SageMakerJobConfig}.
 */
final class SageMakerSettings {

    static final String OUTPUT_PATH = "output_path";
    static final String ROLE_NAME = "role_name";
    static final String INSTANCE_TYPE = "instance_type";
    static final String INSTANCE_COUNT = "instance_count";
    static final String VOLUME_SIZE = "volume_size";
    static final String MAX_RUNTIME = "max_runtime";
    static final String MAX_COST = "max_cost";
    static final String USE_SPOT = "use_spot";
    static final String MAX_WAIT = "max_wait";
    static final String CHECKPOINT_S3_URI = "checkpoint_s3_uri";
    static final String REGION = "region";
    static final String PROFILE = "profile";
    static final String INPUT = "input";
    static final String ENV = "env";
    static final String TAG = "tag";
    static final String ECR_REPOSITORY = "ecr_repository";

    static final String DEFAULT_CPU_INSTANCE = "ml.m5.xlarge";
    static final String DEFAULT_GPU_INSTANCE = "ml.g4dn.xlarge";

    /** IAM's role name rule, and SageMaker's RoleArn pattern. */
    static final Pattern ROLE_NAME_PATTERN = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern ROLE_ARN_PATTERN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    /** ECR's RepositoryName pattern (2 to 256 characters). */
    static final Pattern ECR_REPOSITORY_PATTERN = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern INSTANCE_TYPE_PATTERN = Pattern.compile("ml\\.[a-z0-9-]+\\.[a-z0-9]+");
    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    static final SettingsSchema SCHEMA = new SettingsSchema("sagemaker", List.of(
            DockerHostSetting.KEY,
            MetricNamesSetting.KEY,
            SettingKey.builder(OUTPUT_PATH, SettingType.S3_URI)
                    .description("Required. Where SageMaker writes <job>/output/model.tar.gz, e.g. s3://my-bucket/fahr/")
                    .build(),
            SettingKey.builder(ROLE_NAME, SettingType.STRING)
                    .description("Required. The IAM role SageMaker assumes: a role name in your account, or a full role ARN")
                    .check(v -> ROLE_NAME_PATTERN.matcher((String) v).matches()
                            || ROLE_ARN_PATTERN.matcher((String) v).matches(),
                            "must be an IAM role name or a role ARN (arn:aws:iam::123456789012:role/NAME)")
                    .build(),
            SettingKey.builder(INSTANCE_TYPE, SettingType.STRING)
                    .description("Training instance type; default " + DEFAULT_CPU_INSTANCE + " for CPU images, "
                            + DEFAULT_GPU_INSTANCE + " for GPU images")
                    .check(v -> INSTANCE_TYPE_PATTERN.matcher((String) v).matches(),
                            "must be a SageMaker instance type such as ml.m5.xlarge")
                    .build(),
            SettingKey.builder(INSTANCE_COUNT, SettingType.INT)
                    .description("Number of instances; more than 1 runs a distributed job")
                    .defaultValue("1")
                    .check(v -> (Integer) v >= 1, "must be 1 or more")
                    .build(),
            SettingKey.builder(VOLUME_SIZE, SettingType.INT)
                    .description("Storage volume per instance, in GB")
                    .defaultValue("30").range(1, 16384).build(),
            SettingKey.builder(MAX_RUNTIME, SettingType.INT)
                    .description("Stop the job after this many seconds")
                    .defaultValue("86400")
                    .check(v -> (Integer) v >= 1, "must be 1 second or more")
                    .build(),
            SettingKey.builder(MAX_COST, SettingType.DOUBLE)
                    .description("Refuse a launch that could cost more than this many US dollars (price x instances"
                            + " x max_runtime x jobs)")
                    .check(v -> (Double) v > 0 && Double.isFinite((Double) v), "must be a positive number of US dollars")
                    .build(),
            SettingKey.builder(USE_SPOT, SettingType.BOOLEAN)
                    .description("Run on managed spot capacity (cheaper, may be interrupted)")
                    .defaultValue("false").build(),
            SettingKey.builder(MAX_WAIT, SettingType.INT)
                    .description("Spot only: seconds to wait for capacity plus run time; at least max_runtime")
                    .check(v -> (Integer) v >= 1, "must be 1 second or more")
                    .build(),
            SettingKey.builder(CHECKPOINT_S3_URI, SettingType.S3_URI)
                    .description("Where /opt/ml/checkpoints is synced, so an interrupted spot job resumes")
                    .build(),
            SettingKey.builder(REGION, SettingType.STRING)
                    .description("AWS region; default from AWS_REGION or the profile")
                    .check(v -> REGION_PATTERN.matcher((String) v).matches(), "must be an AWS region such as us-east-1")
                    .build(),
            SettingKey.builder(PROFILE, SettingType.STRING)
                    .description("AWS profile from ~/.aws/config; default from AWS_PROFILE or 'default'")
                    .build(),
            SettingKey.builder(INPUT, SettingType.STRING).prefix()
                    .description("input.<channel>=s3://... or a local path (uploaded to <output_path>/<job>/input/<channel>/)")
                    .build(),
            SettingKey.builder(ENV, SettingType.STRING).prefix()
                    .description("env.<NAME>=VALUE: an environment variable of the training container")
                    .build(),
            SettingKey.builder(TAG, SettingType.STRING).prefix()
                    .description("tag.<KEY>=VALUE: a tag on the training job")
                    .build(),
            SettingKey.builder(ECR_REPOSITORY, SettingType.STRING)
                    .description("ECR repository to push to; default fahr-<job folder name>")
                    .check(v -> validRepository((String) v),
                            "must be an ECR repository name: 2 to 256 lower-case letters, digits, and . _ - / separators")
                    .build()));

    private SageMakerSettings() {
    }

    static boolean validRepository(String name) {
        return name.length() >= 2 && name.length() <= 256 && ECR_REPOSITORY_PATTERN.matcher(name).matches();
    }
}
