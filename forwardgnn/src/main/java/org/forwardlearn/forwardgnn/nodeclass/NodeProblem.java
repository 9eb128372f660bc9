package org.forwardlearn.forwardgnn.nodeclass;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * The common shape of forward-learning node classification: layer l reads the row-L2-normalised,
 * detached output of layer l-1 (a constant, so its aggregation is cached), is trained on its own
 * loss, and contributes per-node class scores; predictions sum the scores of the finished layers.
 */
public abstract class NodeProblem implements LayerwiseProblem {
    protected final List<GraphConv> convs;
    protected final Topology topology;
    protected final int[] labels;
    protected final int numClasses;
    protected final int numReal;
    protected final Split split;
    private final ConvInput[] inputs;
    private final boolean rowsOnly;
    /** Summed class scores of the finished layers (numReal x numClasses, row-major). */
    protected final double[] accumulated;
    private final List<double[]> layerAccuracies = new ArrayList<>();
    /** {@link #postProcess} of the finished layers' summed scores. */
    private double[] finalScores;

    protected NodeProblem(List<GraphConv> convs, Topology topology, NodeMatrix firstInput, int[] labels, int numClasses,
                          int numReal, Split split) {
        this(convs, topology, firstInput, labels, numClasses, numReal, split, false);
    }

    /** @param rowsOnly steps read only row subsets of the layer inputs (see {@link ConvInput#rowsOnly()}) */
    protected NodeProblem(List<GraphConv> convs, Topology topology, NodeMatrix firstInput, int[] labels, int numClasses,
                          int numReal, Split split, boolean rowsOnly) {
        this.convs = List.copyOf(convs);
        this.topology = topology;
        this.labels = labels;
        this.numClasses = numClasses;
        this.numReal = numReal;
        this.split = split;
        this.rowsOnly = rowsOnly;
        this.inputs = new ConvInput[convs.size()];
        this.inputs[0] = new ConvInput(firstInput.rowL2Normalized(), topology, true, rowsOnly);
        this.accumulated = new double[numReal * numClasses];
    }

    /** Class scores (numReal x numClasses, row-major) that layer l with output h adds to the prediction. */
    protected abstract double[] layerScores(int layer, DMatrixRMaj h);

    /** Called once per finished layer with its final output h on the whole (augmented) graph; default: nothing. */
    protected void onLayerOutput(int layer, DMatrixRMaj h) { }

    /** The next layer's input before normalisation (default: this layer's output). */
    protected NodeMatrix nextInput(int layer, DMatrixRMaj h) { return NodeMatrix.dense(h); }

    protected ConvInput input(int layer) { return inputs[layer]; }

    /**
     * The prediction scores of the finished layers 0..{@code layers-1} from their summed scores (default: unchanged).
     * A post-processing step that reads only fixed quantities (labels, the graph) may override it; it is applied to
     * the per-layer metrics and the final predictions, not to the validation that stops a layer early.
     */
    protected double[] postProcess(double[] summed, int layers) { return summed; }

    /** The summed scores of the finished layers (read-only view, fixed while the next layer trains). */
    protected double[] summedScores() { return accumulated; }

    @Override public int numLayers() { return convs.size(); }

    @Override public List<Parameter> parameters(int layer) { return convs.get(layer).parameters(); }

    @Override
    public double validate(int layer) {
        double[] s = layerScores(layer, convs.get(layer).forward(inputs[layer]));
        return accuracy(s, split.val(), true);
    }

    @Override
    public void layerFinished(int layer) {
        NodeMatrix next = finishLayer(layer, layer + 1 < convs.size());
        snapshotLedger();
        finalScores = postProcess(accumulated, layer + 1);
        layerAccuracies.add(new double[] {accuracy(finalScores, split.val(), false), accuracy(finalScores, split.test(), false)});
        inputs[layer] = null; // the finished layer's input is no longer needed (memory flat in depth)
        if (next != null) inputs[layer + 1] = new ConvInput(next, topology, true, rowsOnly);
    }

