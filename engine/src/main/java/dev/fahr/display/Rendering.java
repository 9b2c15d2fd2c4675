package dev.fahr.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * A value as a notebook shows it: MIME type to content (base64 for images), always with {@code text/plain}.
 * What {@code html(...)}, {@code markdown(...)} and {@code text(...)} return, what {@code display(...)}
 * shows, and how a cell's value is shown, in the kernel and in the job's executed notebook alike.
 */
public final class Rendering {

    private final Map<String, String> data;

    Rendering(Map<String, String> data) {
        this.data = Map.copyOf(data);
    }

    /** A rendering as is; an image as PNG; anything else as its {@code toString()}. */
    public static Rendering of(Object value) {
        if (value instanceof Rendering rendering) {
            return rendering;
        }
        if (value instanceof BufferedImage image) {
            return new Rendering(Map.of("image/png", png(image),
                    "text/plain", "BufferedImage " + image.getWidth() + "x" + image.getHeight()));
        }
        return new Rendering(Map.of("text/plain", String.valueOf(value)));
    }

    /** Only these MIME types (text/plain stays, as Jupyter needs one); all of them if none is here. */
    Rendering only(String... mimeTypes) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String type : mimeTypes) {
            if (data.containsKey(type)) {
                kept.put(type, data.get(type));
            }
        }
        if (kept.isEmpty()) {
            return this;
        }
        kept.putIfAbsent("text/plain", data.get("text/plain"));
        return new Rendering(kept);
    }

    /** MIME type to content. */
    public Map<String, String> data() {
        return data;
    }

    @Override
    public String toString() {
        return data.get("text/plain");
    }

    private static String png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the image as PNG", e);
        }
    }
}
