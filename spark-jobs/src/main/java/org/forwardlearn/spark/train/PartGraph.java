package org.forwardlearn.spark.train;

import java.io.Serializable;
import org.forwardlearn.forwardgnn.block.Block;

/**
 * The fixed structure of one partition, built once per run (issue 17's compact partitions): own nodes in ascending dense
 * id, their labels and splits as primitive arrays, the forwardgnn {@link Block} (own rows, then the real halo rows in
 * ascending dense id, then the C virtual class rows; the own rows' in-edges in block-local indices; global degrees),
 * where each real halo row comes from, and which own rows to send to which partition once per layer.
 *
 * @param ids       original ids of the own rows (for the outputs)
 * @param nids      dense ids of the own rows, ascending
 * @param realHalo  real halo rows (the block's halo minus the C virtual rows)
 * @param haloFrom  partition of every real halo row
 * @param sendPtr   partitions + 1 offsets into sendRows
 * @param sendRows  per destination partition, the own rows (local indices, ascending) it needs as halo
 */
public record PartGraph(int part, long[] ids, int[] nids, int[] labels, byte[] splits, int[] degrees, Block block, int realHalo,
                        int[] haloFrom, int[] sendPtr, int[] sendRows, int[] trainRows, int[] trainLabels, int[] valRows,
                        int[] valLabels) implements Serializable {
    public int own() { return nids.length; }
}
