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
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import scala.Tuple2;

/**
 * The SF node-classification problem with its data spread over Spark partitions, driven by core's
 * {@code LayerwiseTrainer} (which owns the loop, Adam, early stopping and best-weight restoration).
 * Layer l: {@link #parameters} triggers the layer's one aggregation (cached blocks); every
 * {@link #lossAndGradient} is one treeAggregate of per-partition gradients under broadcast weights and
 * prototypes; {@link #layerFinished} materialises the next layer's rows and hands them to a {@link Sink}.
 */
public final class DistributedSfProblem implements LayerwiseProblem {
    private static final Logger LOG = LogManager.getLogger(DistributedSfProblem.class);
    public static final String PHASE = "forwardlearn.phase";

    /** Receives every finished layer (to write the state and the checkpoint). */
    public interface Sink {
        void layerDone(int layer, JavaRDD<Tuple2<Long, NodeRow>> nextRows, DenseLayer trained, DMatrixRMaj prototypes);
    }

    private final JavaSparkContext jsc;
    private final SfConfig cfg;
    private final SfGraph graph;
    private final Sink sink;
    private final int restored;
    private final DenseLayer[] layers;
    private final DMatrixRMaj[] prototypes;
    private final double[] layerStart, layerSeconds;
    private JavaRDD<Tuple2<Long, NodeRow>> rows;
    private JavaRDD<NodeBlock> blocks;
    private DMatrixRMaj virtualAx;
    private int prepared = -1;
    private long stepBroadcastBytes;

    /**
     * @param rows      the input rows of layer {@code restored} (layer 0's rows when starting afresh)
     * @param restoredLayers layers already trained (from a checkpoint), with their prototypes
     */
    public DistributedSfProblem(JavaSparkContext jsc, SfConfig cfg, SfGraph graph, JavaRDD<Tuple2<Long, NodeRow>> rows,
                                List<DenseLayer> restoredLayers, List<DMatrixRMaj> restoredPrototypes, Sink sink) {
        this.jsc = jsc; this.cfg = cfg; this.graph = graph; this.rows = rows; this.sink = sink;
        this.restored = restoredLayers.size();
        this.layers = new DenseLayer[cfg.layers()];
        this.prototypes = new DMatrixRMaj[cfg.layers()];
        this.layerStart = new double[cfg.layers()];
        this.layerSeconds = new double[cfg.layers()];
        for (int l = 0; l < restored; l++) { layers[l] = restoredLayers.get(l); prototypes[l] = restoredPrototypes.get(l); }
    }

    @Override public int numLayers() { return cfg.layers(); }

    @Override
    public List<Parameter> parameters(int layer) {
        if (prepared != layer) prepare(layer);
        return layers[layer].parameters();
    }

    private void prepare(int l) {
        layerStart[l] = System.nanoTime() * 1e-9;
        phase(l, "aggregate");
        int width = l == 0 ? graph.features() : cfg.hidden();
        String conv = cfg.conv();
        int classes = graph.classes();
        blocks = rows.zipPartitions(Aggregation.messageSums(conv, rows, graph.edges(), graph.partitioner()),
                (a, b) -> NodeBlock.build(conv, classes, a, b)).persist(StorageLevel.MEMORY_ONLY());
        List<Tuple2<Integer, double[]>> v = new ArrayList<>(blocks.flatMap(b -> b.virtualInputs().iterator()).collect());
        v.sort(Comparator.comparingInt(Tuple2::_1));
        if (v.size() != graph.classes()) {
            throw new IllegalStateException("Expected " + graph.classes() + " virtual nodes (got " + v.size() + ")");
        }
        int in = SfSetup.denseInput(cfg.conv(), width);
        virtualAx = new DMatrixRMaj(v.size(), in);
        for (int k = 0; k < v.size(); k++) System.arraycopy(v.get(k)._2(), 0, virtualAx.data, k * in, in);
        layers[l] = SfSetup.initLayer(cfg, graph.features(), l);
        prepared = l;
        LOG.info("layer {}: aggregated {} -> dense input {} in {} s", l, width, in, String.format("%.1f", seconds(l)));
        phase(l, "train");
    }

    private LayerParams params(int l) {
        DenseLayer layer = layers[l];
        return new LayerParams(layer.weight(), layer.bias(), layer.forward(virtualAx, null), cfg.tau(), graph.trainCount());
    }

    @Override
    public double lossAndGradient(int l, int epoch, int batch) {
        LayerParams p = params(l);
        stepBroadcastBytes = p.payloadBytes();
        Broadcast<LayerParams> bc = jsc.broadcast(p);
        StepResult t = blocks.treeAggregate(new StepResult.Sum(),
                (s, b) -> s.add(TaskContext.getPartitionId(), StepKernel.lossAndGradient(b, bc.value())),
                StepResult.Sum::merge, 2).total();
        bc.destroy();
        if (t == null) throw new IllegalStateException("Expected training nodes in some partition (got none)");
        List<Parameter> ps = layers[l].parameters();
        add(ps.get(0).grad().data, t.gradWeight());
        add(ps.get(1).grad().data, t.gradBias());
        DMatrixRMaj dP = DMatrixRMaj.wrap(p.prototypes().numRows, p.prototypes().numCols, t.gradPrototypes());
        layers[l].localGradient(virtualAx, p.prototypes(), dP);
        return t.loss();
    }

    @Override
    public double validate(int l) {
        Broadcast<LayerParams> bc = jsc.broadcast(params(l));
        long[] r = blocks.treeAggregate(new long[2], (acc, b) -> sum(acc, StepKernel.validate(b, bc.value())),
                DistributedSfProblem::sum, 2);
        bc.destroy();
        return r[1] == 0 ? 0 : (double) r[0] / r[1];
    }

    @Override
    public void layerFinished(int l) {
        if (l < restored) return;
        phase(l, "materialise");
        LayerParams p = params(l);
        prototypes[l] = p.prototypes();
        Broadcast<LayerParams> bc = jsc.broadcast(p);
        JavaRDD<Tuple2<Long, NodeRow>> next = blocks.mapPartitions(it -> {
            List<Tuple2<Long, NodeRow>> out = new ArrayList<>();
            while (it.hasNext()) StepKernel.materialise(it.next(), bc.value()).forEachRemaining(out::add);
            return out.iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        sink.layerDone(l, next, layers[l], prototypes[l]);
        blocks.unpersist(false);
        if (l > restored) rows.unpersist(false);
        rows = next;
        layerSeconds[l] = seconds(l);
        LOG.info("layer {} finished in {} s", l, String.format("%.1f", layerSeconds[l]));
        jsc.setLocalProperty(PHASE, null);
    }

    private double seconds(int l) { return System.nanoTime() * 1e-9 - layerStart[l]; }

    private void phase(int l, String what) { jsc.setLocalProperty(PHASE, "layer-" + l + "/" + what); }

    private static void add(double[] a, double[] b) { for (int i = 0; i < a.length; i++) a[i] += b[i]; }

    private static long[] sum(long[] a, long[] b) { a[0] += b[0]; a[1] += b[1]; return a; }

    public JavaRDD<Tuple2<Long, NodeRow>> rows() { return rows; }

    public List<DenseLayer> layers() { return List.of(layers); }

    public List<DMatrixRMaj> prototypes() { return List.of(prototypes); }

    /** Wall seconds of layer l in this run (aggregation, training, materialisation); 0 for restored layers. */
    public double layerSeconds(int l) { return layerSeconds[l]; }

    /** Bytes of weights, bias and prototypes broadcast by the last step. */
    public long stepBroadcastBytes() { return stepBroadcastBytes; }
}
