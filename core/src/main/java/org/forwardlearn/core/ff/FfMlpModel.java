package org.forwardlearn.core.ff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.DenseLayers;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.layer.TrainableLayer;
import org.forwardlearn.core.model.Model;
import org.forwardlearn.core.layer.RowL2Norm;
import org.forwardlearn.core.objective.Goodness;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.TrainingResult;

/**
 * A trained forward-forward MLP (immutable: layers are copies). Inference tries every label and sums the
 * goodness over layers (optionally leaving out the first), predicting the label with the highest sum.
 */
public final class FfMlpModel implements Model<DMatrixRMaj> {
    private final List<TrainableLayer> layers;
    private final LabelEmbedding embedding;
    private final Goodness goodness;
    private final boolean skipFirstLayer;
    private final TrainingResult training;
    private final Standardizer standardizer;
    private final RunProvenance provenance;

    public FfMlpModel(List<? extends TrainableLayer> layers, LabelEmbedding embedding, Goodness goodness, boolean skipFirstLayer,
                      TrainingResult training) {
        this(layers, embedding, goodness, skipFirstLayer, Standardizer.IDENTITY, training);
    }

    /** @param standardizer applied to raw inputs before the label is embedded */
    public FfMlpModel(List<? extends TrainableLayer> layers, LabelEmbedding embedding, Goodness goodness, boolean skipFirstLayer,
                      Standardizer standardizer, TrainingResult training) {
        this(layers, embedding, goodness, skipFirstLayer, standardizer, training, training == null ? null : training.provenance());
    }

    private FfMlpModel(List<? extends TrainableLayer> layers, LabelEmbedding embedding, Goodness goodness, boolean skipFirstLayer,
                       Standardizer standardizer, TrainingResult training, RunProvenance provenance) {
        this.standardizer = standardizer;
        this.provenance = provenance;
        List<TrainableLayer> copies = new ArrayList<>();
        for (TrainableLayer l : layers) copies.add(l.copy());
        this.layers = List.copyOf(copies);
        this.embedding = embedding;
        this.goodness = goodness;
        this.skipFirstLayer = skipFirstLayer && layers.size() > 1;
        this.training = training;
    }

    /** The trained layers (copies owned by the model: do not modify). */
    public List<TrainableLayer> layers() { return layers; }

    /** The provenance of the run that trained it (from the checkpoint for a loaded model; null if it had none). */
    @Override
    public RunProvenance provenance() { return provenance; }

    public int numClasses() { return embedding.numClasses(); }

    /** The input transform fitted on the training data. */
    public Standardizer standardizer() { return standardizer; }

    /** The training report, or null for a model loaded from a checkpoint. */
    public TrainingResult training() { return training; }

