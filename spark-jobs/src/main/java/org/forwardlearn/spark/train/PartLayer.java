package org.forwardlearn.spark.train;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.block.BlockSf;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * One partition while a layer trains: its structure, its own rows and forwardgnn's {@link BlockSf} over its block (own
 * rows + halo + virtual rows, assembled once per layer). Held in a memory-only cached RDD (never serialised: it is
 * rebuilt from its lineage when an executor is lost). Every method only calls forwardgnn and core code.
 */
public final class PartLayer {
    private final PartGraph graph;
    private final LayerRows rows;
    private final BlockSf sf;

    PartLayer(PartGraph graph, LayerRows rows, BlockSf sf) { this.graph = graph; this.rows = rows; this.sf = sf; }

    public PartGraph graph() { return graph; }

    public LayerRows rows() { return rows; }

    /** This partition's share of the step, null without training rows. */
    public StepResult step(StepParams p) {
        if (sf.trainCount() == 0) return null;
        GraphConv c = p.layer();
        DMatrixRMaj dP = new DMatrixRMaj(1, 1);
        double loss = sf.lossAndGradient(c, p.prototypes(), p.trainTotal(), dP);
        List<Parameter> ps = c.parameters();
        double[][] g = new double[ps.size()][];
        for (int i = 0; i < g.length; i++) g[i] = ps.get(i).grad().data.clone();
        return new StepResult(loss, g, dP.data.clone());
    }

    public long[] validate(StepParams p) { return sf.validate(p.layer(), p.prototypes(), rows.cum()); }

    /** The next layer's rows: x = rowL2(h) (forwardgnn's rule), cum += this layer's class distributions. */
    public LayerRows next(StepParams p) {
        DMatrixRMaj[] o = sf.outputs(p.layer(), p.prototypes(), graph.own());
        DMatrixRMaj x = NodeMatrix.dense(o[0]).rowL2Normalized().toDense();
        double[] cum = rows.cum().clone();
        for (int i = 0; i < cum.length; i++) cum[i] += o[1].data[i];
        return new LayerRows(graph.part(), x.numCols, x.data, cum);
    }

    /** The own training rows' inputs, labels and global degrees (for the prototypes, gathered once per layer). */
    public TrainRows trainRows() {
        int[] tr = graph.trainRows();
        int w = rows.width();
        double[] x = new double[tr.length * w];
        int[] deg = new int[tr.length];
        for (int t = 0; t < tr.length; t++) {
            System.arraycopy(rows.x(), tr[t] * w, x, t * w, w);
            deg[t] = graph.degrees()[tr[t]];
        }
        return new TrainRows(graph.part(), graph.trainLabels(), deg, x);
    }

    /** A partition's training rows. */
    public record TrainRows(int part, int[] labels, int[] degrees, double[] x) implements java.io.Serializable { }
}
