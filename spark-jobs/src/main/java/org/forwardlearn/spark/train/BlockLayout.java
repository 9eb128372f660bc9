package org.forwardlearn.spark.train;

import static org.apache.spark.sql.functions.*;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.forwardlearn.forwardgnn.block.Block;
import org.forwardlearn.forwardgnn.block.BlockSf;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.spark.input.GraphTables;
import scala.Tuple2;

/**
 * The graph laid out over partitions as compact blocks (issue 17): node ids mapped once to dense ints
 * ({@link DenseIds}), one {@link PartGraph} per partition (CSR in-edges in block-local indices, global degrees,
 * send lists), built with three shuffles once per run. SF's virtual class nodes are not owned by any partition: they are
 * halo rows of every block (their rows come from the driver), wired both ways to the training nodes of their class,
 * as forwardgnn's {@code VirtualNodes.augment} with {@code bidirectional}.
 *
 * <p>Per layer, {@link #blocks} exchanges the halo once (each partition sends every other the rows it needs, one
 * packet per pair: one shuffle of halo rows) and assembles each partition's forwardgnn {@link BlockSf}.
 *
 * @param graphs            one structure per partition (persisted)
 * @param trainPerClass     training nodes per class (the virtual nodes' in-degrees)
 */
public record BlockLayout(JavaRDD<PartGraph> graphs, IntPartitioner partitioner, int classes, int features, long trainCount,
                          int[] trainPerClass, long edges) implements Serializable {

    /** Own node of a partition (build only). */
    record NodeRec(int nid, long id, int label, byte split, int deg) implements Serializable { }

    /** In-edge src -> dst of an own node dst (build only). */
    record EdgeRec(int dst, int src, int srcPart, int srcDeg) implements Serializable { }

    /** The rows a partition sends to another once per layer. */
    public record HaloPacket(int from, double[] x) implements Serializable { }

    /**
     * @param assignment {@code (id, part)} for every node
     * @param symmetrise add the reverse of every edge
     */
    public static BlockLayout build(GraphTables g, Dataset<Row> assignment, int partitions, boolean symmetrise) {
        IntPartitioner p = new IntPartitioner(partitions);
        Dataset<Row> dense = DenseIds.assign(g.nodes(), GraphTables.ID);
        Dataset<Row> ni = g.nodes().join(dense, GraphTables.ID).join(assignment, GraphTables.ID)
                .select(col("nid"), col("id"), col("part"), col("label"), col("split")).cache();
        Dataset<Row> e = g.edges();
        if (symmetrise) e = e.union(e.select(col("dst").as("src"), col("src").as("dst")));
        e = e.filter(col("src").notEqual(col("dst"))).distinct();
        Dataset<Row> s = ni.select(col("id").as("sid"), col("nid").as("snid"), col("part").as("spart"));
        Dataset<Row> d = ni.select(col("id").as("did"), col("nid").as("dnid"), col("part").as("dpart"));
        Dataset<Row> en = e.join(s, e.col("src").equalTo(s.col("sid"))).join(d, e.col("dst").equalTo(d.col("did")))
                .select(col("snid"), col("spart"), col("dnid"), col("dpart")).cache();
        Dataset<Row> realDeg = en.groupBy(col("dnid")).agg(count(lit(1)).as("rdeg"));
        Dataset<Row> info = ni.join(realDeg, ni.col("nid").equalTo(realDeg.col("dnid")), "left")
                .select(col("nid"), col("id"), col("part"), col("label"), col("split"),
                        coalesce(col("rdeg"), lit(0L)).plus(when(col("split").equalTo("train"), 1L).otherwise(0L)).cast("int").as("deg"))
                .cache();
        Dataset<Row> sdeg = info.select(col("nid").as("s2"), col("deg").as("sdeg"));
        Dataset<Row> edgesWithDeg = en.join(sdeg, en.col("snid").equalTo(sdeg.col("s2"))).select(col("dnid"), col("dpart"), col("snid"),
                col("spart"), col("sdeg"));
        JavaPairRDD<Integer, NodeRec> own = info.javaRDD().mapToPair(r -> new Tuple2<>(r.getInt(2), new NodeRec(r.getInt(0), r.getLong(1),
                r.getInt(3), NodeRow.splitCode(r.getString(4)), r.getInt(5)))).partitionBy(p);
        JavaPairRDD<Integer, EdgeRec> in = edgesWithDeg.javaRDD().mapToPair(r -> new Tuple2<>(r.getInt(1), new EdgeRec(r.getInt(0),
                r.getInt(2), r.getInt(3), r.getInt(4)))).partitionBy(p);
        JavaPairRDD<Integer, int[]> sends = en.filter(col("spart").notEqual(col("dpart"))).select(col("spart"), col("snid"), col("dpart"))
                .distinct().javaRDD().mapToPair(r -> new Tuple2<>(r.getInt(0), new int[] {r.getInt(1), r.getInt(2)})).partitionBy(p);
        List<Row> perClass = info.filter(col("split").equalTo("train")).groupBy(col("label")).count().collectAsList();
        int c = g.numClasses();
        int[] trainPerClass = new int[c];
        long train = 0;
        for (Row r : perClass) { trainPerClass[r.getInt(0)] = (int) r.getLong(1); train += r.getLong(1); }
        JavaRDD<Tuple2<List<NodeRec>, List<EdgeRec>>> ownIn = own.zipPartitions(in, (a, b) -> {
            List<NodeRec> ns = new ArrayList<>();
            a.forEachRemaining(t -> ns.add(t._2()));
            List<EdgeRec> es = new ArrayList<>();
            b.forEachRemaining(t -> es.add(t._2()));
            return List.of(new Tuple2<>(ns, es)).iterator();
        });
        JavaRDD<PartGraph> graphs = ownIn.zipPartitions(sends, (a, b) -> List.of(part(a.next(), b, partitions, trainPerClass)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        long edgeCount = graphs.map(x -> (long) x.block().edges()).reduce(Long::sum);
        ni.unpersist();
        en.unpersist();
        info.unpersist();
        return new BlockLayout(graphs, p, c, g.numFeatures(), train, trainPerClass, edgeCount);
    }

    private static PartGraph part(Tuple2<List<NodeRec>, List<EdgeRec>> t, Iterator<Tuple2<Integer, int[]>> sendIt, int partitions,
                                  int[] trainPerClass) {
        int part = TaskContext.getPartitionId();
        List<NodeRec> ns = new ArrayList<>(t._1());
        ns.sort(Comparator.comparingInt(NodeRec::nid));
        int n = ns.size(), c = trainPerClass.length;
        int[] nids = new int[n], labels = new int[n], deg = new int[n];
        long[] ids = new long[n];
        byte[] splits = new byte[n];
        for (int i = 0; i < n; i++) {
            NodeRec r = ns.get(i);
            nids[i] = r.nid(); ids[i] = r.id(); labels[i] = r.label(); splits[i] = r.split(); deg[i] = r.deg();
        }
        List<EdgeRec> es = new ArrayList<>(t._2());
        es.sort((a, b) -> a.dst() != b.dst() ? Integer.compare(a.dst(), b.dst()) : Integer.compare(a.src(), b.src()));
        // real halo: distinct sources in other partitions, ascending dense id
        int[] hs = es.stream().filter(x -> x.srcPart() != part).mapToInt(EdgeRec::src).distinct().sorted().toArray();
        int h = hs.length;
        int[] haloFrom = new int[h], haloDeg = new int[h];
        for (EdgeRec x : es) {
            if (x.srcPart() == part) continue;
            int k = Arrays.binarySearch(hs, x.src());
            haloFrom[k] = x.srcPart();
            haloDeg[k] = x.srcDeg();
        }
        int[] ptr = new int[n + 1];
        int[] src = new int[es.size() + n];
        int m = 0, e = 0;
        for (int i = 0; i < n; i++) {
            while (e < es.size() && es.get(e).dst() == nids[i]) {
                EdgeRec x = es.get(e++);
                src[m++] = x.srcPart() == part ? local(nids, x.src()) : n + Arrays.binarySearch(hs, x.src());
            }
            if (splits[i] == NodeRow.TRAIN) src[m++] = n + h + labels[i];   // the virtual node of its class
            ptr[i + 1] = m;
        }
        if (e != es.size()) throw new IllegalStateException("Expected every in-edge to end at an own node of partition " + part);
        int[] degrees = Arrays.copyOf(deg, n + h + c);
        System.arraycopy(haloDeg, 0, degrees, n, h);
        System.arraycopy(trainPerClass, 0, degrees, n + h, c);
        Block block = new Block(n, h + c, ptr, Arrays.copyOf(src, m), degrees);
        List<int[]> sl = new ArrayList<>();
        sendIt.forEachRemaining(x -> sl.add(x._2()));
        sl.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        int[] sendPtr = new int[partitions + 1], sendRows = new int[sl.size()];
        for (int k = 0; k < sl.size(); k++) { sendRows[k] = local(nids, sl.get(k)[0]); sendPtr[sl.get(k)[1] + 1]++; }
        for (int q = 0; q < partitions; q++) sendPtr[q + 1] += sendPtr[q];
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (splits[i] == NodeRow.TRAIN) tr.add(i);
            else if (splits[i] == NodeRow.VAL && labels[i] >= 0) va.add(i);
        }
        int[] trainRows = tr.stream().mapToInt(Integer::intValue).toArray(), valRows = va.stream().mapToInt(Integer::intValue).toArray();
        int[] trainLabels = Arrays.stream(trainRows).map(i -> labels[i]).toArray();
        int[] valLabels = Arrays.stream(valRows).map(i -> labels[i]).toArray();
        return new PartGraph(part, ids, nids, labels, splits, degrees, block, h, haloFrom, sendPtr, sendRows, trainRows, trainLabels,
                valRows, valLabels);
    }

    private static int local(int[] nids, int nid) {
        int k = Arrays.binarySearch(nids, nid);
        if (k < 0) throw new IllegalStateException("Expected node " + nid + " among the partition's own nodes");
        return k;
    }

    /** Layer 0's rows: the features, row-L2-normalised with forwardgnn's rule, in each partition's own-row order. */
    public JavaRDD<LayerRows> firstRows(GraphTables g, Dataset<Row> assignment) {
        Dataset<Row> dense = DenseIds.assign(g.nodes(), GraphTables.ID);
        int f = features, c = classes;
        JavaPairRDD<Integer, Tuple2<Integer, double[]>> x = g.nodes().join(dense, GraphTables.ID).join(assignment, GraphTables.ID)
                .select(col("part"), col("nid"), col(GraphTables.FEATURES)).javaRDD().mapToPair(r -> {
                    List<Double> xs = r.getList(2);
                    double[] v = new double[xs.size()];
                    for (int i = 0; i < v.length; i++) v[i] = xs.get(i);
                    return new Tuple2<>(r.getInt(0), new Tuple2<>(r.getInt(1), v));
                }).partitionBy(partitioner);
        return x.mapPartitions(it -> {
            List<Tuple2<Integer, double[]>> l = new ArrayList<>();
            it.forEachRemaining(t -> l.add(t._2()));
            l.sort(Comparator.comparingInt(Tuple2::_1));
            DMatrixRMaj m = new DMatrixRMaj(l.size(), f);
            for (int i = 0; i < l.size(); i++) System.arraycopy(l.get(i)._2(), 0, m.data, i * f, f);
            double[] xn = l.isEmpty() ? new double[0] : NodeMatrix.dense(m).rowL2Normalized().toDense().data;
            return List.of(new LayerRows(TaskContext.getPartitionId(), f, xn, new double[l.size() * c])).iterator();
        }, true);
    }

    /**
     * The layer's blocks: one exchange of halo rows (one packet per partition pair that shares an edge), then per
     * partition the block input [own | halo | virtual] and forwardgnn's {@link BlockSf}. Persist the result.
     *
     * @param virtualX C x width rows of the virtual nodes (row-L2-normalised), broadcast
     */
    public JavaRDD<PartLayer> blocks(JavaRDD<LayerRows> rows, Broadcast<DMatrixRMaj> virtualX, String conv, double tau) {
        JavaRDD<Tuple2<PartGraph, LayerRows>> gr = graphs.zipPartitions(rows, (a, b) -> List.of(new Tuple2<>(a.next(), b.next())).iterator());
        int parts = partitioner.numPartitions();
        JavaRDD<HaloPacket> arrived = gr.flatMapToPair(t -> {
            PartGraph g = t._1();
            int w = t._2().width();
            List<Tuple2<Integer, HaloPacket>> out = new ArrayList<>();
            for (int q = 0; q < parts; q++) {
                int a = g.sendPtr()[q], b = g.sendPtr()[q + 1];
                if (a == b) continue;
                double[] x = new double[(b - a) * w];
                for (int k = a; k < b; k++) System.arraycopy(t._2().x(), g.sendRows()[k] * w, x, (k - a) * w, w);
                out.add(new Tuple2<>(q, new HaloPacket(g.part(), x)));
            }
            return out.iterator();
        }).partitionBy(partitioner).values();
        return gr.zipPartitions(arrived, (a, b) -> {
            Tuple2<PartGraph, LayerRows> t = a.next();
            PartGraph g = t._1();
            LayerRows r = t._2();
            int w = virtualX.value().numCols, n = g.own(), h = g.realHalo(), c = g.block().halo() - h;
            DMatrixRMaj x = new DMatrixRMaj(n + h + c, w);
            System.arraycopy(r.x(), 0, x.data, 0, n * w);
            List<HaloPacket> ps = new ArrayList<>();
            b.forEachRemaining(ps::add);
            for (HaloPacket pk : ps) {
                int k = 0;
                for (int j = 0; j < h; j++) if (g.haloFrom()[j] == pk.from()) System.arraycopy(pk.x(), w * k++, x.data, (n + j) * w, w);
                if (k * w != pk.x().length) throw new IllegalStateException("Expected " + k + " halo rows from partition " + pk.from()
                        + " in partition " + g.part() + " (got " + pk.x().length / Math.max(1, w) + ")");
            }
            System.arraycopy(virtualX.value().data, 0, x.data, (n + h) * w, c * w);
            BlockSf sf = new BlockSf(g.block().input(conv, NodeMatrix.dense(x)), g.trainRows(), g.trainLabels(), g.valRows(),
                    g.valLabels(), tau);
            return List.of(new PartLayer(g, r, sf)).iterator();
        });
    }

    /** The rows as output records keyed by the original id (x = the rows' embedding, cum = summed distributions). */
    public JavaRDD<Tuple2<Long, NodeRow>> outputRows(JavaRDD<LayerRows> rows) {
        return graphs.zipPartitions(rows, (a, b) -> {
            PartGraph g = a.next();
            LayerRows r = b.next();
            int w = r.width(), c = r.cum().length / Math.max(1, g.own());
            List<Tuple2<Long, NodeRow>> out = new ArrayList<>(g.own());
            for (int i = 0; i < g.own(); i++) {
                out.add(new Tuple2<>(g.ids()[i], new NodeRow(g.labels()[i], g.splits()[i], g.degrees()[i],
                        Arrays.copyOfRange(r.x(), i * w, (i + 1) * w), Arrays.copyOfRange(r.cum(), i * c, (i + 1) * c))));
            }
            return out.iterator();
        });
    }

    /** Rows read back from a materialised layer ({@code (original id, row)}), laid out again per partition. */
    public JavaRDD<LayerRows> rowsFrom(JavaRDD<Tuple2<Long, NodeRow>> state) {
        JavaPairRDD<Long, Tuple2<Integer, Integer>> where = graphs.flatMapToPair(g -> {
            List<Tuple2<Long, Tuple2<Integer, Integer>>> l = new ArrayList<>();
            for (int i = 0; i < g.own(); i++) l.add(new Tuple2<>(g.ids()[i], new Tuple2<>(g.part(), i)));
            return l.iterator();
        });
        int c = classes;
        return where.join(state.mapToPair(t -> t)).mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._1()._2(), t._2()._2())))
                .partitionBy(partitioner).mapPartitions(it -> {
                    List<Tuple2<Integer, NodeRow>> l = new ArrayList<>();
                    it.forEachRemaining(t -> l.add(t._2()));
                    l.sort(Comparator.comparingInt(Tuple2::_1));
                    int w = l.isEmpty() ? 0 : l.get(0)._2().x().length;
                    double[] x = new double[l.size() * w], cum = new double[l.size() * c];
                    for (int i = 0; i < l.size(); i++) {
                        if (l.get(i)._1() != i) throw new IllegalStateException("Expected a saved row for every node (row " + i + " missing)");
                        System.arraycopy(l.get(i)._2().x(), 0, x, i * w, w);
                        System.arraycopy(l.get(i)._2().cum(), 0, cum, i * c, c);
                    }
                    return List.of(new LayerRows(TaskContext.getPartitionId(), w, x, cum)).iterator();
                }, true);
    }
}
