package org.forwardlearn.spark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import scala.Tuple2;

/**
 * One partition's nodes with their cached dense-layer inputs (the aggregated embeddings), sorted by key,
 * plus copies of the training and validation rows as matrices for the per-step kernels.
 */
public final class NodeBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] keys;
    final NodeRow[] rows;
    final DMatrixRMaj ax;
    final DMatrixRMaj trainAx, valAx, valCum;
    final int[] trainLabels, valLabels;

    private NodeBlock(long[] keys, NodeRow[] rows, DMatrixRMaj ax, int classes) {
        this.keys = keys;
        this.rows = rows;
        this.ax = ax;
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].split() == NodeRow.TRAIN) tr.add(i);
            else if (rows[i].split() == NodeRow.VAL && rows[i].label() >= 0) va.add(i);
        }
        trainAx = select(ax, tr);
        valAx = select(ax, va);
        trainLabels = tr.stream().mapToInt(i -> rows[i].label()).toArray();
        valLabels = va.stream().mapToInt(i -> rows[i].label()).toArray();
        valCum = new DMatrixRMaj(va.size(), classes);
        for (int t = 0; t < va.size(); t++) System.arraycopy(rows[va.get(t)].cum(), 0, valCum.data, t * classes, classes);
    }

    private static DMatrixRMaj select(DMatrixRMaj m, List<Integer> idx) {
        DMatrixRMaj s = new DMatrixRMaj(idx.size(), m.numCols);
        for (int t = 0; t < idx.size(); t++) System.arraycopy(m.data, idx.get(t) * m.numCols, s.data, t * m.numCols, m.numCols);
        return s;
    }

    /** Builds the block of one partition from its rows and the message sums that arrived there. */
    public static Iterator<NodeBlock> build(String conv, int classes, Iterator<Tuple2<Long, NodeRow>> rowIt,
                                            Iterator<Tuple2<Long, double[]>> sumIt) {
        Map<Long, double[]> sums = new HashMap<>();
        sumIt.forEachRemaining(t -> sums.put(t._1(), t._2()));
        List<Tuple2<Long, NodeRow>> local = new ArrayList<>();
        rowIt.forEachRemaining(local::add);
        local.sort(Comparator.comparingLong(Tuple2::_1));
        int n = local.size();
        int width = n == 0 ? 0 : SfSetup.denseInput(conv, local.get(0)._2().x().length);
        long[] keys = new long[n];
        NodeRow[] rows = new NodeRow[n];
        DMatrixRMaj ax = new DMatrixRMaj(n, width);
        for (int i = 0; i < n; i++) {
            keys[i] = local.get(i)._1();
            rows[i] = local.get(i)._2();
            double[] a = Aggregation.denseInput(conv, rows[i], sums.get(keys[i]));
            System.arraycopy(a, 0, ax.data, i * width, width);
        }
        return List.of(new NodeBlock(keys, rows, ax, classes)).iterator();
    }

    public int size() { return keys.length; }

    public int trainCount() { return trainLabels.length; }

    /** The rows of the virtual class nodes: (class, dense input). */
    public List<Tuple2<Integer, double[]>> virtualInputs() {
        List<Tuple2<Integer, double[]>> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (rows[i].split() == NodeRow.VIRTUAL) {
                double[] a = new double[ax.numCols];
                System.arraycopy(ax.data, i * ax.numCols, a, 0, ax.numCols);
                out.add(new Tuple2<>(rows[i].label(), a));
            }
        }
        return out;
    }
}
