package dev.fahr.settings;

import java.util.Map;

/**
 * Raw {@code NAME=VALUE} pairs from one place, with a label saying where they came from
 * ({@code command line}, a file path, {@code default}).
 */
public record SettingSource(String label, Map<String, String> values) {

    public SettingSource {
        values = Map.copyOf(values);
    }
}
