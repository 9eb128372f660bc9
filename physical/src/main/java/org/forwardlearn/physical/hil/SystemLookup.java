package org.forwardlearn.physical.hil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.PhysicalSystemProvider;

/** Finds {@link PhysicalSystemProvider}s by name through {@link ServiceLoader}. */
public final class SystemLookup {
    private SystemLookup() {}

    /** Names of every registered provider, in discovery order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (PhysicalSystemProvider p : ServiceLoader.load(PhysicalSystemProvider.class)) names.add(p.name());
        return names;
    }

    /**
     * Opens the system registered under {@code name}.
     *
     * @throws IllegalArgumentException "Expected one of [optical, ...] (got NAME)"
     */
    public static PhysicalSystem open(String name, Map<String, String> options) {
        for (PhysicalSystemProvider p : ServiceLoader.load(PhysicalSystemProvider.class)) {
            if (p.name().equals(name)) return p.open(options);
        }
        throw new IllegalArgumentException("Expected a physical system name, one of " + names() + " (got " + name + ")");
    }
}
