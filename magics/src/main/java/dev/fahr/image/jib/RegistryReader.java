package dev.fahr.image.jib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;

import dev.fahr.image.ImageBuildException;

/**
 * Reads one image from its registry, as Jib pulls a base image: the manifest (for linux/amd64, out of a
 * multi-platform list), its config and its layer blobs, with the same logins. For what a build needs from
 * another image besides its layers: the base's environment, the JDK of {@code COPY --from}.
 */
final class RegistryReader {

    /** A layer of the image: its digest and compressed size. */
    record Layer(DescriptorDigest digest, long size) {
    }

    private final ImageReference image;
    private final RegistryClient client;
    private final BuildableManifestTemplate manifest;

    private RegistryReader(ImageReference image, RegistryClient client, BuildableManifestTemplate manifest) {
        this.image = image;
        this.client = client;
        this.manifest = manifest;
    }

    static RegistryReader open(String reference, RegistryLogins logins) {
        ImageReference image = RegistryLogins.parse(reference);
        try {
            FailoverHttpClient http = new FailoverHttpClient(Registries.isLoopback(image.getRegistry()), false, log -> { });
            RegistryClient client = RegistryClient.factory(EventHandlers.NONE, image.getRegistry(), image.getRepository(),
                    http).setCredential(logins.credential(image).orElse(null)).newRegistryClient();
            if (!client.doPullBearerAuth() && logins.credential(image).isPresent()) {
                client.configureBasicAuth();
            }
            ManifestTemplate pulled = client.pullManifest(image.getQualifier()).getManifest();
            if (pulled instanceof ManifestListTemplate list) {
                List<String> digests = list.getDigestsForPlatform("amd64", "linux");
                if (digests.isEmpty()) {
                    throw new ImageBuildException("image " + reference + " has no linux/amd64 variant, which training"
                            + " jobs run");
                }
                pulled = client.pullManifest(digests.get(0)).getManifest();
            }
            if (!(pulled instanceof BuildableManifestTemplate buildable)) {
                throw new ImageBuildException("image " + reference + " has a manifest of the old schema 1, which fahr"
                        + " cannot read; use an image pushed by a current Docker or registry");
            }
            return new RegistryReader(image, client, buildable);
        } catch (IOException | RegistryException e) {
            throw new ImageBuildException(JibFailures.pullFailure(reference, image.getRegistry(), e), e);
        }
    }

    /** The image's config (its environment, entry point, ...), as JSON. */
    byte[] config() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob(manifest.getContainerConfiguration().getDigest(), out);
        return out.toByteArray();
    }

    /** Its layers, bottom first. */
    List<Layer> layers() {
        List<Layer> layers = new ArrayList<>();
        for (BuildableManifestTemplate.ContentDescriptorTemplate layer : manifest.getLayers()) {
            layers.add(new Layer(layer.getDigest(), layer.getSize()));
        }
        return layers;
    }

    /** The manifest's config digest: it names this exact image. */
    String configDigest() {
        return manifest.getContainerConfiguration().getDigest().toString();
    }

    void blob(DescriptorDigest digest, OutputStream out) {
        try {
            client.pullBlob(digest, size -> { }, written -> { }).writeTo(out);
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + digest + " of image " + image + " from " + image.getRegistry()
                    + ": " + e.getMessage(), e);
        }
    }
}
