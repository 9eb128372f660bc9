package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.block.SfPrototypes;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * The SF node-classification problem with its data spread over Spark partitions, driven by core's
 * {@code LayerwiseTrainer} (which owns the loop, Adam, early stopping and best-weight restoration). No learning logic:
 * layer l's {@link #parameters} exchanges the halo once and assembles every partition's forwardgnn {@code BlockSf}
 * (cached) and gathers the training rows for forwardgnn's {@link SfPrototypes} on the driver; every
 * {@link #lossAndGradient} broadcasts the conv's parameters and the prototypes, runs {@code BlockSf} in every
 * partition and merges the shares with one treeAggregate (no shuffle), then adds the prototype path on the driver;
 * {@link #layerFinished} materialises the next layer's rows and hands them to a {@link Sink}.
 */
public final class DistributedSfProblem implements LayerwiseProblem {
    private static final Logger LOG = LogManager.getLogger(DistributedSfProblem.class);
    public static final String PHASE = "forwardlearn.phase";

    /** Receives every finished layer (to write the state and the checkpoint). */
    public interface Sink {
        void layerDone(int layer, JavaRDD<LayerRows> nextRows, GraphConv trained, DMatrixRMaj prototypes);
    }

    private final JavaSparkContext jsc;
    private final SfConfig cfg;
    private final BlockLayout layout;
    private final Sink sink;
    private final int restored;
    private final List<GraphConv> convs;
    private final DMatrixRMaj virtualFeatures;
    private final DMatrixRMaj[] prototypes;
    private final double[] layerStart, layerSeconds;
    private JavaRDD<LayerRows> rows;
    private JavaRDD<PartLayer> blocks;
    private SfPrototypes protos;
    private int prepared = -1;
    private long stepBroadcastBytes, stepResultBytes;

    /**
     * @param convs           every layer, initial (layers >= restored) or trained (restored)
     * @param virtualFeatures C x F frozen virtual-node features (not normalised)
     * @param rows            the input rows of layer {@code restored}
     * @param restoredPrototypes prototypes of the restored layers
     */
    public DistributedSfProblem(JavaSparkContext jsc, SfConfig cfg, BlockLayout layout, JavaRDD<LayerRows> rows, List<GraphConv> convs,
                                DMatrixRMaj virtualFeatures, List<DMatrixRMaj> restoredPrototypes, Sink sink) {
        this.jsc = jsc; this.cfg = cfg; this.layout = layout; this.rows = rows; this.sink = sink; this.convs = convs;
        this.virtualFeatures = virtualFeatures;
        this.restored = restoredPrototypes.size();
        this.prototypes = new DMatrixRMaj[cfg.layers()];
        this.layerStart = new double[cfg.layers()];
        this.layerSeconds = new double[cfg.layers()];
        for (int l = 0; l < restored; l++) prototypes[l] = restoredPrototypes.get(l);
    }

    @Override public int numLayers() { return cfg.layers(); }

    @Override
    public List<Parameter> parameters(int layer) {
        if (prepared != layer) prepare(layer);
        return convs.get(layer).parameters();
    }

    /** The virtual nodes' layer-l input: rowL2 of the frozen features (l = 0) or of layer l-1's prototypes. */
    static DMatrixRMaj virtualInput(int l, DMatrixRMaj virtualFeatures, DMatrixRMaj[] prototypes) {
        return NodeMatrix.dense(l == 0 ? virtualFeatures : prototypes[l - 1]).rowL2Normalized().toDense();
    }

    private void prepare(int l) {
        layerStart[l] = System.nanoTime() * 1e-9;
        phase(l, "exchange");
        DMatrixRMaj vx = virtualInput(l, virtualFeatures, prototypes);
        Broadcast<DMatrixRMaj> bv = jsc.broadcast(vx);
        blocks = layout.blocks(rows, bv, cfg.conv(), cfg.tau()).persist(StorageLevel.MEMORY_ONLY());
        List<PartLayer.TrainRows> tr = new ArrayList<>(blocks.map(PartLayer::trainRows).collect());
        tr.sort(Comparator.comparingInt(PartLayer.TrainRows::part));
        int t = 0, w = vx.numCols;
        for (PartLayer.TrainRows r : tr) t += r.labels().length;
        DMatrixRMaj tx = new DMatrixRMaj(t, w);
        int[] labels = new int[t], deg = new int[t];
        int o = 0;
        for (PartLayer.TrainRows r : tr) {
            System.arraycopy(r.x(), 0, tx.data, o * w, r.x().length);
            System.arraycopy(r.labels(), 0, labels, o, r.labels().length);
            System.arraycopy(r.degrees(), 0, deg, o, r.degrees().length);
            o += r.labels().length;
        }
        protos = SfPrototypes.create(cfg.conv(), vx, tx, labels, deg);
        prepared = l;
        LOG.info("layer {}: halo exchanged, {} training rows gathered for the prototypes in {} s", l, t, String.format("%.1f", seconds(l)));
        phase(l, "train");
    }

    private StepParams params(int l) {
        GraphConv c = convs.get(l);
        return StepParams.of(c, protos.prototypes(c), cfg.tau(), layout.trainCount());
    }

    @Override
    public double lossAndGradient(int l, int epoch, int batch) {
        StepParams p = params(l);
        stepBroadcastBytes = p.payloadBytes();
        Broadcast<StepParams> bc = jsc.broadcast(p);
        StepResult t = blocks.treeAggregate(new StepResult.Sum(),
                (s, b) -> s.add(TaskContext.getPartitionId(), b.step(bc.value())), StepResult.Sum::merge, 2).total();
        bc.destroy();
        if (t == null) throw new IllegalStateException("Expected training nodes in some partition (got none)");
        stepResultBytes = t.payloadBytes();
        GraphConv c = convs.get(l);
        List<Parameter> ps = c.parameters();
        for (int i = 0; i < ps.size(); i++) {
            double[] g = ps.get(i).grad().data;
            for (int j = 0; j < t.grads()[i].length; j++) g[j] += t.grads()[i][j];
        }
        protos.addGradient(c, DMatrixRMaj.wrap(p.prototypes().numRows, p.prototypes().numCols, t.gradPrototypes()));
        return t.loss();
    }

    @Override
    public double validate(int l) {
        Broadcast<StepParams> bc = jsc.broadcast(params(l));
        long[] r = blocks.treeAggregate(new long[2], (acc, b) -> sum(acc, b.validate(bc.value())), DistributedSfProblem::sum, 2);
        bc.destroy();
        return r[1] == 0 ? 0 : (double) r[0] / r[1];
    }

    @Override
    public void layerFinished(int l) {
        if (l < restored) return;
        phase(l, "materialise");
        StepParams p = params(l);
        prototypes[l] = p.prototypes();
        Broadcast<StepParams> bc = jsc.broadcast(p);
        JavaRDD<LayerRows> next = blocks.map(b -> b.next(bc.value())).persist(StorageLevel.MEMORY_AND_DISK());
        sink.layerDone(l, next, convs.get(l), prototypes[l]);
        blocks.unpersist(false);
        if (l > restored) rows.unpersist(false);
        rows = next;
        layerSeconds[l] = seconds(l);
        LOG.info("layer {} finished in {} s", l, String.format("%.1f", layerSeconds[l]));
        jsc.setLocalProperty(PHASE, null);
    }

    private double seconds(int l) { return System.nanoTime() * 1e-9 - layerStart[l]; }

    private void phase(int l, String what) { jsc.setLocalProperty(PHASE, "layer-" + l + "/" + what); }

    private static long[] sum(long[] a, long[] b) { a[0] += b[0]; a[1] += b[1]; return a; }

    public JavaRDD<LayerRows> rows() { return rows; }

    public List<GraphConv> convs() { return convs; }

    public List<DMatrixRMaj> prototypes() { return List.of(prototypes); }

    /** Wall seconds of layer l in this run (exchange, training, materialisation); 0 for restored layers. */
    public double layerSeconds(int l) { return layerSeconds[l]; }

    /** Bytes of parameters and prototypes broadcast by the last step. */
    public long stepBroadcastBytes() { return stepBroadcastBytes; }

    /** Bytes of one partition's step result (parameter gradients, prototype gradient, loss). */
    public long stepResultBytes() { return stepResultBytes; }
}
