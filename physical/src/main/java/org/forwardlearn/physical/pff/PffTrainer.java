package org.forwardlearn.physical.pff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.model.Trainer;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.core.train.TrainingCheckpoint;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * Trains a {@link PffNetwork} against live physical systems (one per block), touching them only through
 * {@link PhysicalSystem#measure}, {@link PhysicalSystem#spec} (and, for checkpoints,
 * {@link org.forwardlearn.physical.StatefulSystem}). The trainer shape of core ({@link Trainer}):
 * <pre>{@code
 * PffModel model = new PffTrainer(config, systems).fit(TrainingData.of(train).withValidation(val), listener);
 * }</pre>
 * The blocks are core's {@link org.forwardlearn.core.train.LayerwiseProblem} ({@link PffProblem}) driven by core's
 * {@link LayerwiseTrainer} on the ALL_LAYERS schedule, with the configured {@link PffConfig#optimizer()} (Adam or SGD),
 * core's listener (per batch, per epoch; validation accuracy every epoch when validation data are given; no early
 * stopping), core's seeds and core's cancellation (a listener's stop request or an interrupt).
 *
 * <h2>Checkpoint and resume</h2>
 * {@link #withCheckpoint}: every {@link PffConfig#checkpointEvery()} batches, at each epoch end and when cancelled,
 * core's resumable checkpoint ({@link org.forwardlearn.core.train.TrainingState}: CRC-checked, every field validated)
 * is written atomically: all blocks' W and b, optimizer states, the position (epoch, next batch) which stands for the
 * RNG state, the counters, the finished epochs' metrics, and each stateful device's state. A resume continues from it
 * (restoring the devices); against a deterministic device the final weights are bit-identical to an uninterrupted
 * run. The fingerprint holds every {@link PffConfig} setting except {@code checkpointEvery}, the data sizes and
 * hashes, each device's spec and simulated settings (noise, drift, ...), and the trainer's configuration; a resume
 * whose fingerprint differs in anything is refused with the file and each difference named.
 */
public final class PffTrainer implements Trainer<TrainingData, PffModel> {
    private final PffConfig config;
    private final List<? extends PhysicalSystem> systems;
    private final Path checkpoint;
    private final boolean resume;

    /** @param systems one live system per block (not closed by the trainer) */
    public PffTrainer(PffConfig config, List<? extends PhysicalSystem> systems) { this(config, systems, null, false); }

    private PffTrainer(PffConfig config, List<? extends PhysicalSystem> systems, Path checkpoint, boolean resume) {
        if (config == null || systems == null || systems.isEmpty()) {
            throw new IllegalArgumentException("Expected a configuration and at least one physical system (got " + systems + ")");
        }
        this.config = config;
        this.systems = List.copyOf(systems);
        this.checkpoint = checkpoint;
        this.resume = resume;
    }

    public PffConfig config() { return config; }

    /** The same trainer writing resumable checkpoints to {@code file} (null: none), resuming from it when {@code resume} and it exists. */
    public PffTrainer withCheckpoint(Path file, boolean resume) { return new PffTrainer(config, systems, file, resume); }

    /**
     * Rows as training data at the edge: the last {@code valSize} samples are held out as validation data (none for 0),
     * as {@link PffConfig#valSize()} describes.
     */
    public static TrainingData data(double[][] x, int[] y, int classes, int valSize) {
        if (x.length != y.length) throw new IllegalArgumentException("Expected one label per sample (got " + y.length + " for " + x.length + ")");
        int nTrain = x.length - valSize;
        if (valSize < 0 || nTrain < 1) throw new IllegalArgumentException("Expected 0 <= valSize < " + x.length + " (got " + valSize + ")");
        TrainingData d = TrainingData.of(Samples.of(java.util.Arrays.copyOf(x, nTrain), java.util.Arrays.copyOf(y, nTrain), classes));
        if (valSize > 0) {
            d = d.withValidation(Samples.of(java.util.Arrays.copyOfRange(x, nTrain, x.length), java.util.Arrays.copyOfRange(y, nTrain, y.length), classes));
        }
        return d;
    }

    @Override
    public PffModel fit(TrainingData data, TrainingListener listener) {
        Samples train = data.train();
        if (train.size() < 1) throw new IllegalArgumentException("Expected at least one training sample (got none)");
        int classes = train.classes();
        double[][] xt = train.rows();
        Samples val = data.validation().orElse(null);
        double[][] xv = val == null ? new double[0][] : val.rows();
        int[] yv = val == null ? new int[0] : val.y();
        PffNetwork net = new PffNetwork(config, train.features(), classes, systems);
        Meter meter = new Meter();
        Map<String, String> described = new LinkedHashMap<>(PffConfigCodec.toMap(config));
        described.putAll(data.describe());
        described.put("blocks", Integer.toString(systems.size()));
        RunProvenance prov = RunProvenance.start("pff", described, config.seed(), data.datasetId(), data.datasetSha256(), Kernels.describe());
        List<double[]> history = new ArrayList<>();
        double seconds = 0;
        if (config.epochs() > 0) {
            PffProblem problem = new PffProblem(config, net, systems, xt, train.y(), xv, yv, meter);
            TrainerConfig tc = new TrainerConfig(config.epochs(), 1, 0, false, Schedule.ALL_LAYERS, config.optimizer(), config.seed());
            TrainingCheckpoint ck = checkpoint == null ? null
                    : new TrainingCheckpoint(checkpoint, config.checkpointEvery(), fingerprint(train, val), resume);
            TrainingResult r = new LayerwiseTrainer(tc).fit(problem, listener, prov, ck);
            LayerReport rep = r.layers().get(0);
            for (EpochStats s : rep.history()) history.add(new double[] {s.epoch(), s.loss(), s.metric(), s.elapsedSeconds()});
            seconds = rep.seconds();
            prov = r.provenance();
        } else {
            if (listener != null) listener.onRunStart(systems.size(), 0);
            prov = prov.finished();
        }
        LinearReadout readout = null;
        if (config.readout()) {
            double[][] f = net.readoutFeatures(xt, systems, meter, 256);
            readout = new LinearReadout(f[0].length, classes, 0.01, 0, config.seed()).fit(f, train.y(), config.readoutEpochs(), config.seed());
            meter.addMacs(readout.macs());
        }
        return new PffModel(net, readout, List.copyOf(history), meter.queries(), meter.samples(), meter.macs(), seconds, prov, systems);
    }

    /**
     * What a checkpoint must match to be resumed: every {@link PffConfig} setting except {@code checkpointEvery}
     * (which only decides when to save), the data sizes and hashes, and each device's spec and, for simulated
     * devices, its settings (seed, noise, quantisation, drift, re-draw, max batch).
     */
    private Map<String, String> fingerprint(Samples train, Samples val) {
        Map<String, String> fp = new LinkedHashMap<>();
        fp.put("format", "pff-v3");
        PffConfigCodec.toMap(config).forEach((k, v) -> { if (!k.equals("checkpointEvery")) fp.put(k, v); });
        fp.put("features", Integer.toString(train.features()));
        fp.put("classes", Integer.toString(train.classes()));
        fp.put("train", Integer.toString(train.size()));
        fp.put("data", train.hash());
        fp.put("validation", val == null ? "0" : Integer.toString(val.size()));
        fp.put("validation_data", val == null ? "" : val.hash());
        fp.put("blocks", Integer.toString(systems.size()));
        for (int i = 0; i < systems.size(); i++) {
            PhysicalSystem sys = systems.get(i);
            fp.put("device." + i, sys.spec().toString());
            if (sys instanceof org.forwardlearn.physical.sim.SimulatedSystem sim) {
                var st = sim.settings();
                for (java.lang.reflect.RecordComponent rc : st.getClass().getRecordComponents()) {
                    try {
                        fp.put("device." + i + "." + rc.getName(), String.valueOf(rc.getAccessor().invoke(st)));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Expected readable device settings (got " + e + ")", e);
                    }
                }
            }
        }
        return fp;
    }
}
