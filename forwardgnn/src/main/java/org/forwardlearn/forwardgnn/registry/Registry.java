package org.forwardlearn.forwardgnn.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries by unique name, in registration order (thread-safe). Lookups of unknown names fail with "Expected KIND one of
 * [names] (got 'x')"; registering a taken name fails naming it. Each kind of pluggable thing has exactly one registry
 * (layer.ConvRegistry, nodeclass.NodeMethods, linkpred.LinkMethods): no string switches elsewhere.
 *
 * @param <T> the entry type
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, T> entries = new LinkedHashMap<>();

    /** @param kind what the entries are, for messages ("conv", "node method", ...) */
    public Registry(String kind) { this.kind = kind; }

    /** Adds {@code entry} under {@code name} (no spaces or commas; an error if the name is taken). */
    public synchronized void register(String name, T entry) {
        if (name == null || name.isBlank() || !name.equals(name.trim()) || name.contains(",") || name.contains(" ")) {
            throw new IllegalArgumentException("Expected a " + kind + " name without spaces or commas (got '" + name + "')");
        }
        java.util.Objects.requireNonNull(entry, "entry");
        T old = entries.putIfAbsent(name, entry);
        if (old != null) {
            throw new IllegalArgumentException("Expected a new " + kind + " name (got '" + name + "', already registered by "
                    + old.getClass().getName() + ")");
        }
    }

    /** The entry of {@code name}. */
    public synchronized T get(String name) {
        T e = name == null ? null : entries.get(name);
        if (e == null) throw new IllegalArgumentException("Expected " + kind + " one of " + names() + " (got '" + name + "')");
        return e;
    }

    public synchronized boolean contains(String name) { return name != null && entries.containsKey(name); }

    /** The names in registration order. */
    public synchronized List<String> names() { return List.copyOf(entries.keySet()); }

    /** The entries in registration order. */
    public synchronized List<T> entries() { return List.copyOf(entries.values()); }
}
