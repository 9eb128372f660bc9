package org.forwardlearn.spark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * The edges whose source lives in one partition, as packed keys sorted by (src, dst), so that every pass
 * over them visits edges in the same order (sums are then reproducible bit for bit, even after a lost
 * executor's partitions are recomputed).
 */
public record EdgeBlock(long[] src, long[] dst) implements Serializable {
    /** Collects one partition's (src, dst) pairs into a sorted block. */
    public static Iterator<EdgeBlock> of(Iterator<Tuple2<Long, Long>> it) {
        List<long[]> pairs = new ArrayList<>();
        while (it.hasNext()) {
            Tuple2<Long, Long> e = it.next();
            pairs.add(new long[] {e._1(), e._2()});
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] s = new long[pairs.size()], d = new long[pairs.size()];
        for (int i = 0; i < s.length; i++) { s[i] = pairs.get(i)[0]; d[i] = pairs.get(i)[1]; }
        return List.of(new EdgeBlock(s, d)).iterator();
    }

    public int size() { return src.length; }

    @Override public String toString() { return "EdgeBlock(" + src.length + " edges, first " + Arrays.toString(Arrays.copyOf(src, Math.min(3, src.length))) + ")"; }
}
