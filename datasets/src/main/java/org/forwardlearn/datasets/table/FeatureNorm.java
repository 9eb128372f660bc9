package org.forwardlearn.datasets.table;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Node-feature normalisation as an explicit, recorded choice; the one implementation of each rule, used by
 * forwardgnn's local path and by the Spark job.
 * <ul>
 *   <li>{@code none}: features as given (every layer input is still row-L2-normalised by the model itself);</li>
 *   <li>{@code row-sum}: each row divided by its sum (PyG's NormalizeFeatures; ForwardGNN's protocol for the
 *       bag-of-words catalogue datasets). All-zero rows stay zero; a row with a non-zero entry whose sum is &lt;= 0
 *       is refused (dividing signed features by their sum flips and explodes them);</li>
 *   <li>{@code row-l2}: each row divided by its Euclidean norm (zero rows stay zero);</li>
 *   <li>{@code standardize}: each column minus its mean over the training rows, divided by its standard deviation
 *       over them (population; constant columns are only centred). Fitted on training rows only, stored with the model.</li>
 * </ul>
 */
public enum FeatureNorm {
    NONE("none"), ROW_SUM("row-sum"), ROW_L2("row-l2"), STANDARDIZE("standardize");

    /** The rule for user tables when none is given: see the datasets README ("Feature normalisation"). */
    public static final FeatureNorm USER_TABLE_DEFAULT = NONE;

    private final String id;

    FeatureNorm(String id) { this.id = id; }

    /** The name used on the command line, in provenance and in checkpoints. */
    public String id() { return id; }

    public static List<String> ids() { return Arrays.stream(values()).map(FeatureNorm::id).toList(); }

    /** Parses a rule name ("Expected features-norm none|row-sum|row-l2|standardize (got 'x')"). */
    public static FeatureNorm parse(String s) {
        for (FeatureNorm f : values()) if (f.id.equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("Expected features-norm " + String.join("|", ids()) + " (got '" + s + "')");
    }

    /** Whether the rule works row by row (no fitted statistics). */
    public boolean rowWise() { return this != STANDARDIZE; }

    /** Fits the rule on rows {@code rows} of {@code x} (standardize: their column statistics; other rules: nothing). */
    public Fitted fit(DMatrixRMaj x, int[] rows) {
        if (this != STANDARDIZE) return new Fitted(this, null, null);
        Stats s = new Stats(x.numCols);
        double[] r = new double[x.numCols];
        for (int i : rows) {
            System.arraycopy(x.data, i * x.numCols, r, 0, x.numCols);
            s.add(r);
        }
        return fit(s);
    }

    /** Fits from accumulated statistics (the Spark job sums them over partitions). */
    public Fitted fit(Stats s) {
        if (this != STANDARDIZE) return new Fitted(this, null, null);
        if (s.count == 0) throw new IllegalArgumentException("Expected at least one training row to fit standardize (got none)");
        double[] mean = new double[s.sum.length], scale = new double[s.sum.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = s.sum[j] / s.count;
            double var = Math.max(0, s.sumSq[j] / s.count - mean[j] * mean[j]);
            scale[j] = var > 0 ? 1 / Math.sqrt(var) : 1;
        }
        return new Fitted(this, mean, scale);
    }

    /** The refusal of row-sum on a signed row. */
    public static final class RefusedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) { super(message); }
    }

    /** Column sums for standardize: add rows, merge partial sums (serializable, for Spark aggregates). */
    public static final class Stats implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        final double[] sum, sumSq;

        public Stats(int columns) { sum = new double[columns]; sumSq = new double[columns]; }

        public Stats add(double[] row) {
            count++;
            for (int j = 0; j < sum.length; j++) { sum[j] += row[j]; sumSq[j] += row[j] * row[j]; }
            return this;
        }

        public Stats merge(Stats o) {
            count += o.count;
            for (int j = 0; j < sum.length; j++) { sum[j] += o.sum[j]; sumSq[j] += o.sumSq[j]; }
            return this;
        }
    }

    /**
     * A fitted rule. {@link #applyRow} is the single place each rule is computed.
     *
     * @param rule  the rule
     * @param mean  standardize: column means over the training rows (else null)
     * @param scale standardize: 1 / column standard deviation (1 for constant columns; else null)
     */
    public record Fitted(FeatureNorm rule, double[] mean, double[] scale) implements Serializable {
        /**
         * Normalises {@code v[from..to)} in place: the stored entries of one row (all of it when dense; the non-zeros of
         * a sparse row for the row-wise rules, whose result does not depend on the zeros). Standardize needs the whole
         * dense row ({@code to - from} = number of columns).
         *
         * @param row a name for the row in errors (the user's node id)
         * @throws RefusedException for row-sum on a row with a non-zero entry and a sum &lt;= 0
         */
        public void applyRow(double[] v, int from, int to, String row) {
            switch (rule) {
                case NONE -> { }
                case ROW_SUM -> {
                    double s = 0;
                    boolean nonZero = false;
                    for (int k = from; k < to; k++) { s += v[k]; nonZero |= v[k] != 0; }
                    if (!nonZero) return;
                    if (!(s > 0)) {
                        throw new RefusedException("Expected feature rows with a positive sum for features-norm row-sum (got sum "
                                + s + " on node '" + row + "'); use none, row-l2 or standardize for signed features");
                    }
                    for (int k = from; k < to; k++) v[k] /= s;
                }
                case ROW_L2 -> {
                    double s = 0;
                    for (int k = from; k < to; k++) s += v[k] * v[k];
                    if (s == 0) return;
                    double norm = Math.sqrt(s);
                    for (int k = from; k < to; k++) v[k] /= norm;
                }
                case STANDARDIZE -> {
                    if (to - from != mean.length) {
                        throw new IllegalArgumentException("Expected a dense row of " + mean.length + " features for standardize (got "
                                + (to - from) + ")");
                    }
                    for (int k = from; k < to; k++) v[k] = (v[k] - mean[k - from]) * scale[k - from];
                }
            }
        }

        /** A normalised copy of a dense matrix; {@code rowNames} (may be null) names rows in errors. */
        public DMatrixRMaj apply(DMatrixRMaj x, List<String> rowNames) {
            DMatrixRMaj o = x.copy();
            for (int i = 0; i < o.numRows; i++) {
                applyRow(o.data, i * o.numCols, (i + 1) * o.numCols, rowNames == null ? Integer.toString(i) : rowNames.get(i));
            }
            return o;
        }
    }
}
