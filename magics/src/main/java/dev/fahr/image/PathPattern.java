package dev.fahr.image;

import java.util.regex.Pattern;

/**
 * A Docker path pattern (COPY sources, .dockerignore lines): {@code *} and {@code ?} within one path
 * segment, {@code [...]} classes, {@code **} across segments. A pattern that names a folder also
 * covers everything below it, as Docker treats both.
 */
final class PathPattern {

    private final Pattern regex;

    private PathPattern(Pattern regex) {
        this.regex = regex;
    }

    /** @param pattern a context-relative pattern; a leading "/" or "./" and a trailing "/" are ignored */
    static PathPattern of(String pattern) {
        return new PathPattern(Pattern.compile(toRegex(clean(pattern))));
    }

    /** Whether {@code path} (context-relative, '/'-separated) itself matches. */
    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** Whether {@code path} (context-relative, '/'-separated) or one of its parent folders matches. */
    boolean coversPathOrParent(String path) {
        String prefix = path;
        while (true) {
            if (regex.matcher(prefix).matches()) {
                return true;
            }
            int slash = prefix.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            prefix = prefix.substring(0, slash);
        }
    }

    static String clean(String pattern) {
        String cleaned = pattern.strip().replace('\\', '/');
        while (cleaned.startsWith("./") || cleaned.startsWith("/")) {
            cleaned = cleaned.startsWith("/") ? cleaned.substring(1) : cleaned.substring(2);
        }
        while (cleaned.endsWith("/") || cleaned.endsWith("/.")) {
            cleaned = cleaned.substring(0, cleaned.length() - (cleaned.endsWith("/") ? 1 : 2));
        }
        return cleaned.equals(".") ? "" : cleaned;
    }

    private static String toRegex(String glob) {
        if (glob.isEmpty() || glob.equals("**")) {
            return ".*";
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                // "**/" also matches no folder at all.
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    regex.append("(?:.*/)?");
                } else {
                    regex.append(".*");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("^") || body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
