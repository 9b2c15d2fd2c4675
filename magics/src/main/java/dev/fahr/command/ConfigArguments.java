package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code --config.KEY=VALUE} options name an open set of keys, which picocli cannot declare;
 * they are rewritten to {@code --config KEY=VALUE} (a map option) before parsing. Only the first
 * {@code =} splits, so values may contain {@code =}.
 */
public final class ConfigArguments {

    private static final String PREFIX = "--config.";

    private ConfigArguments() {
    }

    public static List<String> normalize(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(PREFIX)) {
                String rest = arg.substring(PREFIX.length());
                int eq = rest.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException(eq == 0 ? "--config. needs a key: --config.KEY=VALUE"
                            : arg + " needs a value: " + arg + "=VALUE");
                }
                out.add("--config");
                out.add(rest);
            } else if (arg.equals("--")) {
                out.add(arg);
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    /** A mistake in how a command was called (exit code 2). */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
