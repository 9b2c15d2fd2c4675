package dev.fahr.image.jib;

import java.util.Map;
import java.util.function.Supplier;

import dev.fahr.image.ImagePlan;

/**
 * Docker's expansion of {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:+other}}
 * in ENV values: against what the Dockerfile set before, then the base image's environment (read from the
 * registry only when a value needs it, as {@code PATH=/opt/java/openjdk/bin:$PATH} does); unset is empty.
 */
final class EnvExpansion {

    private final Supplier<Map<String, String>> baseEnvironment;
    private Map<String, String> base;

    EnvExpansion(Supplier<Map<String, String>> baseEnvironment) {
        this.baseEnvironment = baseEnvironment;
    }

    String expand(ImagePlan.Env env, Map<String, String> set) {
        String value = env.value();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int close = value.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(value.substring(i));
                    break;
                }
                out.append(braced(value.substring(i + 2, close), set));
                i = close + 1;
            } else if (c == '$' && i + 1 < value.length() && isNameStart(value.charAt(i + 1))) {
                int end = i + 1;
                while (end < value.length() && isNamePart(value.charAt(end))) {
                    end++;
                }
                out.append(lookup(value.substring(i + 1, end), set));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String expression, Map<String, String> set) {
        int modifier = expression.indexOf(":-");
        int plus = expression.indexOf(":+");
        if (modifier > 0) {
            String current = lookup(expression.substring(0, modifier), set);
            return current.isEmpty() ? expression.substring(modifier + 2) : current;
        }
        if (plus > 0) {
            return lookup(expression.substring(0, plus), set).isEmpty() ? "" : expression.substring(plus + 2);
        }
        return lookup(expression, set);
    }

    private String lookup(String name, Map<String, String> set) {
        if (set.containsKey(name)) {
            return set.get(name);
        }
        if (base == null) {
            base = baseEnvironment.get();
        }
        return base.getOrDefault(name, "");
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
