/**
 * Forward-learning layer problems over a <b>node block with a halo</b> (issue 17): a block holds its own nodes' rows,
 * the rows of their in-neighbours that live elsewhere (the halo, input only) and its own nodes' in-edges in
 * block-local indices, with every row's GLOBAL in-degree. Since a layer's input is a constant while it trains, a
 * block receives its halo once per layer and then computes any conv (GCN, SAGE, GAT) for its own nodes at every step
 * with forwardgnn's own layer code ({@link org.forwardlearn.forwardgnn.block.Block#input}); the parts that span blocks
 * (SF's virtual nodes: {@link org.forwardlearn.forwardgnn.block.SfPrototypes}; the global training count that
 * normalises the loss) are supplied by the caller. A whole graph is the one-block case (no halo); a distributed
 * trainer (spark-jobs) runs {@link org.forwardlearn.forwardgnn.block.BlockSf} per partition and sums the shares.
 */
package org.forwardlearn.forwardgnn.block;
