package dev.fahr.image;

import dev.fahr.notebook.NotebookLanguage;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.fahr.settings.EditDistance;

/**
 * What the training image starts {@code FROM}, chosen by {@code --train-image} (or the seed's older
 * {@code --build-driver}):
 * <ul>
 * <li>{@code default-cpu} (also {@code local}, {@code local-cpu}): Java {@code eclipse-temurin:21-jdk},
 *     Python {@code python:3.11-slim};</li>
 * <li>{@code default-gpu} (also {@code local-gpu}): Java {@code nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04}
 *     with the JDK copied from {@code eclipse-temurin:21-jdk} in a second stage; Python
 *     {@code pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime}, because installing python3 into the CUDA
 *     image needs apt and a network, while the PyTorch image already has CUDA, cuDNN, Python and conda;</li>
 * <li>anything else: an image reference used as given (a Java image must have {@code java} on its PATH).</li>
 * </ul>
 *
 * @param alias    {@code default-cpu}, {@code default-gpu}, or empty for an image given by reference
 * @param image    the image the final stage starts from
 * @param jdkImage the image whose {@code /opt/java/openjdk} is copied in, for a Java GPU image
 * @param gpu      whether the image is meant for GPUs (sets the NVIDIA container variables)
 */
public record BaseImage(Optional<String> alias, ImageReference image, Optional<ImageReference> jdkImage, boolean gpu) {

    public static final String DEFAULT_CPU = "default-cpu";
    public static final String DEFAULT_GPU = "default-gpu";

    static final ImageReference JDK = ImageReference.parse("eclipse-temurin:21-jdk");
    static final ImageReference CUDA = ImageReference.parse("nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04");
    static final ImageReference PYTHON_CPU = ImageReference.parse("python:3.11-slim");
    static final ImageReference PYTHON_GPU = ImageReference.parse("pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime");

    // Every spelling the user guide shows, old (--build-driver) and new (--train-image).
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put(DEFAULT_CPU, DEFAULT_CPU);
        ALIASES.put(DEFAULT_GPU, DEFAULT_GPU);
        ALIASES.put("local", DEFAULT_CPU);
        ALIASES.put("local-cpu", DEFAULT_CPU);
        ALIASES.put("local-gpu", DEFAULT_GPU);
    }

    public BaseImage {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(jdkImage, "jdkImage");
    }

    /**
     * The base for a {@code --train-image} (or {@code --build-driver}) value and the script's language.
     *
     * @throws ImageSettingException for an unknown alias (suggesting the closest) or a malformed reference
     */
    public static BaseImage resolve(String trainImage, NotebookLanguage language) {
        Objects.requireNonNull(language, "language");
        if (language == NotebookLanguage.OTHER) {
            throw new ImageSettingException("fahr builds images for Java and Python notebooks only");
        }
        String value = trainImage == null || trainImage.isBlank() ? DEFAULT_CPU : trainImage.strip();
        Optional<String> alias = canonicalAlias(value);
        if (alias.isEmpty()) {
            return new BaseImage(Optional.empty(), ImageReference.parse(value), Optional.empty(), false);
        }
        boolean java = language == NotebookLanguage.JAVA;
        if (alias.get().equals(DEFAULT_CPU)) {
            return new BaseImage(alias, java ? JDK : PYTHON_CPU, Optional.empty(), false);
        }
        return new BaseImage(alias, java ? CUDA : PYTHON_GPU, java ? Optional.of(JDK) : Optional.empty(), true);
    }

    /**
     * {@code default-cpu} or {@code default-gpu} for one of their spellings; empty for a value that is
     * an image reference (it has a '/', ':' or '.').
     *
     * @throws ImageSettingException for a value that looks like an alias but is none, such as {@code defualt-cpu}
     */
    public static Optional<String> canonicalAlias(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        String canonical = ALIASES.get(lower);
        if (canonical != null) {
            return Optional.of(canonical);
        }
        if (lower.contains("/") || lower.contains(":") || lower.contains(".")) {
            return Optional.empty();
        }
        // A bare word is far more often a mistyped alias than an image meant to be used untagged.
        String closest = ALIASES.keySet().stream()
                .min(Comparator.comparingInt(known -> EditDistance.between(known, lower))).orElseThrow();
        throw new ImageSettingException("unknown --train-image " + TemplateValueCheck.quoted(value)
                + ": did you mean " + ALIASES.get(closest) + "? Known values: default-cpu, default-gpu"
                + " (older spellings: local, local-cpu, local-gpu), or an image reference with a tag such as "
                + value.strip().toLowerCase(Locale.ROOT) + ":latest");
    }

    /** For messages: the alias with its image, or the reference. */
    public String describe() {
        return alias.map(a -> a + " (" + image + ")").orElse(image.value());
    }
}
