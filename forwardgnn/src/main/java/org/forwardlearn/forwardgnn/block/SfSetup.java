package org.forwardlearn.forwardgnn.block;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodes;

/**
 * The seeded setup of an SF run drawn exactly as forwardgnn's {@code NodeMethods.build} draws it for method sf (checked
 * by {@code BlockSfTest} against the local path's own model): first the fixed-draw stream
 * ({@link NodeMethods#fixedStream}), then the layers ({@link NodeMethods#stack}), then the frozen N(0,1) virtual-node
 * features from the fixed stream ({@link VirtualNodes#randomFeatures}). A distributed trainer calls this with
 * GnnExperiment's generator ({@code Seeds.forSplit(seed, split)}) and starts from the local run's numbers.
 *
 * @param virtualFeatures C x F, not normalised (the layer input is their row-L2 normalisation)
 */
public record SfSetup(List<GraphConv> convs, DMatrixRMaj virtualFeatures) {
    public static SfSetup draw(String conv, int features, int hidden, int layers, int classes, Random rng) {
        Random fixed = NodeMethods.fixedStream(rng);
        List<GraphConv> convs = NodeMethods.stack(conv, features, hidden, layers, rng);
        return new SfSetup(convs, VirtualNodes.randomFeatures(classes, features, fixed));
    }

    /** GnnExperiment's generator for a seed and split index. */
    public static Random rng(long seed, int split) { return org.forwardlearn.core.random.Seeds.forSplit(seed, split); }
}
