package org.forwardlearn.core.train;

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

/**
 * A {@link LayerwiseTrainer} run between two batches, as stored in core's {@link Checkpoint} container (atomic
 * write, CRC-32, lengths checked against the file, finite values): enough to resume bit for bit, because every
 * random stream of a problem is derived from (seed, epoch, batch).
 *
 * <p>Layout: metadata {@code model = layerwise-state}, {@code fp.<key>} per fingerprint entry, {@code layer} (first
 * layer of the group being trained), {@code epoch}, {@code next_batch}, {@code epoch_loss}, {@code elapsed},
 * {@code best}, {@code best_epoch}, {@code since_best}, {@code history} (rows of {@link EpochStats} separated by
 * {@code ;}); one record {@code layer} per layer with matrices {@code p<i>} (parameter values), {@code opt} (1 x n
 * optimizer state, empty outside the group) and {@code best<i>} (best-epoch snapshot, when kept); one record
 * {@code problem} holding {@link LayerwiseProblem#checkpointState()}. {@link #load} validates every field.
 */
public record TrainingState(Map<String, String> fingerprint, int layer, int epoch, int nextBatch, double epochLoss,
                            double elapsed, double best, int bestEpoch, int sinceBest, List<EpochStats> history,
                            List<List<DMatrixRMaj>> parameters, List<double[]> optimizers, List<List<DMatrixRMaj>> bestSnapshot,
                            Map<String, double[]> problemState) {
    static final String MODEL = "layerwise-state";
    private static final String FP = "fp.";

    public TrainingState {
        fingerprint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
        history = List.copyOf(history);
        problemState = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problemState));
        if (parameters.size() != optimizers.size() || (bestSnapshot != null && bestSnapshot.size() != parameters.size())) {
            throw new IllegalArgumentException("Expected parameters, optimizer states (and snapshots) for every layer (got "
                    + parameters.size() + ", " + optimizers.size() + ")");
        }
    }

    /** Writes atomically through {@link Checkpoint#save}. */
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", MODEL);
        fingerprint.forEach((k, v) -> meta.put(FP + k, v));
        meta.put("layer", Integer.toString(layer));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("next_batch", Integer.toString(nextBatch));
        meta.put("epoch_loss", Double.toString(epochLoss));
        meta.put("elapsed", Double.toString(elapsed));
        meta.put("best", Double.toString(best));
        meta.put("best_epoch", Integer.toString(bestEpoch));
        meta.put("since_best", Integer.toString(sinceBest));
        StringBuilder h = new StringBuilder();
        for (EpochStats s : history) {
            if (h.length() > 0) h.append(';');
            h.append(s.layer()).append(',').append(s.epoch()).append(',').append(s.maxEpochs()).append(',').append(s.loss()).append(',')
                    .append(s.metric()).append(',').append(s.bestMetric()).append(',').append(s.elapsedSeconds());
        }
        meta.put("history", h.toString());
        List<LayerRecord> recs = new ArrayList<>();
        for (int l = 0; l < parameters.size(); l++) {
            List<LayerRecord.NamedMatrix> ms = new ArrayList<>();
            for (int i = 0; i < parameters.get(l).size(); i++) ms.add(new LayerRecord.NamedMatrix("p" + i, parameters.get(l).get(i)));
            ms.add(row("opt", optimizers.get(l)));
            if (bestSnapshot != null && bestSnapshot.get(l) != null) {
                for (int i = 0; i < bestSnapshot.get(l).size(); i++) ms.add(new LayerRecord.NamedMatrix("best" + i, bestSnapshot.get(l).get(i)));
            }
            recs.add(new LayerRecord("layer", Map.of("index", Integer.toString(l)), ms));
        }
        List<LayerRecord.NamedMatrix> ps = new ArrayList<>();
        problemState.forEach((k, v) -> ps.add(row(k, v)));
        recs.add(new LayerRecord("problem", Map.of(), ps));
        new Checkpoint(meta, parameters.size(), parameters.size(), recs).save(file);
    }

    private static LayerRecord.NamedMatrix row(String name, double[] v) {
        return new LayerRecord.NamedMatrix(name, new DMatrixRMaj(1, v.length, true, v));
    }

    /** Reads and validates a state: core's container checks, then every field; errors name the file. */
    public static TrainingState load(Path file) throws IOException {
        return Checkpoint.load(file, TrainingState::decode);
    }

    static TrainingState decode(Checkpoint c) {
        if (!MODEL.equals(c.metadata().get("model"))) {
            throw new IllegalArgumentException("Expected a resumable training checkpoint (model '" + MODEL + "') (got model "
                    + ReadBudget.preview(c.metadata().get("model")) + ")");
        }
        Map<String, String> fp = new LinkedHashMap<>();
        c.metadata().forEach((k, v) -> { if (k.startsWith(FP)) fp.put(k.substring(FP.length()), v); });
        if (fp.isEmpty()) throw new IllegalArgumentException("Expected the run's fingerprint (fp.* metadata) (got none)");
        int layer = c.intField("layer", 0, Integer.MAX_VALUE - 1);
        int epoch = c.intField("epoch", 0, Integer.MAX_VALUE - 1);
        int next = c.intField("next_batch", 0, Integer.MAX_VALUE - 1);
        double loss = number(c, "epoch_loss", false);
        double elapsed = number(c, "elapsed", false);
        if (elapsed < 0) throw new IllegalArgumentException("Expected metadata 'elapsed' >= 0 (got " + elapsed + ")");
        double best = number(c, "best", true);
        int bestEpoch = c.intField("best_epoch", -1, Integer.MAX_VALUE - 1);
        int sinceBest = c.intField("since_best", 0, Integer.MAX_VALUE - 1);
        if (bestEpoch >= 0 && bestEpoch >= epoch) {
            throw new IllegalArgumentException("Expected metadata 'best_epoch' < epoch " + epoch + " (got " + bestEpoch + ")");
        }
        if (bestEpoch >= 0 && !Double.isFinite(best)) {
            throw new IllegalArgumentException("Expected a finite metadata 'best' with best_epoch " + bestEpoch + " (got " + best + ")");
        }
        List<EpochStats> history = history(c.field("history"), epoch);
        int n = c.layers().size() - 1;
        if (n < 1) throw new IllegalArgumentException("Expected at least one layer record and the problem record (got " + c.layers().size() + " records)");
        if (layer > n) throw new IllegalArgumentException("Expected metadata 'layer' <= " + n + " (got " + layer + ")");
        List<List<DMatrixRMaj>> params = new ArrayList<>(), snaps = new ArrayList<>();
        List<double[]> opts = new ArrayList<>();
        boolean anySnap = false;
        for (int l = 0; l < n; l++) {
            LayerRecord r = c.layers().get(l);
            if (!r.type().equals("layer") || !Integer.toString(l).equals(r.attributes().get("index"))) {
                throw new IllegalArgumentException("Expected record " + l + " to be layer " + l + " (got " + ReadBudget.preview(r.type())
                        + " index " + ReadBudget.preview(r.attributes().get("index")) + ")");
            }
            List<DMatrixRMaj> p = new ArrayList<>(), s = new ArrayList<>();
            double[] opt = null;
            for (LayerRecord.NamedMatrix m : r.matrices()) {
                if (m.name().equals("p" + p.size())) p.add(m.value());
                else if (m.name().equals("best" + s.size())) s.add(m.value());
                else if (m.name().equals("opt") && opt == null) opt = java.util.Arrays.copyOf(m.value().data, m.value().getNumElements());
                else throw new IllegalArgumentException("Expected matrices p<i>, opt, best<i> in layer " + l + " (got "
                        + ReadBudget.preview(m.name()) + ")");
            }
            if (p.isEmpty() || opt == null) throw new IllegalArgumentException("Expected parameters and an optimizer state for layer " + l + " (got none)");
            if (!s.isEmpty() && s.size() != p.size()) {
                throw new IllegalArgumentException("Expected " + p.size() + " best-epoch matrices for layer " + l + " (got " + s.size() + ")");
            }
            anySnap |= !s.isEmpty();
            params.add(p);
            snaps.add(s.isEmpty() ? null : s);
            opts.add(opt);
        }
        LayerRecord pr = c.layers().get(n);
        if (!pr.type().equals("problem")) throw new IllegalArgumentException("Expected the last record to be 'problem' (got " + ReadBudget.preview(pr.type()) + ")");
        Map<String, double[]> ps = new LinkedHashMap<>();
        for (LayerRecord.NamedMatrix m : pr.matrices()) ps.put(m.name(), java.util.Arrays.copyOf(m.value().data, m.value().getNumElements()));
        return new TrainingState(fp, layer, epoch, next, loss, elapsed, best, bestEpoch, sinceBest, history, params, opts,
                anySnap ? snaps : null, ps);
    }

    private static double number(Checkpoint c, String key, boolean allowMinusInfinity) {
        String v = c.field(key);
        try {
            double x = Double.parseDouble(v.trim());
            if (Double.isFinite(x) || (allowMinusInfinity && x == Double.NEGATIVE_INFINITY)) return x;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expected metadata '" + key + "' to be a finite number (got " + ReadBudget.preview(v) + ")");
    }

    /** Rows "layer,epoch,max,loss,metric,best,seconds"; one per finished epoch of the group, epochs 0..epoch-1. */
    private static List<EpochStats> history(String s, int epochs) {
        String[] rows = s.isEmpty() ? new String[0] : s.split(";", -1);
        if (rows.length != epochs) {
            throw new IllegalArgumentException("Expected one history row per finished epoch, " + epochs + " (got " + rows.length + ")");
        }
        List<EpochStats> h = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String[] p = rows[i].split(",", -1);
            if (p.length != 7) throw new IllegalArgumentException("Expected 7 values in history row " + i + " (got " + p.length + ")");
            try {
                int layer = Integer.parseInt(p[0]), e = Integer.parseInt(p[1]), max = Integer.parseInt(p[2]);
                double loss = Double.parseDouble(p[3]), metric = Double.parseDouble(p[4]), best = Double.parseDouble(p[5]);
                double secs = Double.parseDouble(p[6]);
                boolean ok = e == i && max >= epochs && layer >= 0 && Double.isFinite(loss) && Double.isFinite(secs) && secs >= 0
                        && !Double.isInfinite(metric) && !Double.isInfinite(best);
                if (!ok) throw new NumberFormatException();
                h.add(new EpochStats(layer, e, max, loss, metric, best, secs));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("Expected history row " + i + " = (layer, " + i + ", max epochs, finite loss, metric or NaN, "
                        + "best or NaN, seconds >= 0) (got " + ReadBudget.preview(rows[i]) + ")");
            }
        }
        return h;
    }

    /**
     * The entries where {@code run} (this run) and {@code saved} (a checkpoint) differ, as "key=run-value
     * (checkpoint: value)", in the run's key order, then keys only the checkpoint has.
     */
    public static List<String> differences(Map<String, String> run, Map<String, String> saved) {
        List<String> d = new ArrayList<>();
        run.forEach((k, v) -> {
            String g = saved.get(k);
            if (!v.equals(g)) d.add(k + "=" + ReadBudget.escape(v, 80) + " (checkpoint: " + (g == null ? "absent" : ReadBudget.escape(g, 80)) + ")");
        });
        saved.forEach((k, g) -> {
            if (!run.containsKey(k)) d.add(ReadBudget.escape(k, 40) + " absent from this run (checkpoint: " + ReadBudget.escape(g, 80) + ")");
        });
        return d;
    }
}
