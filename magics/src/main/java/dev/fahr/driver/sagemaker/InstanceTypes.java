package dev.fahr.driver.sagemaker;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fahr.settings.EditDistance;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * The training instance types this AWS SDK knows (SageMaker's TrainingInstanceType): to name the closest
 * ones when a price is unknown because the type is mistyped. An unknown type is not refused for that:
 * SageMaker adds types faster than SDKs learn them, and SageMaker itself has the last word.
 */
final class InstanceTypes {

    private static final Set<String> KNOWN = TrainingInstanceType.knownValues().stream()
            .map(TrainingInstanceType::toString).collect(Collectors.toUnmodifiableSet());

    private InstanceTypes() {
    }

    /** Up to three known names closest to {@code type}, or none when {@code type} is known. */
    static List<String> closestIfUnknown(String type) {
        if (KNOWN.contains(type)) {
            return List.of();
        }
        return KNOWN.stream().sorted(Comparator.comparingInt((String known) -> EditDistance.between(known, type))
                .thenComparing(Comparator.naturalOrder())).limit(3).toList();
    }
}
