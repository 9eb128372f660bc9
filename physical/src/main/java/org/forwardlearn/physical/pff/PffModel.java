package org.forwardlearn.physical.pff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.model.Model;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * A trained PFF network with its training costs and provenance, attached to the physical systems it runs on
 * (inference measures them: C device passes per sample for goodness inference).
 *
 * @param network      the trained blocks
 * @param readout      the linear readout, or null when not trained
 * @param history      per epoch {epoch, loss, valAccuracy (NaN if none), elapsedSeconds}
 * @param queries      device queries (measure calls) during training, validation and readout fitting
 * @param samples      device samples (rows) measured during training
 * @param macs         digital multiply-adds during training (forward and backward)
 * @param trainSeconds wall time of training
 * @param provenance   the run that made it (configuration, seed, data, versions, times)
 * @param systems      the systems {@link #predict} measures (one per block)
 */
public record PffModel(PffNetwork network, LinearReadout readout, List<double[]> history, long queries, long samples,
                       long macs, double trainSeconds, RunProvenance provenance, List<? extends PhysicalSystem> systems)
        implements Model<DMatrixRMaj> {
    static final String MODEL = "pff";

    public PffModel {
        history = List.copyOf(history);
        systems = List.copyOf(systems);
        if (systems.size() != network.blocks().size()) {
            throw new IllegalArgumentException("Expected one system per block, " + network.blocks().size() + " (got " + systems.size() + ")");
        }
    }

    /** Goodness-based prediction on the attached systems (chunks of the training batch size, as in training). */
    @Override
    public int[] predict(DMatrixRMaj x) {
        return network.predict(rows(x), systems, new Meter(), network.config().batchSize());
    }

    /**
     * Test accuracy by goodness (C device passes per sample); the meter counts the inference cost. Samples are
     * scored in chunks of the training batch size, so that the label-embedding value (the batch max of |x|) has
     * the same statistics as in training.
     */
    public double accuracy(double[][] x, int[] y, List<? extends PhysicalSystem> systems, Meter meter) {
        return PffNetwork.accuracy(network.predict(x, systems, meter, network.config().batchSize()), y);
    }

    /** Test accuracy with the linear readout (one device pass per sample). */
    public double readoutAccuracy(double[][] x, int[] y, List<? extends PhysicalSystem> systems, Meter meter) {
        if (readout == null) throw new IllegalStateException("Expected a model trained with readout=true (got none)");
        return PffNetwork.accuracy(readout.predict(network.readoutFeatures(x, systems, meter, 256)), y);
    }

    /** The same model measuring other (e.g. reopened) systems of the same specs. */
    public PffModel withSystems(List<? extends PhysicalSystem> other) {
        return new PffModel(network, readout, history, queries, samples, macs, trainSeconds, provenance, other);
    }

    private static double[][] rows(DMatrixRMaj x) {
        double[][] r = new double[x.numRows][x.numCols];
        for (int i = 0; i < x.numRows; i++) System.arraycopy(x.data, i * x.numCols, r[i], 0, x.numCols);
        return r;
    }

    /**
     * The model as a core checkpoint: metadata {@code model = pff}, {@code features}, {@code classes}, every
     * {@link PffConfig} setting as {@code pff.<name>}, the costs and the provenance; one {@code pff-block} record per
     * block (W, b) and a {@code readout} record when trained. The systems are not part of it: pass them to {@link #load}.
     */
    @Override
    public Checkpoint toCheckpoint() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", MODEL);
        meta.put("features", Integer.toString(network.features()));
        meta.put("classes", Integer.toString(network.classes()));
        PffConfigCodec.toMap(network.config()).forEach((k, v) -> meta.put("pff." + k, v));
        meta.put("queries", Long.toString(queries));
        meta.put("samples", Long.toString(samples));
        meta.put("macs", Long.toString(macs));
        meta.put("train_seconds", Double.toString(trainSeconds));
        if (provenance != null) meta.putAll(provenance.toStrings());
        List<LayerRecord> recs = new ArrayList<>();
        for (PffBlock b : network.blocks()) recs.add(record("pff-block", b.layer().parameters()));
        if (readout != null) recs.add(record("readout", readout.parameters()));
        return new Checkpoint(meta, network.blocks().size(), network.blocks().size(), recs);
    }

    private static LayerRecord record(String type, List<Parameter> ps) {
        List<LayerRecord.NamedMatrix> ms = new ArrayList<>();
        for (Parameter p : ps) ms.add(new LayerRecord.NamedMatrix(p.name(), p.value()));
        return new LayerRecord(type, Map.of(), ms);
    }

    /**
     * Loads a model saved with {@link #save}, attached to {@code systems} (one per block, with the specs of the
     * training systems: the encoders are rebuilt from them). Every field is validated; errors are
     * {@link org.forwardlearn.core.io.CheckpointFormatException}s naming the file.
     */
    public static PffModel load(Path file, List<? extends PhysicalSystem> systems) throws IOException {
        return Checkpoint.load(file, c -> fromCheckpoint(c, systems));
    }

    static PffModel fromCheckpoint(Checkpoint c, List<? extends PhysicalSystem> systems) {
        if (!MODEL.equals(c.metadata().get("model"))) {
            throw new IllegalArgumentException("Expected a PFF model (model 'pff') (got model " + ReadBudget.preview(c.metadata().get("model")) + ")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        c.metadata().forEach((k, v) -> { if (k.startsWith("pff.")) settings.put(k.substring(4), v); });
        PffConfig cfg = PffConfigCodec.fromMap(settings);
        int features = c.intField("features", 1, Integer.MAX_VALUE - 1);
        int classes = c.intField("classes", 2, 1 << 20);
        long q = count(c, "queries"), s = count(c, "samples"), m = count(c, "macs");
        double secs = c.doubleField("train_seconds", 0, Double.MAX_VALUE, Double.NaN);
        if (Double.isNaN(secs)) c.field("train_seconds");
        int blocks = c.totalLayers();
        if (systems.size() != blocks) {
            throw new IllegalArgumentException("Expected " + blocks + " physical systems for the model's blocks (got " + systems.size() + ")");
        }
        boolean hasReadout = cfg.readout();
        if (c.layers().size() != blocks + (hasReadout ? 1 : 0)) {
            throw new IllegalArgumentException("Expected " + blocks + " pff-block records" + (cfg.readout() ? " and a readout" : "") + " (got "
                    + c.layers().size() + " records)");
        }
        PffNetwork net = new PffNetwork(cfg, features, classes, systems);
        for (int i = 0; i < blocks; i++) copy(c.layers().get(i), "pff-block", net.blocks().get(i).layer().parameters(), i);
        LinearReadout readout = null;
        if (hasReadout) {
            readout = new LinearReadout(blocks * cfg.hidden(), classes, 0.01, 0, cfg.seed());
            copy(c.layers().get(blocks), "readout", readout.parameters(), blocks);
        }
        RunProvenance prov = c.metadata().containsKey("provenance.task") ? RunProvenance.fromStrings(c.metadata()) : null;
        return new PffModel(net, readout, List.of(), q, s, m, secs, prov, systems);
    }

    private static void copy(LayerRecord r, String type, List<Parameter> ps, int index) {
        if (!r.type().equals(type)) {
            throw new IllegalArgumentException("Expected record " + index + " to be " + type + " (got " + ReadBudget.preview(r.type()) + ")");
        }
        if (r.matrices().size() != ps.size()) {
            throw new IllegalArgumentException("Expected " + ps.size() + " matrices in record " + index + " (got " + r.matrices().size() + ")");
        }
        for (Parameter p : ps) {
            DMatrixRMaj v = r.matrix(p.name());
            if (v.numRows != p.value().numRows || v.numCols != p.value().numCols) {
                throw new IllegalArgumentException("Expected '" + p.name() + "' of record " + index + " of shape " + p.value().numRows + "x"
                        + p.value().numCols + " (got " + v.numRows + "x" + v.numCols + ")");
            }
            p.value().setTo(v);
        }
    }

    private static long count(Checkpoint c, String key) {
        String v = c.field(key);
        try {
            long x = Long.parseLong(v.trim());
            if (x >= 0) return x;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expected metadata '" + key + "' to be a count >= 0 (got " + ReadBudget.preview(v) + ")");
    }
}
