package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.datasets.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A few epochs per method on the real CitationFull graphs: well above chance (1/7 for Cora_ML, AUC 0.5). */
class RealDataSmokeTest {
    private static GnnConfig base(String dataset) {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("citationfull")), "CitationFull data not available");
        return GnnConfig.defaults().withDataDir(dir).withDataset(dataset).withEpochs(40).withPatience(100);
    }

    @ParameterizedTest
    @CsvSource({"sf,gcn,0.6", "sf,sage,0.6", "sf,gat,0.5", "bp,gcn,0.5"})
    void nodeMethodsLearnOnCoraMl(String method, String conv, double floor) {
        GnnResult r = new GnnExperiment(base("citationfull-cora_ml").withMethod(method).withConv(conv)
                .withEpochs(method.equals("bp") ? 40 : 20).withLr(1e-2)).run(TrainingListener.NONE);
        assertTrue(r.testAccuracy() > floor, method + "-" + conv + " test accuracy " + r.testAccuracy());
        assertTrue(r.predictions().length > 0);
    }

    @ParameterizedTest
    @CsvSource({"fl-ce,0.8", "fl-ff,0.6", "fl-symba,0.6", "bp,0.6"})
    void linkMethodsLearnOnCiteSeer(String method, double floor) {
        GnnResult r = new GnnExperiment(base("citationfull-citeseer").withTask("link").withMethod(method).withEpochs(12)
                .withLayers(1)).run(TrainingListener.NONE);
        assertTrue(r.testAuc() > floor, method + " test AUC " + r.testAuc());
    }
}
