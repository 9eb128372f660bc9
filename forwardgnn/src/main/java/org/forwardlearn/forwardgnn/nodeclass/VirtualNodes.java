package org.forwardlearn.forwardgnn.nodeclass;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * Graph augmentation with one virtual node per class (ids n .. n+C-1) carrying frozen N(0,1)
 * features. The given nodes (the training nodes) are wired to the virtual node of the given class,
 * in both directions or only node -> virtual node; no other node is ever wired.
 *
 * @param topology  the augmented topology (n + C nodes)
 * @param features  the augmented features (virtual rows last)
 * @param numReal   n
 */
public record VirtualNodes(Topology topology, NodeMatrix features, int numReal) {

    /**
     * @param wired      the nodes to wire (training nodes)
     * @param classOf    the class each wired node is wired to (same length as {@code wired})
     * @param virtualFeatures C x F features of the virtual nodes
     */
    public static VirtualNodes augment(GraphData g, int[] wired, int[] classOf, boolean bidirectional,
                                       DMatrixRMaj virtualFeatures) {
        int n = g.numNodes(), c = g.numClasses();
        NodeMatrix f = g.features();
        NodeMatrix aug;
        if (f instanceof org.forwardlearn.forwardgnn.graph.RowStore r) {
            aug = r.withAppendedRows(virtualFeatures); // shares the features: no copy of the graph's rows
        } else if (f.isSparse()) {
            aug = NodeMatrix.sparse(f.toCsr().vstack(Csr.fromDense(virtualFeatures)));
        } else {
            DMatrixRMaj d = new DMatrixRMaj(n + c, f.cols());
            System.arraycopy(f.toDense().data, 0, d.data, 0, n * f.cols());
            System.arraycopy(virtualFeatures.data, 0, d.data, n * f.cols(), c * f.cols());
            aug = NodeMatrix.dense(d);
        }
        return new VirtualNodes(g.topology().withAppended(c, wired, classOf, bidirectional), aug, n);
    }

    /** Frozen random virtual-node features, N(0, 1) as torch's nn.Embedding initialisation. */
    public static DMatrixRMaj randomFeatures(int classes, int cols, Random rng) {
        DMatrixRMaj v = new DMatrixRMaj(classes, cols);
        for (int i = 0; i < v.data.length; i++) v.data[i] = rng.nextGaussian();
        return v;
    }

}