    /** scores[i][c] = summed goodness of sample i with label c embedded. */
    public double[][] scores(DMatrixRMaj x) {
        x = standardizer.apply(x);
        int n = x.numRows, c = embedding.numClasses();
        double[][] s = new double[n][c];
        int chunk = 2000;
        DMatrixRMaj in = new DMatrixRMaj(1, 1), h = new DMatrixRMaj(1, 1);
        double[] g = new double[chunk];
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            int[] rows = new int[len];
            for (int i = 0; i < len; i++) rows[i] = start + i;
            int[] lab = new int[len];
            for (int k = 0; k < c; k++) {
                java.util.Arrays.fill(lab, k);
                embedding.embed(x, rows, lab, in);
                for (int l = 0; l < layers.size(); l++) {
                    normalize(in, in);
                    layers.get(l).forward(in, h);
                    if (!(skipFirstLayer && l == 0)) {
                        goodness.evaluate(h, g);
                        for (int i = 0; i < len; i++) s[start + i][k] += g[i];
                    }
                    DMatrixRMaj t = in; in = h; h = t;
                }
            }
        }
        return s;
    }

    @Override
    public int[] predict(DMatrixRMaj x) {
        double[][] s = scores(x);
        int[] p = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            int best = 0;
            for (int k = 1; k < s[i].length; k++) if (s[i][k] > s[i][best]) best = k;
            p[i] = best;
        }
        return p;
    }

    public double accuracy(DMatrixRMaj x, int[] y) {
        if (y.length != x.numRows) throw new IllegalArgumentException("Expected one label per row (got " + y.length + " labels, " + x.numRows + " rows)");
        int[] p = predict(x);
        int ok = 0;
        for (int i = 0; i < y.length; i++) if (p[i] == y[i]) ok++;
        return (double) ok / y.length;
    }

    /** The model with its own provenance as a checkpoint (type "ff-mlp"). */
    @Override
    public Checkpoint toCheckpoint() { return toCheckpoint(provenance); }

    /**
     * The model as a checkpoint (type "ff-mlp") with the given provenance. Dense layers are stored as "dense"
     * records; any other {@link TrainableLayer} as a "trainable" record (its class, sizes and parameters by name),
     * loaded back with {@link #load(java.nio.file.Path, LayerFactory)}.
     */
    public Checkpoint toCheckpoint(RunProvenance provenance) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", "ff-mlp");
        meta.put("classes", Integer.toString(embedding.numClasses()));
        meta.put("label_value", Double.toString(embedding.value()));
        meta.put("goodness", goodness.toString());
        meta.put("skip_first_layer", Boolean.toString(skipFirstLayer));
        meta.put("input_shift", Double.toString(standardizer.shift()));
        meta.put("input_scale", Double.toString(standardizer.scale()));
        if (provenance != null) meta.putAll(provenance.toStrings());
        List<LayerRecord> recs = new ArrayList<>();
        for (TrainableLayer l : layers) recs.add(l instanceof DenseLayer d ? DenseLayers.toRecord(d) : generic(l));
        return new Checkpoint(meta, recs.size(), recs.size(), recs);
    }

    /**
     * Inverse of {@link #toCheckpoint}. Every field is validated: the model type, the class count (an integer
     * >= 2 and no larger than the first layer's input), the label value, the goodness name, the flags, the
     * standardiser, at least one layer, and layer sizes that chain; a bad one gives an
     * {@link IllegalArgumentException} "Expected ... (got ...)" ({@link #load} adds the file's name).
     */
    public static FfMlpModel fromCheckpoint(Checkpoint cp) {
        return fromCheckpoint(cp, null);
    }

    /** As {@link #fromCheckpoint(Checkpoint)}; "trainable" records are rebuilt with {@code factory} (null: refused). */
    public static FfMlpModel fromCheckpoint(Checkpoint cp, LayerFactory factory) {
        Map<String, String> m = cp.metadata();
        if (!"ff-mlp".equals(m.get("model"))) {
            throw new IllegalArgumentException("Expected an ff-mlp checkpoint (got model "
                    + org.forwardlearn.core.io.ReadBudget.preview(m.get("model")) + ")");
        }
        if (cp.layers().isEmpty()) throw new IllegalArgumentException("Expected at least one dense layer record (got none)");
        List<TrainableLayer> layers = new ArrayList<>();
        for (LayerRecord r : cp.layers()) {
            TrainableLayer l = r.type().equals("trainable") ? fromGeneric(r, layers.size(), factory) : DenseLayers.fromRecord(r);
            if (!layers.isEmpty() && layers.get(layers.size() - 1).outputSize() != l.inputSize()) {
                throw new IllegalArgumentException("Expected layer " + layers.size() + " to take " + layers.get(layers.size() - 1).outputSize()
                        + " inputs, the previous layer's outputs (got " + l.inputSize() + ")");
            }
            layers.add(l);
        }
        int classes = cp.intField("classes", 2, layers.get(0).inputSize());
        double labelValue = cp.doubleField("label_value", -1e6, 1e6, Double.NaN);
        if (Double.isNaN(labelValue)) cp.field("label_value");
        String gName = cp.field("goodness");
        Goodness g;
        if (gName.equals(SquaredGoodness.mean().toString())) g = SquaredGoodness.mean();
        else if (gName.equals(SquaredGoodness.sum().toString())) g = SquaredGoodness.sum();
        else throw new IllegalArgumentException("Expected metadata 'goodness' " + SquaredGoodness.mean() + " or " + SquaredGoodness.sum()
                + " (got " + org.forwardlearn.core.io.ReadBudget.preview(gName) + ")");
        boolean skip = cp.booleanField("skip_first_layer");
        double shift = cp.doubleField("input_shift", -1e300, 1e300, 0);
        double scale = cp.doubleField("input_scale", Double.MIN_VALUE, 1e300, 1);
        RunProvenance prov = m.containsKey("provenance.task") ? RunProvenance.fromStrings(m) : null;
        return new FfMlpModel(layers, new LabelEmbedding(classes, labelValue), g, skip, new Standardizer(shift, scale), null, prov);
    }

    private static LayerRecord generic(TrainableLayer l) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("class", l.getClass().getName());
        attrs.put("input", Integer.toString(l.inputSize()));
        attrs.put("output", Integer.toString(l.outputSize()));
        List<LayerRecord.NamedMatrix> ms = new ArrayList<>();
        for (Parameter p : l.parameters()) ms.add(new LayerRecord.NamedMatrix(p.name(), p.value()));
        return new LayerRecord("trainable", attrs, ms);
    }

    private static TrainableLayer fromGeneric(LayerRecord r, int index, LayerFactory factory) {
        String cls = org.forwardlearn.core.io.ReadBudget.preview(r.attributes().get("class"));
        if (factory == null) {
            throw new IllegalArgumentException("Expected a layer factory for the custom layer " + index + " (got class " + cls
                    + " and none): load with FfMlpModel.load(file, factory)");
        }
        int in = intAttr(r, "input"), out = intAttr(r, "output");
        TrainableLayer l = factory.create(index, in, out, FfMlpConfig.defaults(), new java.util.Random(0));
        if (l.inputSize() != in || l.outputSize() != out || l.parameters().size() != r.matrices().size()) {
            throw new IllegalArgumentException("Expected the factory's layer " + index + " to match the stored " + cls + " (" + in + " -> " + out
                    + ", " + r.matrices().size() + " parameters) (got " + l.inputSize() + " -> " + l.outputSize() + ", " + l.parameters().size() + ")");
        }
        for (Parameter p : l.parameters()) {
            DMatrixRMaj v = r.matrix(p.name());
            if (v.numRows != p.value().numRows || v.numCols != p.value().numCols) {
                throw new IllegalArgumentException("Expected parameter '" + p.name() + "' of layer " + index + " of shape " + p.value().numRows
                        + "x" + p.value().numCols + " (got " + v.numRows + "x" + v.numCols + ")");
            }
            p.value().setTo(v);
        }
        return l;
    }

    private static int intAttr(LayerRecord r, String key) {
        String v = r.attribute(key);
        try {
            int x = Integer.parseInt(v);
            if (x >= 1) return x;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expected attribute '" + key + "' to be a size >= 1 (got " + org.forwardlearn.core.io.ReadBudget.preview(v) + ")");
    }

    /**
     * Loads a model saved with {@code toCheckpoint(...).save(file)}; every error (missing file, directory,
     * oversize, corrupt, truncated, non-finite weight, a field of the wrong type) is a
     * {@link org.forwardlearn.core.io.CheckpointFormatException} naming the file.
     */
    public static FfMlpModel load(java.nio.file.Path file) throws java.io.IOException {
        return Checkpoint.load(file, FfMlpModel::fromCheckpoint);
    }

    /** As {@link #load(java.nio.file.Path)}, rebuilding custom ("trainable") layers with {@code factory}. */
    public static FfMlpModel load(java.nio.file.Path file, LayerFactory factory) throws java.io.IOException {
        return Checkpoint.load(file, c -> fromCheckpoint(c, factory));
    }

    /** The normalisation before every layer: each row scaled to unit root-mean-square (length sqrt(columns)). */
    static void normalize(DMatrixRMaj in, DMatrixRMaj out) {
        RowL2Norm.apply(in, out, RowL2Norm.DEFAULT_EPS, Math.sqrt(in.numCols));
    }

    static Activation activationOf(String s) { return Activation.parse(s); }
}
