package dev.fahr.image;

import java.util.regex.Pattern;

/**
 * Checks the user-supplied values that fahr writes into a Dockerfile or run.sh. Each is held to a
 * small set of characters that has no meaning to the Dockerfile parser (no line break, no
 * {@code $} variable, no quote, no glob) nor to the shell inside single quotes, so that a file named
 * {@code x$(curl evil).jsh} or one with a newline cannot add an instruction or run a command.
 */
final class TemplateValueCheck {

    private static final int MAX_FILE_NAME = 200;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+@,=-]*");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String FILE_NAME_RULE =
            "use letters, digits, spaces and . _ - + @ , = (not first), at most " + MAX_FILE_NAME + " characters";

    private TemplateValueCheck() {
    }

    /** A file name that lands in COPY and run.sh, such as the exported script's. */
    static String fileName(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new ImageSettingException("the " + what + " is empty");
        }
        if (value.length() > MAX_FILE_NAME || !FILE_NAME.matcher(value).matches()
                || value.endsWith(" ") || value.equals("..")) {
            throw new ImageSettingException("the " + what + " " + quoted(value) + " cannot go into the Dockerfile"
                    + " or run.sh" + reason(value) + "; " + FILE_NAME_RULE + ". Rename the file.");
        }
        return value;
    }

    /** A value of {@code FAHR_EXECUTION_ENVIRONMENT}: a driver name. */
    static String environmentName(String value) {
        if (value == null || !ENVIRONMENT_NAME.matcher(value).matches()) {
            throw new ImageSettingException("the execution environment " + quoted(value)
                    + " cannot go into the Dockerfile" + (value == null ? "" : reason(value))
                    + "; use letters, digits and . _ - (at most 64), such as sagemaker or local");
        }
        return value;
    }

    /** The value between double quotes, with control characters made visible, for messages. */
    static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                case '"' -> shown.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        shown.append(String.format("\\u%04x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        return shown.append('"').toString();
    }

    // Names the first offending character, which is what a user needs to find in a long name.
    private static String reason(String value) {
        for (char c : value.toCharArray()) {
            if (c == '\n' || c == '\r') {
                return ": it contains a line break";
            }
            if (c == '/' || c == '\\') {
                return ": it contains a path separator '" + c + "'";
            }
            if (c < 0x20 || c == 0x7f) {
                return ": it contains a control character";
            }
            if ("$`'\"\\;&|<>(){}*?[]!#~".indexOf(c) >= 0) {
                return ": it contains '" + c + "'";
            }
            if (c > 0x7e) {
                return ": it contains the non-ASCII character '" + c + "'";
            }
        }
        if (value.startsWith("-") || value.startsWith(".") || value.startsWith(" ")) {
            return ": it starts with '" + value.charAt(0) + "'";
        }
        return "";
    }
}
