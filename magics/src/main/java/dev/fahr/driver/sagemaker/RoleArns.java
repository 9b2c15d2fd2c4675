package dev.fahr.driver.sagemaker;

import dev.fahr.driver.DriverException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/** Turns the {@code role_name} setting into the role ARN that CreateTrainingJob needs. */
final class RoleArns {

    private final StsClient sts;

    RoleArns(StsClient sts) {
        this.sts = sts;
    }

    /** An ARN is used as given; a name is placed in the caller's own account (from GetCallerIdentity). */
    String resolve(String roleSetting) {
        if (SageMakerSettings.ROLE_ARN_PATTERN.matcher(roleSetting).matches()) {
            return roleSetting;
        }
        String callerArn;
        String account;
        try {
            var identity = sts.getCallerIdentity();
            callerArn = identity.arn();
            account = identity.account();
        } catch (SdkException e) {
            throw AwsFailures.describe("find your AWS account id (for role " + roleSetting + ")", e);
        }
        // arn:aws-cn:... and arn:aws-us-gov:... keep their partition.
        String partition = callerArn != null && callerArn.startsWith("arn:") ? callerArn.split(":", 3)[1] : "aws";
        if (account == null || !account.matches("\\d{12}")) {
            throw new DriverException("AWS did not say which account you are in: pass --config.role_name=ARN");
        }
        return "arn:" + partition + ":iam::" + account + ":role/" + roleSetting;
    }
}
