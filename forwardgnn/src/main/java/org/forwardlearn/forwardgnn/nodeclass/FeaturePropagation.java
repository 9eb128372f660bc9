package org.forwardlearn.forwardgnn.nodeclass;

import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;

/**
 * SIGN/SGC-style feature propagation as a fixed input (issue 20): the features X are replaced by the column blocks
 * [X | S X | S^2 X | ... | S^K X] with S = D^-1/2 (A+I) D^-1/2 the real graph's GCN operator, each block row-L2-normalised
 * so that every hop weighs the same in the layer's (row-normalised) input. Computed once, before any layer trains, from
 * the features and the graph only: a constant, so nothing in it is a gradient. Kept sparse (bag-of-words features stay
 * sparse after a few hops of a sparse graph).
 */
public final class FeaturePropagation {
    private FeaturePropagation() { }

    /** g with its features replaced by the K+1 propagated blocks (K = {@code hops} &gt;= 0; 0 = the features only). */
    public static GraphData augment(GraphData g, int hops) {
        if (hops < 0) throw new IllegalArgumentException("Expected hops >= 0 (got " + hops + ")");
        Csr s = g.topology().gcn();
        Csr x = g.features().toCsr();
        Csr[] blocks = new Csr[hops + 1];
        blocks[0] = x.rowL2Normalized(1e-12);
        Csr cur = x;
        for (int k = 1; k <= hops; k++) {
            cur = s.multSparse(cur);
            blocks[k] = cur.rowL2Normalized(1e-12);
        }
        return new GraphData(g.id() + "+fp" + hops, g.topology(), NodeMatrix.sparse(hstack(blocks)), g.labels(), g.numClasses());
    }

    /** The column-wise concatenation of matrices with the same rows (block b's columns shifted by the earlier widths). */
    static Csr hstack(Csr... blocks) {
        int rows = blocks[0].rows();
        long nnz = 0;
        int cols = 0;
        for (Csr b : blocks) {
            if (b.rows() != rows) throw new IllegalArgumentException("Expected " + rows + " rows in every block (got " + b.rows() + ")");
            nnz += b.nonZeros();
            cols += b.cols();
        }
        if (nnz > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Expected fewer than 2^31 stored entries (got " + nnz + ")");
        int[] ptr = new int[rows + 1];
        int[] ci = new int[(int) nnz];
        double[] cv = new double[(int) nnz];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            int offset = 0;
            for (Csr b : blocks) {
                for (int k = b.rowStart(i); k < b.rowEnd(i); k++) { ci[p] = offset + b.col(k); cv[p++] = b.value(k); }
                offset += b.cols();
            }
            ptr[i + 1] = p;
        }
        return new Csr(rows, cols, ptr, ci, cv);
    }
}
