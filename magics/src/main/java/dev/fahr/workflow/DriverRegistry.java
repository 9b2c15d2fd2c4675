package dev.fahr.workflow;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import dev.fahr.driver.TrainingDriver;

/**
 * The drivers on the class path, found through {@link ServiceLoader}: the workflow never names a
 * driver class, so drivers stay independent of it and of each other.
 */
public final class DriverRegistry {

    private final Map<String, TrainingDriver> drivers = new TreeMap<>();

    public DriverRegistry(List<TrainingDriver> drivers) {
        drivers.forEach(d -> this.drivers.put(d.name(), d));
    }

    public static DriverRegistry discover() {
        return new DriverRegistry(ServiceLoader.load(TrainingDriver.class, DriverRegistry.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    public TrainingDriver get(String name) {
        TrainingDriver driver = drivers.get(name);
        if (driver == null) {
            throw new UsageError("unknown train driver '" + name + "'; use one of "
                    + String.join(", ", drivers.keySet()));
        }
        return driver;
    }

    public List<String> names() {
        return List.copyOf(drivers.keySet());
    }
}
