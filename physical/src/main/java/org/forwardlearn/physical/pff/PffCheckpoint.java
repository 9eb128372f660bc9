package org.forwardlearn.physical.pff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.CheckpointFormatException;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.io.ReadBudget;

/**
 * The complete state of a PFF run between two block-update rounds, stored in core's {@link Checkpoint}
 * container (one format for every model: atomic write, CRC-32, lengths checked against the file, the read
 * budget, finite values). Random streams are derived from (seed, epoch, batch), so the position (epoch, next
 * batch) stands for the RNG state.
 *
 * <p>Layout: metadata {@code model = pff-checkpoint}, {@code fp.<key>} for every fingerprint entry, {@code
 * epoch}, {@code next_batch}, {@code epoch_loss}, {@code queries}, {@code samples}, {@code macs}, {@code
 * elapsed}, {@code history} (rows {@code epoch,loss,val,seconds} separated by {@code ;}, doubles written
 * exactly); one layer record {@code pff-block} per block with 1 x n matrices {@code params}, {@code adam} and
 * {@code device}. {@link #read} validates every field and names the file in every error.
 *
 * @param fingerprint  the run's full configuration, data hash and devices ({@link PffTrainer}); a resume with
 *                     any difference is refused, naming what differs
 * @param epoch        current epoch
 * @param nextBatch    next batch to run in that epoch
 * @param epochLoss    sum of batch losses so far in this epoch
 * @param counters     {queries, samples, macs}
 * @param elapsed      training seconds so far
 * @param params       per block, W then b values (row-major)
 * @param adam         per block, {@link org.forwardlearn.core.optim.Adam#saveState} output
 * @param devices      per block, the device state ({@link org.forwardlearn.physical.StatefulSystem#state()}) or empty
 * @param history      per finished epoch {epoch, loss, valAccuracy (NaN without validation), elapsedSeconds}
 */