    /**
     * The whole-graph pass at a layer's end: adds the layer's scores to {@link #accumulated}, hands its output to
     * {@link #onLayerOutput} and returns the next layer's row-L2-normalised input (null when {@code needNext} is false).
     */
    protected NodeMatrix finishLayer(int layer, boolean needNext) {
        DMatrixRMaj h = convs.get(layer).forward(inputs[layer]);
        double[] s = layerScores(layer, h);
        onLayerOutput(layer, h);
        for (int i = 0; i < accumulated.length; i++) accumulated[i] += s[i];
        return needNext ? nextInput(layer, h).rowL2Normalized() : null;
    }

    private java.util.Map<String, Long> peakLedger = java.util.Map.of();
    private long maxRowAggregations;

    /** Records the current {@link #ledger()} if it is the largest so far (called at the end of a layer, and before its caches go). */
    protected void snapshotLedger() {
        java.util.Map<String, Long> now = ledger();
        for (java.util.Map.Entry<String, Long> e : now.entrySet()) {
            if (e.getKey().endsWith("_row_aggregations")) maxRowAggregations = Math.max(maxRowAggregations, e.getValue());
        }
        if (total(now) > total(peakLedger)) peakLedger = now;
    }

    private static long total(java.util.Map<String, Long> m) {
        long t = 0;
        for (long v : m.values()) t += v;
        return t;
    }

    /**
     * The {@link #ledger()} taken at the end of the layer whose live arrays were largest (input, its row caches, the
     * layer's output, the scores): what the heap holds for this problem at its peak, besides the graph.
     */
    public java.util.Map<String, Long> peakLedger() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>(peakLedger);
        m.put("row_aggregations_max", maxRowAggregations);
        return m;
    }

    /** The topology the layers run on (SF: with its virtual nodes). */
    public Topology topology() { return topology; }

    /** Bytes of the live node-sized arrays of this problem (layer inputs, their row caches, the scores), for the memory ledger. */
    public java.util.Map<String, Long> ledger() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("scores", 8L * accumulated.length);
        for (int l = 0; l < inputs.length; l++) {
            if (inputs[l] == null) continue;
            NodeMatrix x = inputs[l].x();
            m.put("layer" + l + "_input", x instanceof org.forwardlearn.forwardgnn.graph.RowStore r ? r.bytes()
                    : x.isSparse() ? 12L * x.nonZeros() + 4L * (x.rows() + 1) : 8L * x.rows() * x.cols());
            m.put("layer" + l + "_row_aggregations", inputs[l].cachedRowBytes());
        }
        return m;
    }

    /** Accuracy on the given nodes of accumulated (+ extra, when not null) scores. */
    protected double accuracy(double[] extra, int[] nodes, boolean withAccumulated) {
        int correct = 0;
        for (int i : nodes) {
            int best = 0;
            double bv = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < numClasses; k++) {
                double v = (withAccumulated ? accumulated[i * numClasses + k] : 0) + (extra == null ? 0 : extra[i * numClasses + k]);
                if (v > bv) { bv = v; best = k; }
            }
            if (best == labels[i]) correct++;
        }
        return (double) correct / nodes.length;
    }

    /** Final class per real node (argmax of the summed layer scores, post-processed). */
    public int[] predictions() {
        double[] f = finalScores != null ? finalScores : accumulated;
        int[] p = new int[numReal];
        for (int i = 0; i < numReal; i++) {
            int best = 0;
            for (int k = 1; k < numClasses; k++) if (f[i * numClasses + k] > f[i * numClasses + best]) best = k;
            p[i] = best;
        }
        return p;
    }

    /** Summed scores of the finished layers (numReal x numClasses, row-major; a copy), post-processed. */
    public double[] scores() { return (finalScores != null ? finalScores : accumulated).clone(); }

    /** Per finished layer: {validation accuracy, test accuracy} of the prediction using layers 0..l. */
    public List<double[]> layerAccuracies() { return List.copyOf(layerAccuracies); }

    public List<GraphConv> convs() { return convs; }

    /** Row-wise softmax of logits (rows x c) into a new array. */
    static double[] softmaxRows(double[] logits, int rows, int c) {
        double[] p = new double[rows * c];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) max = Math.max(max, logits[i * c + k]);
            double z = 0;
            for (int k = 0; k < c; k++) { p[i * c + k] = Math.exp(logits[i * c + k] - max); z += p[i * c + k]; }
            for (int k = 0; k < c; k++) p[i * c + k] /= z;
        }
        return p;
    }
}
