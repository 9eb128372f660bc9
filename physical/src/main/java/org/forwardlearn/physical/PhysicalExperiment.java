package org.forwardlearn.physical;

import org.forwardlearn.core.random.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.physical.baseline.BackpropBaseline;
import org.forwardlearn.physical.baseline.BaselineConfig;
import org.forwardlearn.physical.data.Dataset;
import org.forwardlearn.physical.data.Vowels;
import org.forwardlearn.physical.pff.LinearReadout;
import org.forwardlearn.physical.pff.Meter;
import org.forwardlearn.physical.pff.PffConfig;
import org.forwardlearn.physical.pff.PffModel;
import org.forwardlearn.physical.pff.PffNetwork;
import org.forwardlearn.physical.pff.PffTrainer;
import org.forwardlearn.physical.sim.FixedMapSystem;
import org.forwardlearn.physical.sim.SimulatedSystem;

/**
 * The experiment API the CLI calls: {@code new PhysicalExperiment(config).run(listener)} trains one method on one
 * dataset with simulated (or externally supplied) physical systems and evaluates it on the full test set;
 * {@link #compare} runs several methods with the same settings.
 *
 * <p>Drift: with {@code drift > 0} every block's simulated device drifts while it is measured, and with
 * {@code redraw} it is re-drawn once, half-way through the samples a PFF run measures. For in-silico the device
 * sits idle while the twin is trained; it is then let drift for as many samples as the PFF run measures
 * ({@link SimulatedSystem#elapse}) before deployment: the same wall-clock drift.
 */
