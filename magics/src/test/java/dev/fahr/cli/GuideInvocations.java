package dev.fahr.cli;

/** The user guide's shell lines, verbatim (continuation backslashes and quotes as printed there). */
final class GuideInvocations {

    static final String INIT = """
            fahr init train.py \\
                --train-driver='sagemaker' \\
                --train-image='default-gpu' \\
                --config.output_path=s3://your-s3-bucket/path/ \\
                --config.role_name=your-s3-role""";

    static final String FIT = """
            fahr fit train.py \\
                --train-driver='sagemaker' \\
                --build-driver='local-gpu' \\
                --config.output_path=s3://your-s3-bucket/path/ \\
                --config.role_name=your-s3-role""";

    static final String COPY = """
            fahr copy ../resnet48_128/ ./ \\
                --include-training-artifact='train.py'""";

    private GuideInvocations() {
    }
}
