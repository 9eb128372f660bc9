package org.forwardlearn.forwardgnn.nodeclass;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;

/**
 * Column concatenation of layer inputs (features with appended labels, a layer's input with the
 * state of the layer above). A sparse left part keeps the result sparse (bag-of-words features);
 * otherwise the result is dense. Inputs are never modified.
 */
public final class NodeInputs {
    private NodeInputs() { }

    /** [a | b] with a's rows; b may be null (then a itself is returned). */
    public static NodeMatrix hstack(NodeMatrix a, DMatrixRMaj b) {
        if (b == null) return a;
        if (a.rows() != b.numRows) throw new IllegalArgumentException("Expected " + a.rows() + " rows (got " + b.numRows + ")");
        int n = a.rows(), fa = a.cols(), fb = b.numCols;
        if (!a.isSparse()) {
            DMatrixRMaj x = a.toDense(), o = new DMatrixRMaj(n, fa + fb);
            for (int i = 0; i < n; i++) {
                System.arraycopy(x.data, i * fa, o.data, i * (fa + fb), fa);
                System.arraycopy(b.data, i * fb, o.data, i * (fa + fb) + fa, fb);
            }
            return NodeMatrix.dense(o);
        }
        Csr s = a.toCsr();
        int nzB = 0;
        for (double v : b.data) if (v != 0) nzB++;
        int[] ptr = new int[n + 1], ci = new int[s.nonZeros() + nzB];
        double[] vs = new double[ci.length];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int k = s.rowStart(i); k < s.rowEnd(i); k++) { ci[p] = s.col(k); vs[p++] = s.value(k); }
            for (int j = 0; j < fb; j++) {
                double v = b.data[i * fb + j];
                if (v != 0) { ci[p] = fa + j; vs[p++] = v; }
            }
            ptr[i + 1] = p;
        }
        return NodeMatrix.sparse(new Csr(n, fa + fb, ptr, ci, vs));
    }

    /** Row-wise L2 normalisation (eps 1e-8, as every layer input), into a new matrix. */
    public static DMatrixRMaj rowL2(DMatrixRMaj m) {
        return NodeMatrix.dense(m).rowL2Normalized().toDense();
    }

    /** rows x c label context: one-hot of labels[i] where known[i], else uniform 1/c. */
    public static DMatrixRMaj labelRows(int rows, int c, int[] labels, boolean[] known) {
        DMatrixRMaj y = new DMatrixRMaj(rows, c);
        for (int i = 0; i < rows; i++) {
            if (known[i]) y.data[i * c + labels[i]] = 1;
            else for (int k = 0; k < c; k++) y.data[i * c + k] = 1.0 / c;
        }
        return y;
    }
}
