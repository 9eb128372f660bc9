package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * ForwardGNN's single-forward method (SF): the graph gets one virtual node per class, wired to the
 * training nodes of that class. Each layer's loss is the softmax cross-entropy of the training
 * nodes' similarities &lt;h_i, h_vk&gt;/tau to the virtual nodes' outputs of the same layer; a layer's
 * prediction is that softmax, and the model sums the layers' distributions.
 */
public final class SingleForward extends NodeProblem {
    private final PrototypeSoftmaxLoss loss;
    private final int[] trainLabels;
    /** Training nodes then virtual nodes (the rows the loss reads), validation nodes then virtual nodes. */
    private final int[] trainRows, valRows, localTrain;
    private final DMatrixRMaj dh = new DMatrixRMaj(1, 1), dp = new DMatrixRMaj(1, 1);
    /** Step and validation outputs, reused every epoch (node-sized buffers allocated once, not per step). */
    private final DMatrixRMaj stepOut = new DMatrixRMaj(1, 1), valOut = new DMatrixRMaj(1, 1);
    /** What a trained model needs to predict on a new graph: the frozen virtual-node features and each layer's prototypes. */
    private final java.util.Map<String, DMatrixRMaj> extras = new java.util.LinkedHashMap<>();
    /** The label-propagation signals (null: plain SF), the real graph's GCN operator, the real nodes without a training label. */
    private final Propagated prop;
    private final org.forwardlearn.forwardgnn.graph.Csr realOperator;
    private final int[] unlabelled;
    /** Soft targets of the unlabelled rows for layer {@code targetsLayer} (fixed while that layer trains). */
    private double[] targets;
    private int targetsLayer = -1;
    /** Seed of the local objective's dropout masks ({@link LocalDropout}; 0 = no dropout). */
    private long dropoutSeed;

    /** First virtual row of the (augmented) graph: n for SF; after the copies of the label trick's union graph. */
    private final int virtualStart;

    /**
     * Training rows per step block (more training rows + virtual nodes than this: the step runs block by block); system
     * property {@code forwardlearn.sfStepBlock} (tests), default 65,536.
     */
    private final int stepBlock = Integer.getInteger("forwardlearn.sfStepBlock", 65_536);
    /** Per block: training node ids, their labels, local rows 0..len-1 (null when one block holds every training row). */
    private final int[][] blockRows, blockLabels, blockLocal;
    /** Validation nodes per block (null when one block holds them all). */
    private final int[][] valBlocks;
    private final int[] virtualRows;

    /**
     * @param real   the real graph (labels, the operator of the propagation signals)
     * @param scored the rows of the augmented graph the training loss reads (SF: the training nodes)
     * @param scoredLabels their labels
     */
    private SingleForward(List<GraphConv> convs, VirtualNodes aug, GraphData real, Split split, double tau, Propagated prop,
                          int[] scored, int[] scoredLabels) {
        super(convs, aug.topology(), aug.features(), real.labels(), real.numClasses(), real.numNodes(), split, true);
        this.loss = new PrototypeSoftmaxLoss(tau);
        this.prop = prop;
        this.virtualStart = aug.numReal();
        this.realOperator = prop == null ? null : real.topology().gcn();
        this.trainLabels = scoredLabels.clone();
        boolean[] isTrain = new boolean[real.numNodes()];
        for (int i : split.train()) isTrain[i] = true;
        this.unlabelled = prop != null && prop.residualWeight() > 0
                ? java.util.stream.IntStream.range(0, real.numNodes()).filter(i -> !isTrain[i]).toArray() : new int[0];
        int[] rows = java.util.Arrays.copyOf(scored, scored.length + unlabelled.length);
        System.arraycopy(unlabelled, 0, rows, scored.length, unlabelled.length);
        this.trainRows = withVirtual(rows);
        this.valRows = withVirtual(split.val());
        this.localTrain = new int[scored.length];
        for (int t = 0; t < localTrain.length; t++) localTrain[t] = t;
        this.virtualRows = new int[numClasses];
        for (int k = 0; k < numClasses; k++) virtualRows[k] = virtualStart + k;
        int t = scored.length, v = split.val().length;
        if (v + numClasses <= stepBlock) {
            valBlocks = null;
        } else {
            int nb = org.forwardlearn.core.kernel.Parallel.blocks(v, stepBlock);
            valBlocks = new int[nb][];
            for (int b = 0; b < nb; b++) {
                valBlocks[b] = java.util.Arrays.copyOfRange(split.val(), org.forwardlearn.core.kernel.Parallel.blockStart(v, nb, b),
                        org.forwardlearn.core.kernel.Parallel.blockStart(v, nb, b + 1));
            }
        }
        if (t + numClasses <= stepBlock || unlabelled.length > 0) { // soft targets: one step over all rows
            blockRows = blockLabels = blockLocal = null;
        } else {
            int nb = org.forwardlearn.core.kernel.Parallel.blocks(t, stepBlock);
            blockRows = new int[nb][];
            blockLabels = new int[nb][];
            blockLocal = new int[nb][];
            for (int b = 0; b < nb; b++) {
                int from = org.forwardlearn.core.kernel.Parallel.blockStart(t, nb, b), to = org.forwardlearn.core.kernel.Parallel.blockStart(t, nb, b + 1);
                blockRows[b] = java.util.Arrays.copyOfRange(scored, from, to);
                blockLabels[b] = java.util.Arrays.copyOfRange(trainLabels, from, to);
                blockLocal[b] = java.util.Arrays.copyOf(localTrain, to - from);
            }
        }
    }

