package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.forwardgnn.registry.Registry;

/**
 * The one registry of graph convolutions by name: the built-in {@code gcn}, {@code sage} and {@code gat} (4 heads
 * concatenated), every {@link ConvFactory} provider found by {@link ServiceLoader} on the class path (loaded once, on
 * first use), and factories registered programmatically. Names are unique: a provider or registration that reuses a
 * taken name is an error naming both.
 */
public final class ConvRegistry {
    private static final Logger LOG = LogManager.getLogger(ConvRegistry.class);
    /** GAT's heads (concatenated in hidden layers, averaged in a backprop baseline's output layer). */
    public static final int GAT_HEADS = 4;
    private static final Registry<ConvFactory> FACTORIES = new Registry<>("conv");
    private static volatile boolean loaded;

    private ConvRegistry() { }

    private static void ensureLoaded() {
        if (loaded) return;
        synchronized (ConvRegistry.class) {
            if (loaded) return;
            put(ConvFactory.of("gcn", GcnConv::new));
            put(ConvFactory.of("sage", SageConv::new));
            put(new ConvFactory() {
                @Override public String name() { return "gat"; }
                @Override public GraphConv create(int in, int out, Random rng) { return new GatConv(in, out, GAT_HEADS, true, rng); }
                @Override public int widthMultiple() { return GAT_HEADS; }
                @Override public GraphConv createOutput(int in, int out, Random rng) { return new GatConv(in, out, GAT_HEADS, false, rng); }
            });
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try {
                for (ConvFactory f : ServiceLoader.load(ConvFactory.class, cl != null ? cl : ConvRegistry.class.getClassLoader())) {
                    put(f);
                    LOG.debug("Registered conv '{}' from {}", f.name(), f.getClass().getName());
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("Expected loadable ConvFactory providers on the class path (got " + e.getMessage() + ")", e);
            }
            loaded = true;
        }
    }

    private static void put(ConvFactory f) { FACTORIES.register(f.name(), f); }

    /** Registers a factory under its name (for library users; plugins use a ServiceLoader provider instead). */
    public static void register(ConvFactory factory) {
        ensureLoaded();
        put(factory);
    }

    /** The factory of {@code name}; an error listing the registered names otherwise. */
    public static ConvFactory get(String name) {
        ensureLoaded();
        return FACTORIES.get(name);
    }

    public static boolean contains(String name) {
        ensureLoaded();
        return FACTORIES.contains(name);
    }

    /** Every registered name: the built-ins first, then the others in registration order. */
    public static List<String> names() {
        ensureLoaded();
        return FACTORIES.names();
    }

    /**
     * Checks that {@code width} suits conv {@code name} ("Expected hidden ... (got ...)" otherwise).
     */
    public static void checkWidth(String name, int width) {
        int m = get(name).widthMultiple();
        if (width < 1 || width % m != 0) {
            throw new IllegalArgumentException("Expected hidden >= 1" + (m > 1 ? " and a multiple of " + m + " for " + name : "")
                    + " (got " + width + ")");
        }
    }
}