public record PffCheckpoint(Map<String, String> fingerprint, int epoch, int nextBatch, double epochLoss, long[] counters, double elapsed,
                            double[][] params, double[][] adam, double[][] devices, double[][] history) {
    static final String MODEL = "pff-checkpoint";
    static final String BLOCK = "pff-block";
    private static final String FP = "fp.";

    public PffCheckpoint {
        fingerprint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
        if (counters.length != 3) throw new IllegalArgumentException("Expected 3 counters (got " + counters.length + ")");
        if (params.length != adam.length || params.length != devices.length) {
            throw new IllegalArgumentException("Expected params, adam and device states for every block (got " + params.length + ", "
                    + adam.length + ", " + devices.length + ")");
        }
    }

    /** Writes atomically through {@link Checkpoint#save}. */
    public void write(Path path) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", MODEL);
        fingerprint.forEach((k, v) -> meta.put(FP + k, v));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("next_batch", Integer.toString(nextBatch));
        meta.put("epoch_loss", Double.toString(epochLoss));
        meta.put("queries", Long.toString(counters[0]));
        meta.put("samples", Long.toString(counters[1]));
        meta.put("macs", Long.toString(counters[2]));
        meta.put("elapsed", Double.toString(elapsed));
        StringBuilder h = new StringBuilder();
        for (double[] row : history) {
            if (h.length() > 0) h.append(';');
            for (int j = 0; j < row.length; j++) h.append(j > 0 ? "," : "").append(Double.toString(row[j]));
        }
        meta.put("history", h.toString());
        List<LayerRecord> blocks = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            blocks.add(new LayerRecord(BLOCK, Map.of("index", Integer.toString(i)), List.of(row("params", params[i]),
                    row("adam", adam[i]), row("device", devices[i]))));
        }
        new Checkpoint(meta, blocks.size(), blocks.size(), blocks).save(path);
    }

    private static LayerRecord.NamedMatrix row(String name, double[] v) {
        return new LayerRecord.NamedMatrix(name, new DMatrixRMaj(1, v.length, true, v));
    }

    /**
     * Reads and validates a PFF checkpoint: core's checks (file, size, CRC, lengths, finite values), then every
     * field (types, ranges, one record per block, history rows of 4 values numbered 0..epoch-1). Errors are
     * {@link CheckpointFormatException}s naming the file.
     */
    public static PffCheckpoint read(Path path) throws IOException {
        return Checkpoint.load(path, PffCheckpoint::decode);
    }

    static PffCheckpoint decode(Checkpoint c) {
        if (!MODEL.equals(c.metadata().get("model"))) {
            throw new IllegalArgumentException("Expected a PFF checkpoint (model '" + MODEL + "') (got model "
                    + ReadBudget.preview(c.metadata().get("model")) + ")");
        }
        Map<String, String> fp = new LinkedHashMap<>();
        c.metadata().forEach((k, v) -> {
            if (k.startsWith(FP)) fp.put(k.substring(FP.length()), v);
        });
        if (fp.isEmpty()) throw new IllegalArgumentException("Expected the run's fingerprint (fp.* metadata) (got none)");
        int epoch = c.intField("epoch", 0, Integer.MAX_VALUE - 1);
        int next = c.intField("next_batch", 0, Integer.MAX_VALUE - 1);
        double loss = finite(c, "epoch_loss");
        long[] counters = {count(c, "queries"), count(c, "samples"), count(c, "macs")};
        double elapsed = finite(c, "elapsed");
        if (elapsed < 0) throw new IllegalArgumentException("Expected metadata 'elapsed' >= 0 (got " + elapsed + ")");
        double[][] history = history(c.field("history"), epoch);
        int b = c.layers().size();
        if (b < 1) throw new IllegalArgumentException("Expected at least one pff-block record (got none)");
        double[][] params = new double[b][], adam = new double[b][], dev = new double[b][];
        for (int i = 0; i < b; i++) {
            LayerRecord r = c.layers().get(i);
            if (!r.type().equals(BLOCK) || !Integer.toString(i).equals(r.attributes().get("index"))) {
                throw new IllegalArgumentException("Expected record " + i + " to be pff-block " + i + " (got "
                        + ReadBudget.preview(r.type()) + " index " + ReadBudget.preview(r.attributes().get("index")) + ")");
            }
            params[i] = vector(r, "params");
            adam[i] = vector(r, "adam");
            dev[i] = vector(r, "device");
            if (params[i].length == 0) throw new IllegalArgumentException("Expected parameters for block " + i + " (got none)");
        }
        return new PffCheckpoint(fp, epoch, next, loss, counters, elapsed, params, adam, dev, history);
    }

    private static double[] vector(LayerRecord r, String name) {
        DMatrixRMaj m = r.matrix(name);
        if (m.numRows != 1 && m.getNumElements() > 0) {
            throw new IllegalArgumentException("Expected '" + name + "' as one row (got " + m.numRows + "x" + m.numCols + ")");
        }
        return java.util.Arrays.copyOf(m.data, m.getNumElements());
    }

    private static double finite(Checkpoint c, String key) {
        c.field(key); // required
        return c.doubleField(key, -Double.MAX_VALUE, Double.MAX_VALUE, 0);
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

    /** epoch rows "e,loss,val,seconds"; e = row index, loss and seconds finite, val in [0,1] or NaN. */
    private static double[][] history(String s, int epochs) {
        String[] rows = s.isEmpty() ? new String[0] : s.split(";", -1);
        if (rows.length != epochs) {
            throw new IllegalArgumentException("Expected one history row per finished epoch, " + epochs + " (got " + rows.length + ")");
        }
        double[][] h = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] p = rows[i].split(",", -1);
            if (p.length != 4) throw new IllegalArgumentException("Expected 4 values in history row " + i + " (got " + p.length + ")");
            h[i] = new double[4];
            for (int j = 0; j < 4; j++) {
                try {
                    h[i][j] = Double.parseDouble(p[j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Expected a number in history row " + i + " (got " + ReadBudget.preview(p[j]) + ")");
                }
            }
            boolean ok = h[i][0] == i && Double.isFinite(h[i][1]) && Double.isFinite(h[i][3]) && h[i][3] >= 0
                    && (Double.isNaN(h[i][2]) || (h[i][2] >= 0 && h[i][2] <= 1));
            if (!ok) {
                throw new IllegalArgumentException("Expected history row " + i + " = (" + i + ", finite loss, accuracy in [0,1] or NaN, "
                        + "seconds >= 0) (got " + ReadBudget.preview(rows[i]) + ")");
            }
        }
        return h;
    }

    /**
     * The entries where {@code expected} (this run) and {@code got} (a checkpoint) differ, as
     * "key=run-value (checkpoint: value)", in the run's key order, then keys only the checkpoint has.
     */
    static List<String> differences(Map<String, String> expected, Map<String, String> got) {
        List<String> d = new ArrayList<>();
        expected.forEach((k, v) -> {
            String g = got.get(k);
            if (!v.equals(g)) d.add(k + "=" + ReadBudget.escape(v, 80) + " (checkpoint: " + (g == null ? "absent" : ReadBudget.escape(g, 80)) + ")");
        });
        got.forEach((k, g) -> {
            if (!expected.containsKey(k)) d.add(ReadBudget.escape(k, 40) + " absent from this run (checkpoint: " + ReadBudget.escape(g, 80) + ")");
        });
        return d;
    }
}
