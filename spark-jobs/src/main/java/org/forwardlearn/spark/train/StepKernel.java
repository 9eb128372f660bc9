package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import scala.Tuple2;

/**
 * What runs inside one partition: nothing but core code (DenseLayer forward and local gradient,
 * PrototypeSoftmaxLoss) applied to the partition's cached block.
 */
public final class StepKernel {
    private StepKernel() {}

    /** Loss and gradients of the partition's training nodes, scaled by (its training nodes / all training nodes). */
    public static StepResult lossAndGradient(NodeBlock b, LayerParams p) {
        int n = b.trainCount();
        if (n == 0) return null;
        DenseLayer layer = p.layer();
        DMatrixRMaj h = layer.forward(b.trainAx, null);
        DMatrixRMaj dH = new DMatrixRMaj(1, 1), dP = new DMatrixRMaj(1, 1);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        double loss = new PrototypeSoftmaxLoss(p.tau()).evaluate(h, rows, b.trainLabels, p.prototypes(), dH, dP);
        layer.zeroGrad();
        layer.localGradient(b.trainAx, h, dH);
        double scale = (double) n / p.trainTotal();
        List<Parameter> ps = layer.parameters();
        return new StepResult(loss * scale, scaled(ps.get(0).grad().data, scale), scaled(ps.get(1).grad().data, scale),
                scaled(dP.data, scale));
    }

    private static double[] scaled(double[] a, double s) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] *= s;
        return r;
    }

    /** {correct, counted} over the partition's labelled validation nodes, predicting argmax(summed distributions). */
    public static long[] validate(NodeBlock b, LayerParams p) {
        if (b.valLabels.length == 0) return new long[2];
        DMatrixRMaj h = p.layer().forward(b.valAx, null);
        DMatrixRMaj probs = new PrototypeSoftmaxLoss(p.tau()).probabilities(h, p.prototypes());
        long correct = 0;
        int c = probs.numCols;
        for (int i = 0; i < b.valLabels.length; i++) {
            for (int k = 0; k < c; k++) probs.data[i * c + k] += b.valCum.data[i * c + k];
            if (argMax(probs.data, i * c, c) == b.valLabels[i]) correct++;
        }
        return new long[] {correct, b.valLabels.length};
    }

    /** The next layer's rows: x = rowL2(h), cum += this layer's class distribution (real nodes). */
    public static Iterator<Tuple2<Long, NodeRow>> materialise(NodeBlock b, LayerParams p) {
        List<Tuple2<Long, NodeRow>> out = new ArrayList<>(b.size());
        if (b.size() == 0) return out.iterator();
        DMatrixRMaj h = p.layer().forward(b.ax, null);
        DMatrixRMaj probs = new PrototypeSoftmaxLoss(p.tau()).probabilities(h, p.prototypes());
        int d = h.numCols, c = probs.numCols;
        for (int i = 0; i < b.size(); i++) {
            double[] row = new double[d];
            System.arraycopy(h.data, i * d, row, 0, d);
            NodeRow r = b.rows[i];
            double[] cum = r.cum().clone();
            if (r.split() != NodeRow.VIRTUAL) for (int k = 0; k < c; k++) cum[k] += probs.data[i * c + k];
            out.add(new Tuple2<>(b.keys[i], r.withX(SfSetup.l2(row), cum)));
        }
        return out.iterator();
    }

    /** Index of the largest value (the first on ties). */
    public static int argMax(double[] a, int off, int len) {
        int best = 0;
        for (int k = 1; k < len; k++) if (a[off + k] > a[off + best]) best = k;
        return best;
    }
}