    private SingleForward(List<GraphConv> convs, VirtualNodes aug, GraphData g, Split split, double tau, Propagated prop) {
        this(convs, aug, g, split, tau, prop, split.train(), labelsOf(g.labels(), split.train()));
    }

    private static int[] labelsOf(int[] labels, int[] nodes) {
        int[] y = new int[nodes.length];
        for (int t = 0; t < y.length; t++) y[t] = labels[nodes[t]];
        return y;
    }

    private int[] withVirtual(int[] nodes) {
        int[] r = java.util.Arrays.copyOf(nodes, nodes.length + numClasses);
        for (int k = 0; k < numClasses; k++) r[nodes.length + k] = virtualStart + k;
        return r;
    }

    /**
     * @param convs         the layers (layer 0 reads g's features)
     * @param bidirectional wire training nodes and virtual nodes both ways (the paper's default, as the reference
     *                      code's {@code --aug-edge-direction bidirection}); false wires only training node -&gt;
     *                      virtual node. Both ways, a training node also aggregates its class's virtual node, which
     *                      validation and test nodes never do: negligible under GCN's symmetric normalisation (weight
     *                      about 0.025 on CitationFull Cora_ML / CiteSeer, as the virtual node has hundreds of
     *                      neighbours) but 1/(deg+1) under SAGE's mean (0.26 / 0.38 on average) and learnable under
     *                      GAT's attention (0.46 after SF training on Cora_ML): a label shortcut that costs SF-SAGE and
     *                      SF-GAT accuracy (issue 4).
     * @param tau           softmax temperature (1 in the paper)
     * @param rng           draws the frozen virtual-node features
     */
    public static SingleForward create(List<GraphConv> convs, GraphData g, Split split, boolean bidirectional, double tau,
                                       Random rng) {
        int[] cls = new int[split.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = g.labels()[split.train()[t]];
        DMatrixRMaj vf = VirtualNodes.randomFeatures(g.numClasses(), g.features().cols(), rng);
        VirtualNodes aug = VirtualNodes.augment(g, split.train(), cls, bidirectional, vf);
        SingleForward sf = new SingleForward(convs, aug, g, split, tau, null);
        sf.extras.put(SfPredictor.VIRTUAL_FEATURES, vf);
        return sf;
    }

    /**
     * The model's extras, filled while training: {@link SfPredictor#VIRTUAL_FEATURES} (C x F) and, per finished layer l,
     * {@link SfPredictor#prototypesKey}(l) = the virtual nodes' outputs of layer l (C x hidden). A live view.
     */
    public java.util.Map<String, DMatrixRMaj> extras() { return java.util.Collections.unmodifiableMap(extras); }

    @Override
    protected void onLayerOutput(int layer, DMatrixRMaj h) { extras.put(SfPredictor.prototypesKey(layer), prototypes(h)); }

    /**
     * SF with label-propagation signals ({@link Propagated}): the same virtual nodes and per-layer loss, plus the
     * propagated soft targets on the nodes without a training label and/or Correct-and-Smooth of the prediction.
     * With {@code prop.labelInput()} the layers run on {@link LabelTrick}'s union graph (layer 0 reads F + C columns).
     */
    static SingleForward createPropagated(List<GraphConv> convs, GraphData g, Split split, boolean bidirectional, double tau,
                                          Random rng, Propagated prop) {
        if (prop.labelInput()) {
            LabelTrick u = LabelTrick.union(g, split, rng);
            VirtualNodes aug = VirtualNodes.augment(u.graph(), u.scored(), u.scoredLabels(), bidirectional,
                    VirtualNodes.randomFeatures(g.numClasses(), u.graph().features().cols(), rng));
            return new SingleForward(convs, aug, g, split, tau, prop, u.scored(), u.scoredLabels());
        }
        int[] cls = labelsOf(g.labels(), split.train());
        VirtualNodes aug = VirtualNodes.augment(g, split.train(), cls, bidirectional,
                VirtualNodes.randomFeatures(g.numClasses(), g.features().cols(), rng));
        SingleForward sf = new SingleForward(convs, aug, g, split, tau, prop);
        if (prop.dropout() > 0) sf.dropoutSeed = rng.nextLong() | 1;
        return sf;
    }

    /**
     * The soft targets of layer l: Correct and Smooth (strengths chosen on the validation nodes) of the finished layers'
     * averaged distributions (uniform before layer 0), on the unlabelled rows. Fixed quantities only.
     */
    private double[] targetsFor(int layer) {
        int n = numReal, c = numClasses;
        double[] p = new double[n * c];
        double[] summed = summedScores();
        for (int i = 0; i < p.length; i++) p[i] = layer == 0 ? 1.0 / c : summed[i] / layer;
        double[][] z = new double[1][];
        Propagated.bestCorrectAndSmooth(realOperator, p, labels, split, c, z);
        double[] all = LabelPropagation.distributions(z[0], c);
        double[] t = new double[unlabelled.length * c];
        for (int u = 0; u < unlabelled.length; u++) System.arraycopy(all, unlabelled[u] * c, t, u * c, c);
        return t;
    }

    @Override
    protected double[] postProcess(double[] summed, int layers) {
        if (prop == null || !prop.smooth()) return summed;
        double[] p = new double[summed.length];
        for (int i = 0; i < p.length; i++) p[i] = summed[i] / layers;
        double[][] z = new double[1][];
        Propagated.bestCorrectAndSmooth(realOperator, p, labels, split, numClasses, z);
        return z[0];
    }

    /** The last C rows of h (from row {@code from}): the class prototypes of this layer. */
    private DMatrixRMaj prototypes(DMatrixRMaj h, int from) {
        int d = h.numCols;
        DMatrixRMaj p = new DMatrixRMaj(numClasses, d);
        System.arraycopy(h.data, from * d, p.data, 0, numClasses * d);
        return p;
    }

    private DMatrixRMaj prototypes(DMatrixRMaj h) { return prototypes(h, virtualStart); }

    /**
     * One step: only the training rows and the virtual nodes enter the loss, so the layer computes just
     * those rows from its cached aggregation (and their gradient), not the whole graph.
     */
    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        if (blockRows != null) return blockedLossAndGradient(layer);
        GraphConv conv = convs.get(layer);
        DMatrixRMaj out = conv.forward(input(layer), trainRows, stepOut);
        double[] mask = dropoutSeed == 0 ? null : LocalDropout.mask(out.getNumElements(), prop.dropout(), dropoutSeed, layer, epoch);
        DMatrixRMaj h = mask == null ? out : LocalDropout.apply(out, mask);
        int t = localTrain.length, u = unlabelled.length, d = h.numCols;
        DMatrixRMaj protos = prototypes(h, t + u);
        double l = loss.evaluate(h, localTrain, trainLabels, protos, dh, dp);
        if (u > 0) {
            if (targetsLayer != layer) { targets = targetsFor(layer); targetsLayer = layer; }
            l += loss.evaluateSoft(h, t, u, targets, protos, prop.residualWeight(), dh, dp);
        }
        t += u;
        for (int i = 0; i < numClasses * d; i++) dh.data[t * d + i] += dp.data[i];
        if (mask != null) LocalDropout.backward(dh, mask);
        conv.localGradient(input(layer), trainRows, out, dh);
        return l;
    }

