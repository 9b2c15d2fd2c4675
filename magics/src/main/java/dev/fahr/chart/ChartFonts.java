package dev.fahr.chart;

import java.awt.GraphicsEnvironment;

/**
 * Drawing text needs a font, which a minimal Linux with a headless JDK may lack: then Java fails deep inside
 * AWT. This turns that into one line that says what to install.
 */
final class ChartFonts {

    private static volatile boolean checked;

    private ChartFonts() {
    }

    static void require() {
        if (checked) {
            return;
        }
        String[] families;
        try {
            families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException(missing() + " (" + e + ")", e);
        }
        if (families.length == 0) {
            throw new IllegalStateException(missing());
        }
        checked = true;
    }

    private static String missing() {
        return "charts need a font and fontconfig, which this machine lacks: install them, e.g. "
                + "sudo apt-get install fontconfig fonts-dejavu-core";
    }
}
