package dev.fahr.chart;

import dev.fahr.testing.Containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.testing.Services;

/**
 * Learning curves are drawn headless on a minimal Debian with a JDK (debootstrap minbase plus
 * openjdk-17-jdk-headless: the offline stand-in scripts/base-images.sh builds), with the fonts that JDK package
 * brings; and where a machine has no fonts at all, the user gets the one line that says what to install.
 */
class ChartHeadlessIT {

    private static final String MINIMAL_DEBIAN_JDK = "fahr-offline/jdk-python:bookworm";

    @TempDir
    Path temp;

    @Test
    void aMinimalDebianWithAJdkDrawsTheChartAndOneWithoutFontsSaysWhatToInstall() throws Exception {
        try (DockerEngine engine = Services.engine()) {
            Path out = Files.createDirectories(temp.resolve("out"));
            out.toFile().setWritable(true, false);
            Containers.Result drawn = run(engine.client(), out, "java -Djava.awt.headless=true -cp \"$CP\" "
                    + ChartSmoke.class.getName() + " /out/loss.png");
            assertEquals(0, drawn.exitCode(), drawn.output());
            BufferedImage chart = ImageIO.read(out.resolve("loss.png").toFile());
            assertEquals(640, chart.getWidth());
            assertEquals(400, chart.getHeight());

            Containers.Result noFonts = run(engine.client(), out, "rm -rf /usr/share/fonts /etc/fonts /var/cache/fontconfig && "
                    + "java -Djava.awt.headless=true -cp \"$CP\" " + ChartSmoke.class.getName() + " /out/none.png");
            assertEquals(3, noFonts.exitCode(), noFonts.output());
            assertTrue(noFonts.output().contains("charts need a font and fontconfig, which this machine lacks: install them,"
                    + " e.g. sudo apt-get install fontconfig fonts-dejavu-core"), noFonts.output());
        }
    }

    /** Runs {@code shell} in the minimal image with this module's classes and jars mounted, as they are on the host. */
    private Containers.Result run(DockerClient docker, Path out, String shell) throws Exception {
        List<Bind> binds = new ArrayList<>(List.of(new Bind(out.toString(), new Volume("/out"))));
        List<String> classPath = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jfreechart") || name.startsWith("org.jfree.svg") || name.startsWith("fahr-")
                    || name.endsWith("classes")) {
                String inside = "/cp/" + i++;
                binds.add(new Bind(entry, new Volume(inside)));
                classPath.add(inside);
            }
        }
        return Containers.run(docker, MINIMAL_DEBIAN_JDK, create -> create.withCmd("sh", "-c", shell)
                .withEnv("CP=" + String.join(":", classPath))
                .withHostConfig(HostConfig.newHostConfig().withBinds(binds).withNetworkMode("none")));
    }
}
