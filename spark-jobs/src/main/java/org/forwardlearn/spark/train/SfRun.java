package org.forwardlearn.spark.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.spark.partition.PartitionReport;
import scala.Tuple2;

/**
 * The outcome of a distributed SF run.
 *
 * @param rows          final rows keyed by the original id: x = the last layer's normalised embedding, cum = summed class distributions
 * @param resumedFrom   the first layer trained in this run (0 = fresh)
 * @param layerSeconds  wall seconds per layer in this run (exchange + training + materialisation)
 * @param accuracy      {train, val, test} accuracy of argmax(summed distributions)
 * @param stepBroadcastBytes bytes of parameters + prototypes broadcast per step (last layer)
 * @param stepResultBytes    bytes of one partition's step result (last layer)
 */
public record SfRun(SfConfig config, List<GraphConv> layers, List<DMatrixRMaj> prototypes, DMatrixRMaj virtualFeatures,
                    JavaRDD<Tuple2<Long, NodeRow>> rows, TrainingResult training, PartitionReport partitionReport,
                    int resumedFrom, double[] layerSeconds, double[] accuracy, long stepBroadcastBytes, long stepResultBytes) {
    public double trainAccuracy() { return accuracy[0]; }

    public double valAccuracy() { return accuracy[1]; }

    public double testAccuracy() { return accuracy[2]; }

    /** Bytes of layer l's parameters (8 per double), the reference for its per-step traffic. */
    public long parameterBytes(int l) {
        long n = 0;
        for (var p : layers.get(l).parameters()) n += p.value().getNumElements();
        return 8L * n;
    }

    /** {correct, count} per split code (train, val, test) of argmax(cum) on labelled real nodes. */
    public static double[] accuracies(JavaRDD<Tuple2<Long, NodeRow>> rows) {
        long[] c = rows.aggregate(new long[6], (acc, t) -> {
            NodeRow r = t._2();
            if (r.split() <= NodeRow.TEST && r.label() >= 0) {
                acc[2 * r.split() + 1]++;
                if (NodeRow.argMax(r.cum(), 0, r.cum().length) == r.label()) acc[2 * r.split()]++;
            }
            return acc;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) a[i] += b[i];
            return a;
        });
        return new double[] {ratio(c[0], c[1]), ratio(c[2], c[3]), ratio(c[4], c[5])};
    }

    private static double ratio(long a, long b) { return b == 0 ? Double.NaN : (double) a / b; }
}
