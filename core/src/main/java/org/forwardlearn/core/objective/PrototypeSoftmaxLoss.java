package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.kernel.Parallel;

/**
 * Softmax cross-entropy over class prototypes: logits_ik = &lt;h_i, c_k&gt; / tau for the selected rows,
 * averaged over them. Used by ForwardGNN's single-forward method, where the prototypes are the
 * same layer's outputs for the virtual class nodes (so both gradients are returned).
 */
public final class PrototypeSoftmaxLoss {
    private final double tau;

    public PrototypeSoftmaxLoss(double tau) {
        if (!(tau > 0)) throw new IllegalArgumentException("Expected tau > 0 (got " + tau + ")");
        this.tau = tau;
    }

    public double tau() { return tau; }

    /**
     * @param h          N x d outputs, not modified
     * @param rows       which rows of h are scored
     * @param labels     class of each scored row, in [0, C)
     * @param prototypes C x d, not modified
     * @param dH         null, or reshaped to N x d and overwritten (zero outside {@code rows})
     * @param dPrototypes null, or reshaped to C x d and overwritten
     * @return mean cross-entropy
     */
    public double evaluate(DMatrixRMaj h, int[] rows, int[] labels, DMatrixRMaj prototypes,
                           DMatrixRMaj dH, DMatrixRMaj dPrototypes) {
        return evaluate(h, rows, labels, prototypes, dH, dPrototypes, 1.0);
    }

