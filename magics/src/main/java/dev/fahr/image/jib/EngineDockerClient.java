package dev.fahr.image.jib;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;

import dev.fahr.internal.docker.DockerEngine;

/**
 * Jib's view of a Docker engine, through fahr's one Docker connection ({@code docker_host}, else
 * {@code DOCKER_HOST}), instead of the {@code docker} command Jib would run: the image Jib built is streamed
 * into the engine's image load, with no file and no CLI in between.
 */
final class EngineDockerClient implements DockerClient {

    private final DockerEngine engine;

    EngineDockerClient(DockerEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean supported(Map<String, String> parameters) {
        return true;
    }

    @Override
    public String load(ImageTarball imageTarball, Consumer<Long> writtenByteCountListener)
            throws InterruptedException, IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (out) {
                imageTarball.writeTo(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (in) {
            engine.run(() -> engine.client().loadImageCmd(in).exec());
        }
        try {
            writer.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot stream the image into the Docker engine at " + engine.host() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        writtenByteCountListener.accept(imageTarball.getTotalLayerSize());
        return "";
    }

    @Override
    public void save(ImageReference imageReference, Path outputPath, Consumer<Long> writtenByteCountListener) {
        throw new UnsupportedOperationException("fahr's builds take base images from registries, not from the engine");
    }

    @Override
    public ImageDetails inspect(ImageReference imageReference) {
        var image = engine.call(() -> engine.client().inspectImageCmd(imageReference.toString()).exec());
        return new ImageDetails() {
            @Override
            public long getSize() {
                return image.getSize() == null ? 0 : image.getSize();
            }

            @Override
            public DescriptorDigest getImageId() throws DigestException {
                return DescriptorDigest.fromDigest(image.getId());
            }

            @Override
            public List<DescriptorDigest> getDiffIds() throws DigestException {
                List<String> layers = image.getRootFS() == null || image.getRootFS().getLayers() == null
                        ? List.of() : image.getRootFS().getLayers();
                List<DescriptorDigest> digests = new java.util.ArrayList<>();
                for (String layer : layers) {
                    digests.add(DescriptorDigest.fromDigest(layer));
                }
                return digests;
            }
        };
    }
}
