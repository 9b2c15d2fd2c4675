package dev.fahr.driver.sagemaker;

import java.net.URI;

import dev.fahr.job.JobName;

/** Where a person follows a job in the AWS console. */
final class ConsoleLinks {

    private ConsoleLinks() {
    }

    static URI trainingJob(String region, JobName job) {
        return URI.create("https://" + region + ".console.aws.amazon.com/sagemaker/home?region=" + region
                + "#/jobs/" + job.value());
    }
}
