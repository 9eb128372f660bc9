package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.forwardlearn.spark.partition.PartPartitioner;
import scala.Tuple2;

/**
 * The one distributed sparse-dense product of a layer: every node's input embedding is sent along the
 * edges of its partition (a narrow zip of co-partitioned rows and edge blocks), combined per target within
 * the source partition, shuffled once to the target's partition and summed there in the order of the
 * source partitions (reproducible). GCN scales messages by 1/sqrt(deg+1) at both ends and includes the
 * self-loop (D^-1/2 (A+I) D^-1/2 X); SAGE sums plain messages and divides by the in-degree later.
 */
public final class Aggregation {
    private Aggregation() {}

    /**
     * @return per target key, the sum of its incoming messages (absent for a node without any)
     */
    public static JavaPairRDD<Long, double[]> messageSums(String conv, JavaRDD<Tuple2<Long, NodeRow>> rows,
                                                         JavaRDD<EdgeBlock> edges, PartPartitioner partitioner) {
        boolean gcn = conv.equals("gcn");
        JavaPairRDD<Long, Tuple2<Integer, double[]>> partial = rows.zipPartitions(edges, (rowIt, edgeIt) -> {
            int part = TaskContext.getPartitionId();
            List<Tuple2<Long, NodeRow>> local = new ArrayList<>();
            rowIt.forEachRemaining(local::add);
            local.sort(Comparator.comparingLong(Tuple2::_1));
            Map<Long, double[]> scaled = new HashMap<>(local.size() * 2);
            Map<Long, double[]> acc = new LinkedHashMap<>();
            for (Tuple2<Long, NodeRow> r : local) {
                double[] x = r._2().x();
                double s = gcn ? 1.0 / Math.sqrt(r._2().inDegree() + 1.0) : 1.0;
                double[] v = new double[x.length];
                for (int j = 0; j < x.length; j++) v[j] = x[j] * s;
                scaled.put(r._1(), v);
                if (gcn) acc.put(r._1(), v.clone());
            }
            while (edgeIt.hasNext()) {
                EdgeBlock b = edgeIt.next();
                for (int k = 0; k < b.size(); k++) {
                    double[] v = scaled.get(b.src()[k]);
                    if (v == null) throw new IllegalStateException("Expected edge source " + b.src()[k] + " in partition " + part + " (got none)");
                    double[] a = acc.computeIfAbsent(b.dst()[k], key -> new double[v.length]);
                    for (int j = 0; j < v.length; j++) a[j] += v[j];
                }
            }
            List<Tuple2<Long, Tuple2<Integer, double[]>>> out = new ArrayList<>(acc.size());
            for (Map.Entry<Long, double[]> e : acc.entrySet()) out.add(new Tuple2<>(e.getKey(), new Tuple2<>(part, e.getValue())));
            return out.iterator();
        }).mapToPair(t -> t);
        return partial.combineByKey(Aggregation::start, Aggregation::add, Aggregation::merge, partitioner, false, null)
                .mapValues(Aggregation::sumInOrder);
    }

    private static ArrayList<Tuple2<Integer, double[]>> start(Tuple2<Integer, double[]> p) {
        ArrayList<Tuple2<Integer, double[]>> l = new ArrayList<>(2);
        l.add(p);
        return l;
    }

    private static ArrayList<Tuple2<Integer, double[]>> add(ArrayList<Tuple2<Integer, double[]>> l, Tuple2<Integer, double[]> p) {
        l.add(p);
        return l;
    }

    private static ArrayList<Tuple2<Integer, double[]>> merge(ArrayList<Tuple2<Integer, double[]>> a,
                                                              ArrayList<Tuple2<Integer, double[]>> b) {
        a.addAll(b);
        return a;
    }

    private static double[] sumInOrder(ArrayList<Tuple2<Integer, double[]>> l) {
        l.sort(Comparator.comparingInt(Tuple2::_1));
        double[] s = l.get(0)._2().clone();
        for (int i = 1; i < l.size(); i++) {
            double[] v = l.get(i)._2();
            for (int j = 0; j < s.length; j++) s[j] += v[j];
        }
        return s;
    }

    /** The dense-layer input of one node from its message sum (null = no incoming message). */
    public static double[] denseInput(String conv, NodeRow row, double[] sum) {
        int f = row.x().length;
        if (conv.equals("gcn")) {
            double s = 1.0 / Math.sqrt(row.inDegree() + 1.0);
            double[] ax = new double[f];
            if (sum != null) for (int j = 0; j < f; j++) ax[j] = sum[j] * s;
            return ax;
        }
        double[] ax = new double[2 * f];
        if (sum != null && row.inDegree() > 0) for (int j = 0; j < f; j++) ax[j] = sum[j] / row.inDegree();
        System.arraycopy(row.x(), 0, ax, f, f);
        return ax;
    }
}
