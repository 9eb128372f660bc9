package org.forwardlearn.physical.hil;

import java.util.Map;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.PhysicalSystemProvider;

/**
 * "example-acoustic": the {@link ExampleDevice}, the Java twin of the Python package's example (options
 * seed 0, noise 0.01, inputs 20, outputs 20, max-batch 4096).
 * {@code forwardlearn device serve --system example-acoustic --seed 3} and
 * {@code python3 -m forwardlearn_device serve --example acoustic --seed 3} serve bit-identical devices.
 */
public final class ExampleDeviceProvider implements PhysicalSystemProvider {
    @Override public String name() { return "example-acoustic"; }

    @Override
    public PhysicalSystem open(Map<String, String> o) {
        return new ExampleDevice(Long.parseLong(o.getOrDefault("seed", "0")), Double.parseDouble(o.getOrDefault("noise", "0.01")),
                Integer.parseInt(o.getOrDefault("inputs", "20")), Integer.parseInt(o.getOrDefault("outputs", "20")),
                Integer.parseInt(o.getOrDefault("max-batch", "4096")));
    }
}