public final class PhysicalExperiment {
    /**
     * @param dataset       vowels | fashion-mnist
     * @param system        acoustic | optical | microwave (any name a {@link PhysicalSystemProvider} offers)
     * @param blocks        physical blocks
     * @param method        pff | insilico | pat | bp | logreg | random-map | digital
     * @param noise         detector noise setting (acoustic: multiple of the measured residual; others: absolute)
     * @param drift         drift rate per measured sample (0 = none)
     * @param redraw        re-draw the devices once mid-training
     * @param seed          seed of the run (data split for vowels, devices, initialisation)
     * @param epochs        training epochs
     * @param trainLimit    use only the first n training samples (0 = all); the test set is always complete
     * @param dataDir       datasets directory (null: -Dforwardlearn.data / FORWARDLEARN_DATA)
     * @param systemFactory null, or block index -> an externally supplied system (e.g. a hardware-in-the-loop client)
     * @param checkpoint    null, or the PFF checkpoint file
     * @param resume        resume PFF from the checkpoint when it exists
     * @param pff           PFF settings (seed and epochs are taken from this record)
     * @param systemOptions extra provider options (slm-side, camera, ...); "key@b" applies to block b only
     * @param standardise   input preprocessing with training statistics: none | centre | zscore
     *                      ({@link Dataset#standardised}); the same inputs for every method
     * @param vowels        vowels only: the split and z-scoring ({@link Vowels.Protocol}; null = paper)
     */
    public record Config(String dataset, String system, int blocks, String method, double noise, double drift, boolean redraw,
                         long seed, int epochs, int trainLimit, Path dataDir, IntFunction<PhysicalSystem> systemFactory,
                         Path checkpoint, boolean resume, PffConfig pff, Map<String, String> systemOptions, String standardise,
                         Vowels.Protocol vowels) {
        public Config {
            if (!List.of("vowels", "fashion-mnist").contains(dataset)) {
                throw new IllegalArgumentException("Expected dataset vowels|fashion-mnist (got '" + dataset + "')");
            }
            if (!List.of("pff", "insilico", "pat", "bp", "logreg", "random-map", "digital").contains(method)) {
                throw new IllegalArgumentException("Expected method pff|insilico|pat|bp|logreg|random-map|digital (got '" + method + "')");
            }
            if (blocks < 1) throw new IllegalArgumentException("Expected blocks >= 1 (got " + blocks + ")");
            systemOptions = Map.copyOf(systemOptions);
            if (!List.of("none", "centre", "zscore").contains(standardise)) {
                throw new IllegalArgumentException("Expected standardise none|centre|zscore (got '" + standardise + "')");
            }
            if (vowels == null) vowels = Vowels.Protocol.PAPER;
        }

        /**
         * Defaults: vowels on acoustic, the paper's task (2 blocks, hidden 20, batch 32, 5 inner steps, 100 epochs, Adam lr 0.001,
         * alpha 8, cosine goodness, skip, encoder "unit-norm-shift" (tone amplitudes (h - min h)/||h - min h||: amplitudes
         * cannot be negative, so the row is shifted rather than folded by |h|, as the authors shift their z-scored data by
         * its minimum); inputs z-scored with training statistics by {@code Vowels}); fashion-mnist on optical (block 1: 29x29 SLM so that every entry of the 794-long
         * [label; image] input, label included, reaches the device, with the 10 label entries shown as segments of
         * the top 4 SLM rows ("slm-label") and the image on the other 25 rows; block 2: 8x8 SLM for its 64 inputs; 512
         * camera pixels; pixels centred per feature with one global scale; hidden 64, 1 inner step, batch 64, lr 0.003,
         * alpha 10, 5 epochs; the linear readout is trained too and reported as {@code readout_test_accuracy}).
         */
        public static Config defaults(String dataset) {
            boolean v = dataset.equals("vowels");
            PffConfig p = v ? PffConfig.defaults().withSteps(5, 32, 100).withOptimizer(0.001, 0).withAlpha(8).withEncoder("unit-norm-shift", 2)
                    : PffConfig.defaults().withHidden(64).withSteps(1, 64, 5).withOptimizer(0.003, 0).withAlpha(10).withReadout(true, 100)
                    .withEncoder("slm-label", 2);
            return new Config(dataset, v ? "acoustic" : "optical", 2, "pff", v ? 1.0 : 0.0, 0, false, 0, p.epochs(), 0, null, null,
                    null, false, p, v ? Map.of() : Map.of("slm-side", "29", "slm-side@1", "8", "camera", "512"), v ? "none" : "centre", Vowels.Protocol.PAPER);
        }

        /**
         * The defaults of {@link #defaults(String)} on another system: for vowels, the paper's microwave network has
         * 3 blocks (the acoustic one 2) of 40 metasurface elements (20 block inputs x 2 bits, as the authors'
         * script) and a detector noise of 0.01 (absolute, outputs of mean about 1; the acoustic
         * noise setting is a multiple of the measured residual). On another system the encoder is "auto" (the
         * system's own: binary for the metasurface, SLM for the optical) and the default system's options are dropped.
         */
        public static Config defaults(String dataset, String system) {
            Config d = defaults(dataset);
            if (system.equals(d.system())) return d;
            boolean microwaveVowels = dataset.equals("vowels") && system.equals("microwave");
            d = d.withTraining(d.epochs(), d.trainLimit(), d.pff().withEncoder("auto", d.pff().encoderBits()));
            return d.withSystem(system, microwaveVowels ? 3 : d.blocks(), microwaveVowels ? 0.01 : d.noise(),
                    microwaveVowels ? Map.of("elements", "40") : Map.of(), null);
        }

        public Config with(String method, long seed) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, epochs, trainLimit, dataDir, systemFactory,
                    checkpoint, resume, pff, systemOptions, standardise, vowels);
        }

        public Config withDrift(double d, boolean re) {
            return new Config(dataset, system, blocks, method, noise, d, re, seed, epochs, trainLimit, dataDir, systemFactory,
                    checkpoint, resume, pff, systemOptions, standardise, vowels);
        }

        public Config withTraining(int ep, int limit, PffConfig p) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, ep, limit, dataDir, systemFactory,
                    checkpoint, resume, p, systemOptions, standardise, vowels);
        }

        public Config withSystem(String sys, int nBlocks, double noiseLevel, Map<String, String> options, IntFunction<PhysicalSystem> factory) {
            return new Config(dataset, sys, nBlocks, method, noiseLevel, drift, redraw, seed, epochs, trainLimit, dataDir, factory,
                    checkpoint, resume, pff, options, standardise, vowels);
        }

        public Config withCheckpoint(Path path, boolean res) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, epochs, trainLimit, dataDir, systemFactory,
                    path, res, pff, systemOptions, standardise, vowels);
        }

        /** The same configuration with another input standardisation (none | centre | zscore). */
        public Config withStandardise(String mode) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, epochs, trainLimit, dataDir, systemFactory,
                    checkpoint, resume, pff, systemOptions, mode, vowels);
        }

        /** The same configuration with another vowel split and normalisation (vowels only; see {@link Vowels}). */
        public Config withVowels(Vowels.Protocol protocol) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, epochs, trainLimit, dataDir, systemFactory,
                    checkpoint, resume, pff, systemOptions, standardise, protocol);
        }

        public Config withDataDir(Path dir) {
            return new Config(dataset, system, blocks, method, noise, drift, redraw, seed, epochs, trainLimit, dir, systemFactory,
                    checkpoint, resume, pff, systemOptions, standardise, vowels);
        }
    }

    private final Config cfg;

    public PhysicalExperiment(Config cfg) { this.cfg = cfg; }

    /** Runs every method with the same settings; one result per method. */
    public static List<PhysicalResult> compare(Config cfg, List<String> methods, TrainingListener listener) {
        return compare(cfg, methods, new long[] {cfg.seed()}, listener);
    }

    /** Runs every method on every seed with the same settings; results ordered by method, then seed. */
    public static List<PhysicalResult> compare(Config cfg, List<String> methods, long[] seeds, TrainingListener listener) {
        List<PhysicalResult> rows = new ArrayList<>();
        for (String m : methods) for (long s : seeds) rows.add(new PhysicalExperiment(cfg.with(m, s)).run(listener));
        return rows;
    }

    public Dataset load() {
        Dataset d = cfg.dataset().equals("vowels") ? Vowels.load(cfg.dataDir(), cfg.seed(), cfg.vowels())
                : Dataset.of(Datasets.loadSamples("fashion-mnist", cfg.dataDir() == null ? Datasets.defaultDataDir() : cfg.dataDir()));
        return d.limitTrain(cfg.trainLimit()).standardised(cfg.standardise());
    }

    private PffConfig pffConfig() { return cfg.pff().withSeed(cfg.seed()).withSteps(cfg.pff().innerSteps(), cfg.pff().batchSize(), cfg.epochs()); }

    /** Samples one block's device measures in a PFF run of this configuration (the drift clock's length). */
    private long pffSamples(Dataset d) { return 2L * cfg.epochs() * (d.xTrain().length - cfg.pff().valSize()); }

    List<PhysicalSystem> openSystems(Dataset d, int inputSize) {
        List<PhysicalSystem> out = new ArrayList<>();
        for (int b = 0; b < cfg.blocks(); b++) {
            if (cfg.systemFactory() != null) { out.add(cfg.systemFactory().apply(b)); continue; }
            Map<String, String> o = blockOptions(cfg.systemOptions(), b);
            o.putIfAbsent("seed", String.valueOf(Seeds.mix(cfg.seed(), 0x5359L, b) & Long.MAX_VALUE));
            o.putIfAbsent("noise", String.valueOf(cfg.noise()));
            o.putIfAbsent("drift", String.valueOf(cfg.drift()));
            if (cfg.redraw()) o.putIfAbsent("redraw-after", String.valueOf(pffSamples(d) / 2));
            if (cfg.dataDir() != null) o.putIfAbsent("data-dir", cfg.dataDir().toString());
            PhysicalSystem real = Systems.open(cfg.system(), o);
            if (cfg.method().equals("random-map") || cfg.method().equals("digital")) {
                var spec = real.spec();
                real.close();
                int outs = cfg.method().equals("digital") ? 0 : spec.outputSize();
                out.add(new FixedMapSystem(Seeds.mix(cfg.seed(), b), spec.inputSize(), outs, spec.domain()));
            } else {
                out.add(real);
            }
        }
        return out;
    }

    /**
     * The options of block b: "key@b" entries override "key" for that block only (e.g. {@code slm-side@1=8} gives
     * the second optical block a smaller SLM); other blocks' "@" entries are dropped.
     */
    static Map<String, String> blockOptions(Map<String, String> options, int b) {
        Map<String, String> o = new LinkedHashMap<>();
        options.forEach((k, v) -> { if (k.indexOf('@') < 0) o.put(k, v); });
        options.forEach((k, v) -> {
            int at = k.indexOf('@');
            if (at > 0 && k.substring(at + 1).equals(Integer.toString(b))) o.put(k.substring(0, at), v);
        });
        return o;
    }

    /**
     * Trains and evaluates; the listener receives PFF progress (baselines report only at the end) and may cancel the
     * run. The result carries the run's provenance (the full configuration {@link #describe}) and, for PFF, the model.
     */
    public PhysicalResult run(TrainingListener listener) {
        provenance = RunProvenance.start("physical-" + cfg.method(), describe(cfg), cfg.seed(), cfg.dataset(), "", Kernels.describe());
        model = null;
        Dataset d = load();
        List<PhysicalSystem> systems = openSystems(d, d.features());
        try {
            Map<String, Object> extra = new LinkedHashMap<>();
            Meter test = new Meter();
            String m = cfg.method();
            if (m.equals("logreg")) {
                long t0 = System.nanoTime();
                LinearReadout lr = new LinearReadout(d.features(), d.classes(), 0.01, 0, cfg.seed()).fit(d.xTrain(), d.yTrain(), cfg.epochs(), cfg.seed());
                double secs = (System.nanoTime() - t0) / 1e9;
                double acc = PffNetwork.accuracy(lr.predict(d.xTest()), d.yTest());
                return result(d, acc, Double.NaN, 0, 0, lr.macs(), secs, List.of(), extra);
            }
            if (m.equals("pff") || m.equals("random-map") || m.equals("digital")) {
                PffConfig pc = pffConfig();
                PffModel model = new PffTrainer(pc, systems).withCheckpoint(cfg.checkpoint(), cfg.resume())
                        .fit(PffTrainer.data(d.xTrain(), d.yTrain(), d.classes(), pc.valSize()).withDataset(cfg.dataset(), ""), listener);
                this.model = model;
                double acc = evaluate(systems, extra, () -> model.accuracy(d.xTest(), d.yTest(), systems, test));
                if (model.readout() != null) extra.put("readout_test_accuracy", model.readoutAccuracy(d.xTest(), d.yTest(), systems, test));
                extra.put("test_device_queries", test.queries());
                double val = model.history().isEmpty() ? Double.NaN : model.history().get(model.history().size() - 1)[2];
                return result(d, acc, val, model.queries(), model.samples(), model.macs(), model.trainSeconds(), model.history(), extra);
            }
            BaselineConfig bc = BaselineConfig.defaults(m).with(cfg.pff().hidden(), cfg.pff().batchSize(), cfg.epochs(), 0.003, cfg.seed())
                    .withTwin(cfg.dataset().equals("fashion-mnist") ? 10000 : 2000, cfg.dataset().equals("fashion-mnist") ? 256 : 128,
                            cfg.dataset().equals("fashion-mnist") ? 10 : 40);
            BackpropBaseline b = new BackpropBaseline(bc, d.features(), d.classes(), systems).fit(d.xTrain(), d.yTrain(), systems);
            if (m.equals("insilico") && cfg.drift() > 0) {
                long already = systems.get(0).samples();
                for (PhysicalSystem s : systems) if (s instanceof SimulatedSystem sim) sim.elapse(Math.max(0, pffSamples(d) - already), 64);
            }
            double acc = evaluate(systems, extra, () -> b.accuracy(d.xTest(), d.yTest(), systems, test));
            extra.put("test_device_queries", test.queries());
            return result(d, acc, Double.NaN, b.meter().queries(), b.meter().samples(), b.meter().macs(), b.trainSeconds(), b.history(), extra);
        } finally {
            for (PhysicalSystem s : systems) s.close();
        }
    }

    /**
     * Without drift: one test pass. With drift: the test accuracy is measured on a snapshot of the devices as they
     * are at the end of training (drift held, {@link SimulatedSystem#holdDrift}), the same for every method; then a
     * second pass on the live device, drifting while it is measured, is reported as {@code live_test_accuracy}
     * (goodness inference measures C rows per sample, so its device drifts C times further during that pass).
     */
    private double evaluate(List<PhysicalSystem> systems, Map<String, Object> extra, java.util.function.DoubleSupplier pass) {
        List<SimulatedSystem> sims = new ArrayList<>();
        for (PhysicalSystem s : systems) if (s instanceof SimulatedSystem sim && sim.settings().drift() > 0) sims.add(sim);
        if (sims.isEmpty()) return pass.getAsDouble();
        for (SimulatedSystem s : sims) s.holdDrift(true);
        double acc = pass.getAsDouble();
        for (SimulatedSystem s : sims) s.holdDrift(false);
        extra.put("test_device_snapshot", true);
        extra.put("live_test_accuracy", pass.getAsDouble());
        return acc;
    }

    /** The experiment's full configuration as flat strings (the provenance's config; result.json's "provenance"). */
    public static Map<String, String> describe(PhysicalExperiment.Config c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", c.dataset());
        m.put("system", c.system());
        m.put("blocks", Integer.toString(c.blocks()));
        m.put("method", c.method());
        m.put("noise", Double.toString(c.noise()));
        m.put("drift", Double.toString(c.drift()));
        m.put("redraw", Boolean.toString(c.redraw()));
        m.put("epochs", Integer.toString(c.epochs()));
        m.put("train_limit", Integer.toString(c.trainLimit()));
        m.put("standardise", c.standardise());
        if (c.dataset().equals("vowels")) m.put("vowel_protocol", c.vowels().toString());
        m.put("remote_device", Boolean.toString(c.systemFactory() != null));
        c.systemOptions().forEach((k, v) -> m.put("system." + k, v));
        PffConfig p = c.pff();
        m.put("pff.hidden", Integer.toString(p.hidden()));
        m.put("pff.skip", Boolean.toString(p.skip()));
        m.put("pff.goodness", p.goodness());
        m.put("pff.alpha", Double.toString(p.alpha()));
        m.put("pff.optimizer", p.optimizer().kind());
        m.put("pff.lr", Double.toString(p.lr()));
        m.put("pff.weight_decay", Double.toString(p.weightDecay()));
        m.put("pff.inner_steps", Integer.toString(p.innerSteps()));
        m.put("pff.batch_size", Integer.toString(p.batchSize()));
        m.put("pff.encoder", String.valueOf(p.encoder()));
        m.put("pff.val_size", Integer.toString(p.valSize()));
        return m;
    }

    private RunProvenance provenance;
    private PffModel model;

    private PhysicalResult result(Dataset d, double acc, double val, long q, long s, long macs, double secs, List<double[]> hist,
                                  Map<String, Object> extra) {
        return new PhysicalResult(cfg.method(), cfg.dataset(), cfg.system(), cfg.blocks(), cfg.seed(), acc, val, q, s, macs, secs, hist, extra,
                provenance.finished(), java.util.Optional.ofNullable(model));
    }
}
