package org.forwardlearn.forwardgnn.eval;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking metrics for link prediction: ROC-AUC (ties get half credit) and average precision. */
public final class Metrics {
    private Metrics() { }

    /** ROC-AUC of scores for positives vs negatives: P(s+ &gt; s-) + 0.5 P(s+ = s-), via average ranks. */
    public static double rocAuc(double[] pos, double[] neg) {
        if (pos.length == 0 || neg.length == 0) throw new IllegalArgumentException("Expected positives and negatives (got "
                + pos.length + ", " + neg.length + ")");
        int n = pos.length + neg.length;
        double[] all = new double[n];
        System.arraycopy(pos, 0, all, 0, pos.length);
        System.arraycopy(neg, 0, all, pos.length, neg.length);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> all[i]));
        double rankSumPos = 0;
        for (int s = 0; s < n; ) {
            int e = s;
            while (e + 1 < n && all[idx[e + 1]] == all[idx[s]]) e++;
            double avgRank = (s + e) / 2.0 + 1;
            for (int k = s; k <= e; k++) if (idx[k] < pos.length) rankSumPos += avgRank;
            s = e + 1;
        }
        return (rankSumPos - pos.length * (pos.length + 1) / 2.0) / ((double) pos.length * neg.length);
    }

    /** Average precision (scikit-learn's definition: sum over thresholds of (R_k - R_k-1) P_k; tied scores form one threshold). */
    public static double averagePrecision(double[] pos, double[] neg) {
        int n = pos.length + neg.length;
        double[] all = new double[n];
        System.arraycopy(pos, 0, all, 0, pos.length);
        System.arraycopy(neg, 0, all, pos.length, neg.length);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> -all[i]));
        double ap = 0, prevRecall = 0;
        int tp = 0, seen = 0;
        for (int s = 0; s < n; ) {
            int e = s;
            while (e + 1 < n && all[idx[e + 1]] == all[idx[s]]) e++;
            for (int k = s; k <= e; k++) { seen++; if (idx[k] < pos.length) tp++; }
            double recall = (double) tp / pos.length, precision = (double) tp / seen;
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
            s = e + 1;
        }
        return ap;
    }
}
