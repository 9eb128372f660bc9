package org.forwardlearn.physical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds {@link PhysicalSystemProvider}s with {@link ServiceLoader} and opens systems by name. */
public final class Systems {
    private Systems() {}

    /** The names of every provider on the class path. */
    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (PhysicalSystemProvider p : ServiceLoader.load(PhysicalSystemProvider.class)) n.add(p.name());
        return n;
    }

    /** Opens the system called {@code name} with the given options. */
    public static PhysicalSystem open(String name, Map<String, String> options) {
        for (PhysicalSystemProvider p : ServiceLoader.load(PhysicalSystemProvider.class)) {
            if (p.name().equals(name)) return p.open(options);
        }
        throw new IllegalArgumentException("Expected a physical system among " + names() + " (got '" + name + "')");
    }
}