    /**
     * The same step over blocks of training rows (a node block of issue 17's shape): the prototypes (virtual nodes' rows)
     * first, then per block its rows' outputs, their share of the mean loss and its gradient, accumulated into the
     * parameters' gradients; the prototypes' summed gradient last. Memory per step: one block, not every training row.
     */
    private double blockedLossAndGradient(int layer) {
        GraphConv conv = convs.get(layer);
        DMatrixRMaj hv = conv.forward(input(layer), virtualRows);
        int t = localTrain.length, d = hv.numCols;
        DMatrixRMaj dpSum = new DMatrixRMaj(numClasses, d);
        double total = 0;
        for (int b = 0; b < blockRows.length; b++) {
            DMatrixRMaj h = conv.forward(input(layer), blockRows[b], stepOut);
            double w = (double) blockRows[b].length / t;
            total += loss.evaluate(h, blockLocal[b], blockLabels[b], hv, dh, dp, w); // the block's share: weighted in the loss
            org.ejml.dense.row.CommonOps_DDRM.addEquals(dpSum, dp);
            conv.localGradient(input(layer), blockRows[b], h, dh);
        }
        conv.localGradient(input(layer), virtualRows, hv, dpSum);
        return total;
    }

    /** Validation accuracy of the layers so far plus this one, from the validation rows alone (one product). */
    @Override
    public double validate(int layer) {
        GraphConv conv = convs.get(layer);
        int[] val = split.val();
        if (valBlocks == null) {
            DMatrixRMaj h = conv.forward(input(layer), valRows, valOut);
            return (double) correct(h, prototypes(h, val.length), val, 0, val.length) / val.length;
        }
        DMatrixRMaj protos = conv.forward(input(layer), virtualRows);
        long correct = 0;
        for (int b = 0; b < valBlocks.length; b++) {
            correct += correct(conv.forward(input(layer), valBlocks[b], valOut), protos, valBlocks[b], 0, valBlocks[b].length);
        }
        return (double) correct / val.length;
    }

