package org.forwardlearn.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.layer.RowL2Norm;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfSetup;

/**
 * The single-JVM SF run the Spark job must reproduce: the augmented graph and its GCN/mean operators from
 * forwardgnn's {@link Topology} (an aggregation independent of the Spark one), core's DenseLayer,
 * PrototypeSoftmaxLoss and LayerwiseTrainer, and the same seeded {@link SfSetup}.
 */
final class LocalSfReference implements LayerwiseProblem {
    final SfConfig cfg;
    final int n, c;
    final Topology topo;
    final int[] labels, train, val, test;
    DMatrixRMaj x;
    final DMatrixRMaj cum;
    DMatrixRMaj ax, axTrain, axVal, axVirtual;
    final List<DenseLayer> layers = new ArrayList<>();
    final PrototypeSoftmaxLoss loss;

    LocalSfReference(Graph g, NodeSplit split, SfConfig cfg) {
        this.cfg = cfg;
        n = g.numNodes();
        c = g.numClasses();
        labels = g.labels();
        train = split.train().clone(); val = split.val().clone(); test = split.test().clone();
        Arrays.sort(train); Arrays.sort(val); Arrays.sort(test);
        DMatrixSparseCSC a = g.adjacency();
        List<int[]> e = new ArrayList<>();
        for (int j = 0; j < a.numCols; j++) for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
            e.add(new int[] {a.nz_rows[k], j});
            e.add(new int[] {j, a.nz_rows[k]});
        }
        for (int i : train) { e.add(new int[] {i, n + labels[i]}); e.add(new int[] {n + labels[i], i}); }
        topo = Topology.fromEdges(n + c, e.stream().mapToInt(p -> p[0]).toArray(), e.stream().mapToInt(p -> p[1]).toArray());
        DMatrixRMaj f = g.denseFeatures();
        x = new DMatrixRMaj(n + c, f.numCols);
        RowL2Norm.apply(f, f, RowL2Norm.DEFAULT_EPS);
        System.arraycopy(f.data, 0, x.data, 0, f.data.length);
        DMatrixRMaj v = SfSetup.virtualFeatures(c, f.numCols, cfg.seed());
        System.arraycopy(v.data, 0, x.data, f.data.length, v.data.length);
        cum = new DMatrixRMaj(n, c);
        loss = new PrototypeSoftmaxLoss(cfg.tau());
    }

    TrainingResult fit() { return new LayerwiseTrainer(cfg.trainer()).fit(this, null); }

    @Override public int numLayers() { return cfg.layers(); }

    @Override
    public List<Parameter> parameters(int l) {
        if (layers.size() == l) {
            if (cfg.conv().equals("gcn")) {
                ax = topo.gcn().mult(x, null);
            } else {
                DMatrixRMaj m = topo.mean().mult(x, null);
                ax = new DMatrixRMaj(x.numRows, 2 * x.numCols);
                for (int i = 0; i < x.numRows; i++) {
                    System.arraycopy(m.data, i * x.numCols, ax.data, i * 2 * x.numCols, x.numCols);
                    System.arraycopy(x.data, i * x.numCols, ax.data, i * 2 * x.numCols + x.numCols, x.numCols);
                }
            }
            axTrain = rows(ax, train);
            axVal = rows(ax, val);
            int[] virt = new int[c];
            for (int k = 0; k < c; k++) virt[k] = n + k;
            axVirtual = rows(ax, virt);
            layers.add(SfSetup.initLayer(cfg.conv(), l, x.numCols, cfg.hidden(), cfg.seed()));
        }
        return layers.get(l).parameters();
    }

    static DMatrixRMaj rows(DMatrixRMaj m, int[] idx) {
        DMatrixRMaj s = new DMatrixRMaj(idx.length, m.numCols);
        for (int t = 0; t < idx.length; t++) System.arraycopy(m.data, idx[t] * m.numCols, s.data, t * m.numCols, m.numCols);
        return s;
    }

    @Override
    public double lossAndGradient(int l, int epoch, int batch) {
        DenseLayer layer = layers.get(l);
        DMatrixRMaj p = layer.forward(axVirtual, null);
        DMatrixRMaj h = layer.forward(axTrain, null);
        DMatrixRMaj dH = new DMatrixRMaj(1, 1), dP = new DMatrixRMaj(1, 1);
        int[] r = new int[train.length], y = new int[train.length];
        for (int i = 0; i < r.length; i++) { r[i] = i; y[i] = labels[train[i]]; }
        double v = loss.evaluate(h, r, y, p, dH, dP);
        layer.localGradient(axTrain, h, dH);
        layer.localGradient(axVirtual, p, dP);
        return v;
    }

    @Override
    public double validate(int l) { return accuracy(l, val, axVal); }

    double accuracy(int l, int[] nodes, DMatrixRMaj axNodes) {
        DenseLayer layer = layers.get(l);
        DMatrixRMaj probs = loss.probabilities(layer.forward(axNodes, null), layer.forward(axVirtual, null));
        int ok = 0;
        for (int t = 0; t < nodes.length; t++) {
            int best = 0;
            for (int k = 0; k < c; k++) {
                probs.data[t * c + k] += cum.data[nodes[t] * c + k];
                if (probs.data[t * c + k] > probs.data[t * c + best]) best = k;
            }
            if (best == labels[nodes[t]]) ok++;
        }
        return (double) ok / nodes.length;
    }

    @Override
    public void layerFinished(int l) {
        DenseLayer layer = layers.get(l);
        DMatrixRMaj h = layer.forward(ax, null);
        DMatrixRMaj probs = loss.probabilities(h, layer.forward(axVirtual, null));
        for (int i = 0; i < n; i++) for (int k = 0; k < c; k++) cum.data[i * c + k] += probs.data[i * c + k];
        x = RowL2Norm.normalize(h);
    }

    /** Test accuracy of argmax(summed distributions) after training. */
    double testAccuracy() {
        int ok = 0;
        for (int i : test) {
            int best = 0;
            for (int k = 1; k < c; k++) if (cum.data[i * c + k] > cum.data[i * c + best]) best = k;
            if (best == labels[i]) ok++;
        }
        return (double) ok / test.length;
    }
}
