package org.forwardlearn.forwardgnn.block;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.TestGraphs;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.SingleForward;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SF over node blocks equals forwardgnn's SingleForward: for GCN, SAGE and GAT, with the graph as one block and cut into
 * three blocks with halos, (a) every own row's conv output equals the whole graph's (halo correctness, global GCN
 * degrees), (b) the blocks' loss shares and gradient shares plus the prototype path sum to SingleForward's loss and
 * gradient at the same weights.
 */
class BlockSfTest {
    static final int N = 90, C = 3, F = 12;

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void blocksEqualSingleForward(String conv) {
        GraphData g = TestGraphs.planted(N, C, F, false, 5);
        Split split = TestGraphs.split(N);
        // the local path's own model (NodeMethods.build, method sf) and the block path's setup from the same generator
        org.forwardlearn.forwardgnn.GnnConfig gc = org.forwardlearn.forwardgnn.GnnConfig.defaults().withMethod("sf").withConv(conv)
                .withLayers(1).withHidden(8);
        NodeMethods.Built built = NodeMethods.build(gc, g, split, new Random(11));
        SfSetup setup = SfSetup.draw(conv, F, 8, 1, C, new Random(11));
        DMatrixRMaj vf = setup.virtualFeatures();
        assertArrayEquals(built.extras().get(org.forwardlearn.forwardgnn.nodeclass.SfPredictor.VIRTUAL_FEATURES).data, vf.data, 0.0,
                "virtual features drawn as NodeMethods draws them");
        SingleForward sf = (SingleForward) built.problem();
        GraphConv layer = built.convs().get(0);
        for (int k = 0; k < layer.parameters().size(); k++) {
            assertArrayEquals(layer.parameters().get(k).value().data, setup.convs().get(0).parameters().get(k).value().data, 0.0,
                    "initial " + layer.parameters().get(k).name() + " drawn as NodeMethods draws it");
        }
        for (Parameter p : layer.parameters()) p.grad().zero();
        double sfLoss = sf.lossAndGradient(0, 0, 0);
        List<DMatrixRMaj> sfGrad = grads(layer);

        int[] cls = new int[split.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = g.labels()[split.train()[t]];
        VirtualNodes aug = VirtualNodes.augment(g, split.train(), cls, true, vf);
        DMatrixRMaj x = aug.features().rowL2Normalized().toDense();
        GraphConv whole = layer.copy();
        DMatrixRMaj hWhole = whole.forward(new ConvInput(NodeMatrix.dense(x), aug.topology(), true));

        for (int parts : new int[] {1, 3}) {
            for (Parameter p : layer.parameters()) p.grad().zero();
            DMatrixRMaj hv = new DMatrixRMaj(C, F);
            System.arraycopy(x.data, N * F, hv.data, 0, C * F);
            DMatrixRMaj tx = new DMatrixRMaj(split.train().length, F);
            int[] tdeg = new int[split.train().length];
            for (int t = 0; t < tdeg.length; t++) {
                int i = split.train()[t];
                System.arraycopy(x.data, i * F, tx.data, t * F, F);
                tdeg[t] = aug.topology().inNeighbours(i).length;
            }
            SfPrototypes sp = SfPrototypes.create(conv, hv, tx, cls, tdeg);
            DMatrixRMaj protos = sp.prototypes(layer);
            DMatrixRMaj dP = new DMatrixRMaj(C, 8), part = new DMatrixRMaj(1, 1);
            double loss = 0;
            for (int b = 0; b < parts; b++) {
                List<Integer> own = new ArrayList<>();
                for (int i = 0; i < N; i++) if (i * parts / N == b) own.add(i);
                Block.Local lb = Block.of(aug.topology(), own.stream().mapToInt(Integer::intValue).toArray());
                if (parts > 1) assertTrue(lb.block().halo() > C, "a cut block has real halo rows");
                DMatrixRMaj bx = new DMatrixRMaj(lb.nodes().length, F);
                for (int r = 0; r < lb.nodes().length; r++) System.arraycopy(x.data, lb.nodes()[r] * F, bx.data, r * F, F);
                ConvInput in = lb.block().input(conv, NodeMatrix.dense(bx));
                // (a) halo correctness: own rows' outputs equal the whole graph's rows
                DMatrixRMaj hb = layer.forward(in, Block.identity(lb.block().own()));
                for (int r = 0; r < lb.block().own(); r++) {
                    for (int j = 0; j < hb.numCols; j++) {
                        assertEquals(hWhole.get(lb.nodes()[r], j), hb.get(r, j), 1e-12, conv + " row " + lb.nodes()[r]);
                    }
                }
                List<Integer> tr = new ArrayList<>(), trl = new ArrayList<>();
                for (int r = 0; r < lb.block().own(); r++) {
                    if (lb.nodes()[r] % 5 < 3) { tr.add(r); trl.add(g.labels()[lb.nodes()[r]]); }
                }
                BlockSf bsf = new BlockSf(in, ints(tr), ints(trl), new int[0], new int[0], 1.0);
                loss += bsf.lossAndGradient(layer, protos, split.train().length, part);
                for (int i = 0; i < dP.data.length; i++) dP.data[i] += part.data[i];
            }
            sp.addGradient(layer, dP);
            assertEquals(sfLoss, loss, 1e-12, conv + " loss, " + parts + " blocks");
            List<DMatrixRMaj> bg = grads(layer);
            for (int k = 0; k < bg.size(); k++) {
                double rel = relDiff(sfGrad.get(k), bg.get(k));
                assertTrue(rel < 1e-10, conv + " gradient " + layer.parameters().get(k).name() + ", " + parts + " blocks: " + rel);
            }
        }
    }

    private static int[] ints(List<Integer> l) { return l.stream().mapToInt(Integer::intValue).toArray(); }

    private static List<DMatrixRMaj> grads(GraphConv c) {
        List<DMatrixRMaj> g = new ArrayList<>();
        for (Parameter p : c.parameters()) g.add(p.grad().copy());
        return g;
    }

    static double relDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.data.length; i++) {
            num = Math.max(num, Math.abs(a.data[i] - b.data[i]));
            den = Math.max(den, Math.abs(a.data[i]));
        }
        return den == 0 ? num : num / den;
    }
}
