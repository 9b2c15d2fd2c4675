package dev.fahr.settings;

import java.net.URI;
import java.util.Locale;

/** How a setting's text becomes a value; the same rules for the command line and settings files. */
public enum SettingType {
    STRING,
    INT,
    DOUBLE,
    BOOLEAN,
    /** {@code s3://bucket/prefix/}: bucket names as S3 allows them. */
    S3_URI;

    Object parse(String key, String text) {
        String t = text.strip();
        try {
            return switch (this) {
                case STRING -> text;
                case INT -> Integer.parseInt(t.replace("_", ""));
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> parseBoolean(key, t);
                case S3_URI -> parseS3(key, t);
            };
        } catch (NumberFormatException e) {
            throw new SettingsException(key + " must be " + article() + ", not '" + text + "'");
        }
    }

    private static Boolean parseBoolean(String key, String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new SettingsException(key + " must be true or false, not '" + t + "'");
        }
    }

    private static URI parseS3(String key, String t) {
        if (!t.matches("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/.*)?")) {
            throw new SettingsException(key + " must be an S3 location such as s3://my-bucket/path/, not '" + t + "'");
        }
        return URI.create(t.endsWith("/") || t.indexOf('/', 5) > 0 ? t : t + "/");
    }

    String article() {
        return switch (this) {
            case STRING -> "text";
            case INT -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case S3_URI -> "an s3:// location";
        };
    }
}
