package dev.fahr.driver.sagemaker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.fahr.driver.DriverException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads a job's local inputs and downloads its model archive. */
final class S3Transfer {

    private final S3Client s3;

    S3Transfer(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Fails with one line when the bucket is missing or not the caller's, which otherwise shows up much
     * later as a failed job ("access denied" on upload).
     */
    void requireBucket(S3Location location, String setting) {
        try {
            s3.headBucket(r -> r.bucket(location.bucket()));
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            if (status == 404 || status == 403 || status == 301) {
                throw new DriverException("the bucket " + location.bucket() + " does not exist or is not yours: "
                        + "check --config." + setting, e);
            }
            throw AwsFailures.describe("check the bucket " + location.bucket(), e);
        } catch (SdkException e) {
            throw AwsFailures.describe("check the bucket " + location.bucket(), e);
        }
    }

    /** Uploads a file or a folder (recursively) under {@code target}'s prefix; returns the prefix. */
    S3Location upload(Path source, S3Location target) {
        if (!Files.exists(source)) {
            throw new DriverException("input " + source + " does not exist: pass an existing file or folder, "
                    + "or an s3:// location");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path base = Files.isDirectory(source) ? source : source.getParent();
        for (Path file : files) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            S3Location object = target.resolve(relative);
            try {
                s3.putObject(r -> r.bucket(object.bucket()).key(object.key()), RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw AwsFailures.describe("upload " + file + " to " + object, e);
            }
        }
        return new S3Location(target.bucket(), target.prefix());
    }

    /** Downloads one object to {@code file}, replacing it; false when there is no such object. */
    boolean download(S3Location object, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            s3.getObject(r -> r.bucket(object.bucket()).key(object.key()), ResponseTransformer.toFile(file));
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw AwsFailures.describe("download " + object, e);
        } catch (SdkException e) {
            throw AwsFailures.describe("download " + object, e);
        } catch (IOException e) {
            throw new DriverException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