    /**
     * {@link #evaluate(DMatrixRMaj, int[], int[], DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)} times {@code weight} (loss and
     * both gradients): a block's share of a mean over several blocks, without a pass to rescale the gradients.
     */
    public double evaluate(DMatrixRMaj h, int[] rows, int[] labels, DMatrixRMaj prototypes,
                           DMatrixRMaj dH, DMatrixRMaj dPrototypes, double weight) {
        int d = h.numCols, c = prototypes.numRows;
        if (prototypes.numCols != d) {
            throw new IllegalArgumentException("Expected prototypes with " + d + " columns (got " + prototypes.numCols + ")");
        }
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("Expected one label per row (got " + rows.length + " rows, " + labels.length + " labels)");
        }
        boolean large = rows.length >= LARGE && isPrefix(rows);
        if (dH != null) {
            dH.reshape(h.numRows, d);
            // the large path overwrites the scored rows 0..t-1: only the rest is zeroed
            if (large) java.util.Arrays.fill(dH.data, rows.length * d, h.numRows * d, 0.0); else dH.zero();
        }
        if (dPrototypes != null) { dPrototypes.reshape(c, d); dPrototypes.zero(); }
        if (large) return evaluateLarge(h, rows.length, labels, prototypes, dH, dPrototypes, weight);
        double[] logits = new double[c];
        double loss = 0;
        double inv = weight == 1.0 ? 1.0 / rows.length : weight / rows.length;
        for (int t = 0; t < rows.length; t++) {
            int i = rows[t], y = labels[t];
            if (y < 0 || y >= c) throw new IllegalArgumentException("Expected label in [0," + c + ") (got " + y + ")");
            int off = i * d;
            double logZ = logits(h, off, prototypes, logits);
            loss += (logZ - logits[y]) * inv;
            if (dH == null && dPrototypes == null) continue;
            for (int k = 0; k < c; k++) {
                double g = (Math.exp(logits[k] - logZ) - (k == y ? 1.0 : 0.0)) * inv / tau;
                if (g == 0) continue;
                int po = k * d;
                if (dH != null) for (int j = 0; j < d; j++) dH.data[off + j] += g * prototypes.data[po + j];
                if (dPrototypes != null) for (int j = 0; j < d; j++) dPrototypes.data[po + j] += g * h.data[off + j];
            }
        }
        return loss;
    }

    /** Fills {@code logits} with &lt;h_row, p_k&gt;/tau for the row starting at {@code off} and returns log sum_k exp(logits_k). */
    private double logits(DMatrixRMaj h, int off, DMatrixRMaj prototypes, double[] logits) {
        int d = h.numCols, c = prototypes.numRows;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            double s = 0;
            int po = k * d;
            for (int j = 0; j < d; j++) s += h.data[off + j] * prototypes.data[po + j];
            logits[k] = s / tau;
            max = Math.max(max, logits[k]);
        }
        double z = 0;
        for (int k = 0; k < c; k++) z += Math.exp(logits[k] - max);
        return max + Math.log(z);
    }

    /**
     * The soft-target form of the same loss: for rows {@code from .. from+count-1} of h with fixed target distributions
     * T ({@code count x C}, rows summing to 1), {@code weight / count * sum_i sum_k -T_ik log softmax_k(<h_i, p_k>/tau)}.
     * The hard-label {@link #evaluate} is the one-hot case. Unlike {@code evaluate}, the gradients are ACCUMULATED into
     * {@code dH} (rows from..) and {@code dPrototypes} (either may be null), so the term can be added to a hard-label loss.
     */
    public double evaluateSoft(DMatrixRMaj h, int from, int count, double[] targets, DMatrixRMaj prototypes, double weight,
                               DMatrixRMaj dH, DMatrixRMaj dPrototypes) {
        int d = h.numCols, c = prototypes.numRows;
        if (prototypes.numCols != d) {
            throw new IllegalArgumentException("Expected prototypes with " + d + " columns (got " + prototypes.numCols + ")");
        }
        if (targets.length != count * c) {
            throw new IllegalArgumentException("Expected " + count + " x " + c + " targets (got " + targets.length + " values)");
        }
        double[] logits = new double[c];
        double loss = 0, inv = weight / Math.max(1, count);
        for (int t = 0; t < count; t++) {
            int off = (from + t) * d;
            double logZ = logits(h, off, prototypes, logits);
            for (int k = 0; k < c; k++) {
                double tk = targets[t * c + k];
                loss += tk * (logZ - logits[k]) * inv;
                double g = (Math.exp(logits[k] - logZ) - tk) * inv / tau; // sum_k T_k = 1
                if (g == 0) continue;
                int po = k * d;
                if (dH != null) for (int j = 0; j < d; j++) dH.data[off + j] += g * prototypes.data[po + j];
                if (dPrototypes != null) for (int j = 0; j < d; j++) dPrototypes.data[po + j] += g * h.data[off + j];
            }
        }
        return loss;
    }

    /** The large path's rows x C logits / gradient, kept for the next call (one loss object per problem, one call at a time). */
    private DMatrixRMaj logitBuffer;

    /** Scored rows from which the products run as row-block parallel matrix products (smaller sets: the loop below, unchanged). */
    static final int LARGE = 8192;

    private static boolean isPrefix(int[] rows) {
        for (int t = 0; t < rows.length; t++) if (rows[t] != t) return false;
        return true;
    }

    /**
     * The same loss and gradients for the rows 0..t-1 of h as three matrix products (logits = H P^T, dH = G P,
     * dP = G^T H through {@link Kernels}: row-block parallel) and a row-block parallel softmax whose per-block losses are
     * summed in block order: identical for any thread count, within summation order (1e-15 relative) of the loop.
     */
    private double evaluateLarge(DMatrixRMaj h, int t, int[] labels, DMatrixRMaj prototypes, DMatrixRMaj dH, DMatrixRMaj dPrototypes,
                                 double weight) {
        int d = h.numCols, c = prototypes.numRows;
        DMatrixRMaj ht = DMatrixRMaj.wrap(t, d, h.data);
        DMatrixRMaj g = Kernels.multTransB(ht, prototypes, logitBuffer); // reused: no rows x C garbage per step
        logitBuffer = g;
        int grain = 4096, nb = Parallel.blocks(t, grain);
        double[] part = new double[nb];
        double inv = weight == 1.0 ? 1.0 / t : weight / t;
        Parallel.forBlocks(t, grain, (b, from, to) -> {
            double l = 0;
            for (int i = from; i < to; i++) {
                int y = labels[i];
                if (y < 0 || y >= c) throw new IllegalArgumentException("Expected label in [0," + c + ") (got " + y + ")");
                int o = i * c;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) { g.data[o + k] /= tau; max = Math.max(max, g.data[o + k]); }
                double z = 0;
                for (int k = 0; k < c; k++) z += Math.exp(g.data[o + k] - max);
                double logZ = max + Math.log(z);
                l += (logZ - g.data[o + y]) * inv;
                for (int k = 0; k < c; k++) g.data[o + k] = (Math.exp(g.data[o + k] - logZ) - (k == y ? 1.0 : 0.0)) * inv / tau;
            }
            part[b] = l;
        });
        double loss = 0;
        for (double v : part) loss += v;
        if (dH != null) {
            Kernels.mult(g, prototypes, DMatrixRMaj.wrap(t, d, dH.data)); // the first t rows of dH, in place
        }
        if (dPrototypes != null) Kernels.multTransA(g, ht, dPrototypes);
        return loss;
    }

    /** Class probabilities softmax(&lt;h_i, c_k&gt;/tau) for every row of h (N x C). */
    public DMatrixRMaj probabilities(DMatrixRMaj h, DMatrixRMaj prototypes) {
        int d = h.numCols, c = prototypes.numRows;
        DMatrixRMaj p = new DMatrixRMaj(h.numRows, c);
        for (int i = 0; i < h.numRows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += h.data[i * d + j] * prototypes.data[k * d + j];
                p.data[i * c + k] = s / tau;
                max = Math.max(max, s / tau);
            }
            double z = 0;
            for (int k = 0; k < c; k++) { p.data[i * c + k] = Math.exp(p.data[i * c + k] - max); z += p.data[i * c + k]; }
            for (int k = 0; k < c; k++) p.data[i * c + k] /= z;
        }
        return p;
    }
}
