package dev.fahr.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A job's hyperparameters, as strings (SageMaker's contract: hyperparameters.json holds strings only).
 * Secret-looking keys or values are refused: hyperparameters are visible in consoles and APIs.
 */
public record Hyperparameters(Map<String, String> values) {

    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|secret|token|api[_-]?key|access[_-]?key|credential|private[_-]?key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----.*|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-.*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,255}");

    public static final Hyperparameters NONE = new Hyperparameters(Map.of());

    public Hyperparameters {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            check(key, value);
            copy.put(key, value);
        });
        values = Collections.unmodifiableMap(copy);
    }

    private static void check(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid hyperparameter name '" + key
                    + "': start with a letter or _, then letters, digits, _ . or -");
        }
        if (value == null || value.length() > 2500) {
            throw new IllegalArgumentException("hyperparameter " + key + " needs a value of at most 2,500 characters");
        }
        if (SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches() || SECRET_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("hyperparameter " + key + " looks like a secret; hyperparameters are "
                    + "visible in the console and the API: pass secrets through the job's environment or a secrets store");
        }
    }

    public Hyperparameters with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Hyperparameters(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code batch_size=128, lr=0.1}: how tables show them. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }
}
