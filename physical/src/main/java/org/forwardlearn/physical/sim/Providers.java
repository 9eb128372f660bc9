package org.forwardlearn.physical.sim;

import java.nio.file.Path;
import java.util.Map;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.PhysicalSystemProvider;

/**
 * {@link PhysicalSystemProvider}s of the simulated systems. Common options: seed, noise, bits, drift,
 * redraw-after, max-batch (see {@link SimSettings#fromOptions}). Specific options: optical slm-side (28),
 * camera (256), pool (1), encoding (phase|amplitude); microwave elements (32), scatterers (16),
 * frequencies (20); acoustic data-dir (else {@code Datasets.defaultDataDir()}), noise default 1.0
 * (= the measured residual level).
 */
public final class Providers {
    private Providers() {}

    /** "optical". */
    public static final class Optical implements PhysicalSystemProvider {
        @Override public String name() { return "optical"; }

        @Override
        public PhysicalSystem open(Map<String, String> o) {
            return new OpticalSystem(SimSettings.fromOptions(o, 0.0), Integer.parseInt(o.getOrDefault("slm-side", "28")),
                    Integer.parseInt(o.getOrDefault("camera", "256")), Integer.parseInt(o.getOrDefault("pool", "1")),
                    OpticalSystem.Encoding.valueOf(o.getOrDefault("encoding", "phase").toUpperCase(java.util.Locale.ROOT)));
        }
    }

    /** "microwave". */
    public static final class Microwave implements PhysicalSystemProvider {
        @Override public String name() { return "microwave"; }

        @Override
        public PhysicalSystem open(Map<String, String> o) {
            return new MicrowaveSystem(SimSettings.fromOptions(o, 0.0), Integer.parseInt(o.getOrDefault("elements", "32")),
                    Integer.parseInt(o.getOrDefault("scatterers", "16")), Integer.parseInt(o.getOrDefault("frequencies", "20")));
        }
    }

    /** "acoustic". */
    public static final class Acoustic implements PhysicalSystemProvider {
        @Override public String name() { return "acoustic"; }

        @Override
        public PhysicalSystem open(Map<String, String> o) {
            String dir = o.get("data-dir");
            return new AcousticSurrogate(SimSettings.fromOptions(o, 1.0), dir == null ? null : Path.of(dir));
        }
    }
}
