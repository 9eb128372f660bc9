package org.forwardlearn.physical;

import java.util.Map;

/**
 * Service-provider interface: a lab registers its device in
 * {@code META-INF/services/org.forwardlearn.physical.PhysicalSystemProvider} and it becomes usable by
 * name from the CLI and the device server.
 */
public interface PhysicalSystemProvider {
    /** The name used on the command line (e.g. "optical"). */
    String name();

    /** Opens a system; options are free-form key/value settings (seed, noise, drift, ...). */
    PhysicalSystem open(Map<String, String> options);
}