    /**
     * How many of nodes[from..to) (row t - from of h) the accumulated scores plus this layer's softmax over the prototypes
     * classify correctly (row-block parallel; no node x class temporaries).
     */
    private long correct(DMatrixRMaj h, DMatrixRMaj protos, int[] nodes, int from, int to) {
        int d = h.numCols, c = numClasses;
        int nb = org.forwardlearn.core.kernel.Parallel.blocks(to - from, 4096);
        long[] part = new long[nb];
        org.forwardlearn.core.kernel.Parallel.forBlocks(to - from, 4096, (b, lo, hi) -> {
            double[] logits = new double[c];
            long ok = 0;
            for (int t = lo; t < hi; t++) {
                for (int k = 0; k < c; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += h.data[t * d + j] * protos.data[k * d + j];
                    logits[k] = s / loss.tau();
                }
                double[] p = softmaxRows(logits, 1, c);
                int i = nodes[from + t], best = 0;
                double bv = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    double v = accumulated[i * c + k] + p[k];
                    if (v > bv) { bv = v; best = k; }
                }
                if (best == labels[i]) ok++;
            }
            part[b] = ok;
        });
        long sum = 0;
        for (long v : part) sum += v;
        return sum;
    }

    /**
     * The layer's end in row blocks: h = ReLU(conv(x)) is streamed into one store (float32 when the dense products run in
     * float), the prototypes are its last C rows, every real node's softmax over the prototypes is added to the scores in
     * place (no node x class temporaries), and the store, normalised in place, is the next layer's input.
     */
    @Override
    protected org.forwardlearn.forwardgnn.graph.NodeMatrix finishLayer(int layer, boolean needNext) {
        GraphConv conv = convs.get(layer);
        lastOutputBytes = 0;
        snapshotLedger(); // the training-time peak: input and its aggregated rows
        input(layer).clearRowCaches(); // training is over: the whole-graph pass needs no aggregated rows
        int rows = virtualStart + numClasses, d = conv.outputSize();
        if (!needNext && rows > stepBlock) {
            // the last layer of a large graph: no output store, the prototypes first, then every block's scores
            DMatrixRMaj protos = conv.forward(input(layer), virtualRows);
            extras.put(SfPredictor.prototypesKey(layer), protos);
            conv.forwardBlocks(input(layer), (from, to, z) -> addScores(z, from, Math.min(to, numReal), protos.data, d));
            return null;
        }
        boolean floats = org.forwardlearn.core.kernel.Kernels.precision() == org.forwardlearn.core.kernel.Kernels.Precision.FLOAT;
        org.forwardlearn.forwardgnn.graph.RowStore h = org.forwardlearn.forwardgnn.graph.RowStore.allocate(rows, d, floats);
        conv.forwardBlocks(input(layer), (from, to, z) -> {
            for (int i = from; i < to; i++) h.setRow(i, z.data, (i - from) * d);
        });
        double[] protos = new double[numClasses * d];
        for (int k = 0; k < numClasses; k++) h.row(virtualStart + k, protos, k * d);
        extras.put(SfPredictor.prototypesKey(layer), new DMatrixRMaj(numClasses, d, true, protos));
        int c = numClasses;
        double tau = loss.tau();
        org.forwardlearn.core.kernel.Parallel.forBlocks(numReal, 4096, (b, from, to) -> {
            double[] hi = new double[d], logits = new double[c];
            for (int i = from; i < to; i++) {
                h.row(i, hi, 0);
                for (int k = 0; k < c; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += hi[j] * protos[k * d + j];
                    logits[k] = s / tau;
                }
                double[] p = softmaxRows(logits, 1, c);
                for (int k = 0; k < c; k++) accumulated[i * c + k] += p[k];
            }
        });
        lastOutputBytes = h.bytes();
        return needNext ? h.normalizeRowsInPlace() : null;
    }

    /** Adds the softmax over the prototypes of rows from..to-1 (row i - from of z; real nodes only) to the scores. */
    private void addScores(DMatrixRMaj z, int from, int to, double[] protos, int d) {
        int c = numClasses;
        double tau = loss.tau();
        double[] logits = new double[c];
        for (int i = from; i < to; i++) {
            int o = (i - from) * d;
            for (int k = 0; k < c; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += z.data[o + j] * protos[k * d + j];
                logits[k] = s / tau;
            }
            double[] p = softmaxRows(logits, 1, c);
            for (int k = 0; k < c; k++) accumulated[i * c + k] += p[k];
        }
    }

    private long lastOutputBytes;

    @Override
    public java.util.Map<String, Long> ledger() {
        java.util.Map<String, Long> m = super.ledger();
        m.put("layer_output", lastOutputBytes);
        // the reused step output, its gradient and the validation output (the largest block each)
        m.put("step_buffers", 8L * (stepOut.data.length + dh.data.length + valOut.data.length));
        return m;
    }

    @Override
    protected double[] layerScores(int layer, DMatrixRMaj h) {
        DMatrixRMaj protos = prototypes(h);
        int d = h.numCols;
        double[] logits = new double[numReal * numClasses];
        for (int i = 0; i < numReal; i++) {
            for (int k = 0; k < numClasses; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += h.data[i * d + j] * protos.data[k * d + j];
                logits[i * numClasses + k] = s / loss.tau();
            }
        }
        return softmaxRows(logits, numReal, numClasses);
    }
}
