package dev.fahr.driver.sagemaker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.fahr.driver.DriverException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

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

    /** A local input channel must exist before anything is built for it. */
    static void requireInput(Path source) {
        if (!Files.exists(source)) {
            throw new DriverException("input " + source + " does not exist: pass an existing file or folder, "
                    + "or an s3:// location");
        }
    }

    /** Uploads a file or a folder (recursively) under {@code target}'s prefix; returns the prefix. */
    S3Location upload(Path source, S3Location target) {
        requireInput(source);
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

    /**
     * Downloads one object to {@code file}, replacing it; false when there is no such object. A connection
     * cut mid-way resumes where it stopped (a range request pinned to the object's ETag), at most
     * {@link #RESUMES} times; a write that fails (a full disk) ends at once, naming the file.
     */
    boolean download(S3Location object, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DriverException("cannot write " + file + ": " + e.getMessage(), e);
        }
        String etag = null;
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int attempt = 0; ; attempt++) {
                long from = written;
                String pinned = etag;
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(object.bucket())
                        .key(object.key()).range(from > 0 ? "bytes=" + from + "-" : null).ifMatch(pinned))) {
                    etag = in.response().eTag();
                    written += copy(in, out, file);
                    return true;
                } catch (ReadCut cut) {
                    written += cut.copied;
                    if (attempt == RESUMES) {
                        throw new DriverException("could not download " + object + ": the connection broke "
                                + (RESUMES + 1) + " times (" + cut.getCause().getMessage() + "); try again", cut);
                    }
                }
            }
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

    /** How often a cut download resumes before it gives up. */
    static final int RESUMES = 3;

    /** A read from the connection failed after {@code copied} bytes were written. */
    private static final class ReadCut extends IOException {
        private static final long serialVersionUID = 1L;
        final transient long copied;

        ReadCut(long copied, IOException cause) {
            super(cause);
            this.copied = copied;
        }
    }

    /** Copies until the end; a failed read is a {@link ReadCut}, a failed write an ordinary IOException. */
    private static long copy(InputStream in, OutputStream out, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException | SdkClientException e) {
                throw new ReadCut(copied, e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
            if (n < 0) {
                return copied;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
    }
}
