package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.EdgeObjective;
import org.forwardlearn.forwardgnn.linkpred.EdgeSplit;
import org.forwardlearn.forwardgnn.linkpred.LinkExperiment;
import org.forwardlearn.forwardgnn.linkpred.TopDownLinkProblem;
import org.forwardlearn.forwardgnn.nodeclass.TopDownStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A few epochs of each new method on CitationFull Cora_ML: well above chance (1/7; AUC 0.5). */
class MethodRealDataTest {
    private static GnnConfig base() {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("citationfull")), "CitationFull data not available");
        return GnnConfig.defaults().withDataDir(dir).withDataset("citationfull-cora_ml").withPatience(100).withLr(1e-2);
    }

    // ff-vn is not asserted here: with Hinton's (unpaired) loss it stayed at the majority class within
    // the epochs a unit test can afford (60 epochs at lr 1e-2); its gradients are checked in MethodGradientTest.
    @ParameterizedTest
    @CsvSource({"ff-la,1,40,0.45,2e-2", "symba-la,1,16,0.5,1e-2", "symba-vn,1,16,0.5,1e-2", "sf-top-input,2,10,0.5,1e-2",
            "sf-top-loss,2,20,0.5,1e-2"})
    void newNodeMethodsLearnOnCoraMl(String method, int layers, int epochs, double floor, double lr) {
        GnnResult r = new GnnExperiment(base().withMethod(method).withLayers(layers).withEpochs(epochs).withLr(lr)
                .withValidateEvery(Math.max(2, epochs / 2))).run(TrainingListener.NONE);
        assertTrue(r.testAccuracy() > floor, method + " test accuracy " + r.testAccuracy());
        assertTrue(r.predictions().length == 2995 && r.layerMetrics().size() == layers, method);
    }

    @Test
    void topDownLinkLearnsOnCoraMl() {
        GnnConfig c = base().withTask("link").withEpochs(12).withValidateEvery(6);
        GraphData g = new GnnExperiment(c).loadGraph();
        EdgeSplit s = LinkExperiment.split(g, 0, c.seed());
        Random rng = new Random(c.seed());
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < 2; l++) convs.add(Convs.create("gcn", TopDownStack.inputSize(l, 2, g.features().cols(), 128, 0), 128, rng));
        TopDownLinkProblem p = new TopDownLinkProblem(convs, g.features(), s, new EdgeObjective(EdgeObjective.Kind.CE, 2, 4));
        new LayerwiseTrainer(new GnnExperiment(c).trainerConfig().withSchedule(Schedule.ALL_LAYERS)).fit(p, TrainingListener.NONE);
        double auc = p.layerMetrics().get(1)[1];
        assertTrue(auc > 0.7, "fl-ce-top test AUC " + auc);
    }
}
