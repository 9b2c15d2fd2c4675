package dev.fahr.driver.sagemaker;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.ModelArchive;
import dev.fahr.job.JobName;

/**
 * Brings {@code <output_path>/<job>/output/model.tar.gz} home and unpacks it safely, and with it
 * {@code output.tar.gz} when the job left one: SageMaker uploads {@code /opt/ml/output/data} there, where
 * fahr's runner saves the executed notebook, which is extracted beside the model.
 */
final class ModelFetcher {

    static final String OUTPUT_ARCHIVE = "output.tar.gz";

    private final S3Transfer transfer;

    ModelFetcher(S3Transfer transfer) {
        this.transfer = transfer;
    }

    static S3Location archiveLocation(S3Location outputPath, JobName job) {
        return outputPath.resolve(job.value() + "/output/" + ModelArchive.FILE_NAME);
    }

    static S3Location outputArchiveLocation(S3Location outputPath, JobName job) {
        return outputPath.resolve(job.value() + "/output/" + OUTPUT_ARCHIVE);
    }

    FetchResult fetch(JobName job, S3Location outputPath, Path target, boolean extract) {
        S3Location archive = archiveLocation(outputPath, job);
        Path file = target.resolve(ModelArchive.FILE_NAME);
        if (!transfer.download(archive, file)) {
            throw new DriverException("job " + job + " has no model at " + archive + ": it may not have completed "
                    + "yet (check `fahr status " + job + "`) or output_path differs from the one it ran with");
        }
        S3Location outputArchive = outputArchiveLocation(outputPath, job);
        Path outputFile = target.resolve(OUTPUT_ARCHIVE);
        boolean hasOutput = transfer.download(outputArchive, outputFile);
        if (!extract) {
            return new FetchResult(file, List.of(), List.of());
        }
        List<Path> extracted = new ArrayList<>(extract(file, archive, target));
        if (hasOutput) {
            extracted.addAll(extract(outputFile, outputArchive, target));
        }
        return new FetchResult(file, extracted, extracted.stream().filter(FetchResult::isExecutedNotebook).toList());
    }

    private static List<Path> extract(Path file, S3Location archive, Path target) {
        try {
            return ModelArchive.extract(file, target);
        } catch (ModelArchive.UnsafeArchiveException e) {
            throw new DriverException(e.getMessage() + " (in " + archive + "; nothing was extracted)", e);
        } catch (UncheckedIOException e) {
            throw new DriverException("cannot extract " + file + ": " + e.getMessage(), e);
        }
    }
}
