package org.forwardlearn.benchmarks.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.forwardlearn.benchmarks.proto.ProtoGcnConv;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.optim.Optimizer;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.GcnConv;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.SingleForward;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two SF-GCN training epochs of one layer plus one validation (the trainer validates every 2 epochs),
 * exactly as {@code LayerwiseTrainer} runs them (zero grads, loss and local gradient, Adam step), on
 * the real graph. Layer 0 reads the sparse features; layer 1 the 128-wide output of layer 0. The
 * {@code variant} is forwardgnn's GcnConv ("current") or {@link ProtoGcnConv} with the listed
 * optimisations. Divide the score by 2 for the time per epoch (validation included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class SfEpochBench {
    @Param({"citationfull-cora_ml"})
    public String dataset;

    @Param({"0", "1"})
    public int layer;

    @Param({"current", "sparse,1t", "sparse,memo,1t", "sparse,memo,pgemm"})
    public String variant;

    private SingleForward sf;
    private Optimizer opt;
    private List<Parameter> params;

    @Setup(Level.Trial)
    public void setup() {
        GnnConfig c = GnnConfig.defaults().withDataset(dataset)
                .withDataDir(Path.of(System.getProperty("forwardlearn.data", "/work/shared/datasets")));
        GnnExperiment exp = new GnnExperiment(c);
        GraphData g = exp.loadGraph();
        Split split = GnnExperiment.nodeSplit(g, 0, c.seed());
        Random rng = org.forwardlearn.core.random.Seeds.forSplit(c.seed(), 0);
        List<GraphConv> convs = NodeMethods.stack("gcn", g.features().cols(), c.hidden(), 2, rng);
        if (!variant.equals("current")) {
            ProtoGcnConv.Options o = ProtoGcnConv.Options.parse(variant);
            List<GraphConv> p = new ArrayList<>();
            for (GraphConv x : convs) p.add(new ProtoGcnConv((GcnConv) x, o));
            convs = p;
        }
        sf = SingleForward.create(convs, g, split, true, 1.0, rng);
        for (int l = 0; l < layer; l++) sf.layerFinished(l);
        opt = OptimizerConfig.adam(c.lr(), c.weightDecay()).create();
        params = sf.parameters(layer);
    }

    @Benchmark
    public double twoEpochsAndValidate() {
        double s = 0;
        for (int e = 0; e < 2; e++) {
            for (Parameter p : params) p.zeroGrad();
            s += sf.lossAndGradient(layer, e, 0);
            opt.step(params);
        }
        return s + sf.validate(layer);
    }
}
