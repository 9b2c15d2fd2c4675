package dev.fahr.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The name/value pairs of an ENV or LABEL instruction, as Docker reads them: {@code a=1 b="two words"}
 * (double or single quotes, backslash escapes), or the older {@code ENV NAME the rest of the line}.
 */
final class EnvArguments {

    private EnvArguments() {
    }

    static Map<String, String> parse(DockerfileInstruction instruction) {
        String text = instruction.arguments();
        Map<String, String> pairs = new LinkedHashMap<>();
        int firstSpace = indexOfWhitespace(text);
        int firstEquals = text.indexOf('=');
        if (firstEquals < 0 || (firstSpace >= 0 && firstSpace < firstEquals)) {
            // ENV NAME value: the rest of the line is the value.
            if (firstSpace < 0) {
                throw new ImageSettingException("the Dockerfile's " + instruction.where() + " has a name but no value");
            }
            pairs.put(text.substring(0, firstSpace), text.substring(firstSpace).strip());
            return pairs;
        }
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new ImageSettingException("the Dockerfile's " + instruction.where() + " has a word without"
                        + " =value: " + text.substring(i));
            }
            String name = unquote(text.substring(i, equals));
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            char quote = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < text.length() && quote != '\'') {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if ((c == '"' || c == '\'') && (quote == 0 || quote == c)) {
                    quote = quote == 0 ? c : 0;
                    i++;
                    continue;
                }
                value.append(c);
                i++;
            }
            pairs.put(name, value.toString());
        }
        return pairs;
    }

    private static String unquote(String name) {
        return name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("'") && name.endsWith("'")) ? name.substring(1, name.length() - 1) : name;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
