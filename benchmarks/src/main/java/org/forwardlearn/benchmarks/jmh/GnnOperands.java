package org.forwardlearn.benchmarks.jmh;

import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.benchmarks.proto.CsrArrays;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodes;

/**
 * The operands of SF-GCN training on a real dataset, exactly as forwardgnn builds them: the graph
 * augmented with one virtual node per class (split 0), its GCN operator Â (and Â^T), the
 * row-L2-normalised sparse features X (and X^T), plus dense random operands of the hidden width.
 */
final class GnnOperands {
    static final int HIDDEN = 128;
    final int nodes, features;
    final Csr a, at, x, xt;
    final CsrArrays aArr, atArr, xArr, xtArr;
    final DMatrixSparseCSC aCsc, xCsc;
    /** W0: features x hidden; H: nodes x hidden (a layer output); G: nodes x hidden (dLoss/dz). */
    final DMatrixRMaj w0, h, g;

    GnnOperands(String dataset) {
        Path dir = Path.of(System.getProperty("forwardlearn.data", "/work/shared/datasets"));
        GnnExperiment exp = new GnnExperiment(GnnConfig.defaults().withDataset(dataset).withDataDir(dir));
        GraphData gd = exp.loadGraph();
        Split split = GnnExperiment.nodeSplit(gd, 0, 100);
        int[] cls = new int[split.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = gd.labels()[split.train()[t]];
        Random rng = new Random(7);
        VirtualNodes aug = VirtualNodes.augment(gd, split.train(), cls, true,
                VirtualNodes.randomFeatures(gd.numClasses(), gd.features().cols(), rng));
        NodeMatrix xm = aug.features().rowL2Normalized();
        nodes = xm.rows();
        features = xm.cols();
        a = aug.topology().gcn();
        at = aug.topology().gcnTransposed();
        x = xm.toCsr();
        xt = x.transpose();
        aArr = CsrArrays.of(a);
        atArr = CsrArrays.of(at);
        xArr = CsrArrays.of(x);
        xtArr = CsrArrays.of(xt);
        aCsc = aArr.toCsc();
        xCsc = xArr.toCsc();
        w0 = random(features, HIDDEN, rng);
        h = random(nodes, HIDDEN, rng);
        g = random(nodes, HIDDEN, rng);
    }

    static DMatrixRMaj random(int r, int c, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian() * 0.1;
        return m;
    }

    @Override
    public String toString() {
        return String.format("%d nodes, %d features, nnz(Â)=%d, nnz(X)=%d", nodes, features, a.nonZeros(), x.nonZeros());
    }
}
