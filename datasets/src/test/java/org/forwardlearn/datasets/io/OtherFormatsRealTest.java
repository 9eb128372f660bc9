package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.MissingDatasetFileException;
import org.forwardlearn.datasets.SampleSet;
import org.forwardlearn.datasets.TestData;
import org.forwardlearn.datasets.graph.Graph;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtherFormatsRealTest {

    @Test
    void coraLinqs() {
        Graph g = Datasets.loadGraph("cora-linqs", TestData.dir());
        assertEquals(2708, g.numNodes());
        assertEquals(5429, g.edgeReport().entriesRead());
        assertEquals(5278, g.undirectedEdgeCount());
        assertEquals(10556, g.numStoredEdges());
        assertEquals(1433, g.numFeatures());
        assertEquals(49216, g.features().nonZeros());
        // sorted class names: Case_Based, Genetic_Algorithms, Neural_Networks, Probabilistic_Methods,
        // Reinforcement_Learning, Rule_Learning, Theory
        assertArrayEquals(new int[] {298, 418, 818, 426, 217, 180, 351}, g.classCounts());
    }

    @Test
    void mnistTestPartsAndMissingTrainImages() {
        java.nio.file.Path dir = TestData.dir().resolve("mnist");
        MissingDatasetFileException e = assertThrows(MissingDatasetFileException.class,
                () -> Datasets.loadSamples("mnist", TestData.dir()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
        IdxReader.Idx img = IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {10000, 28, 28}, img.dims());
        double mean = 0;
        for (int k = 0; k < img.data().length; k++) mean += img.get(k);
        assertEquals(33.79, mean / img.data().length, 0.005);
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                counts(ImageSamples.labels(dir.resolve("t10k-labels-idx1-ubyte.gz"), 10)));
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                counts(ImageSamples.labels(dir.resolve("train-labels-idx1-ubyte.gz"), 10)));
    }

    @Test
    void fashionMnist() {
        SampleSet s = Datasets.loadSamples("fashion-mnist", TestData.dir());
        assertEquals(60000, s.numTrain());
        assertEquals(10000, s.numTest());
        assertEquals(784, s.numFeatures());
        int[] six = new int[10];
        Arrays.fill(six, 6000);
        assertArrayEquals(six, s.classCounts(true));
        int[] one = new int[10];
        Arrays.fill(one, 1000);
        assertArrayEquals(one, s.classCounts(false));
        double sum = 0;
        for (int i = 0; i < 10000; i++) for (int j = 0; j < 784; j++) sum += s.testValue(i, j);
        assertEquals(73.15, 255 * sum / (10000 * 784.0), 0.005);
    }

    @Test
    void digits() {
        SampleSet s = Datasets.loadSamples("digits", TestData.dir());
        assertEquals(1347, s.numTrain());
        assertEquals(450, s.numTest());
        assertEquals(64, s.numFeatures());
        int[] all = new int[10];
        for (int i = 0; i < 10; i++) all[i] = s.classCounts(true)[i] + s.classCounts(false)[i];
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, all);
        assertEquals(5 / 16.0, s.trainValue(0, 2), 1e-12);
        assertEquals(13 / 16.0, s.trainValue(0, 3), 1e-12);
        assertEquals(7 / 16.0, s.testValue(0, 2), 1e-12); // line 1348
        assertEquals(3, s.testY()[0]);
        assertEquals(0, s.trainY()[0]);
    }

    @Test
    void vowels() {
        VowelData v = VowelData.load(TestData.dir().resolve("hillenbrand-vowels/vowdata.dat"));
        assertEquals(1668, v.tokens().size());
        assertEquals(540, v.select("m", VowelData.VOWELS).tokens().size());
        assertEquals(576, v.select("w", VowelData.VOWELS).tokens().size());
        assertEquals(324, v.select("b", VowelData.VOWELS).tokens().size());
        assertEquals(228, v.select("g", VowelData.VOWELS).tokens().size());
        // zeros: steady F2 10, F3 41; 20% F2 10, F3 39; 50% F2 13, F3 46; 80% F2 3, F3 41; F1 none
        assertArrayEquals(new int[] {0, 10, 41, 0, 10, 39, 0, 13, 46, 0, 3, 41}, v.zeroCounts());
        VowelData.Token w01ae = v.tokens().stream().filter(t -> t.file().equals("w01ae")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {678, 2293, 2861, 681, 2295, 2868, 711, 2160, 2867, 705, 1968, 2906},
                w01ae.features(), 0.0);
        SampleSet all = Datasets.loadSamples("vowels", TestData.dir());
        assertEquals(12, all.numClasses());
        assertEquals(12, all.numFeatures());
        assertEquals(1668, all.numTrain() + all.numTest());
        for (int i = 0; i < all.numTrain(); i++) for (int j = 0; j < 12; j++) assertTrue(all.trainValue(i, j) > 0);
        SampleSet dropped = v.toSampleSet("d", VowelData.Missing.DROP_TOKENS);
        assertTrue(dropped.numTrain() + dropped.numTest() < 1668 - 46);
        SampleSet pff = Datasets.loadSamples("vowels-pff", TestData.dir());
        assertEquals(7, pff.numClasses());
        assertEquals(48 * 7, pff.numTrain() + pff.numTest());
        assertEquals(12 * 7, pff.numTest()); // 12 of the 48 women are test talkers
    }

    @Test
    void acousticPairs() {
        AcousticPairs p = Datasets.loadAcousticPairs(TestData.dir());
        assertEquals(10001, p.size());
        assertEquals(20, p.inputs()[0].length);
        assertEquals(20, p.outputs()[0].length);
        assertEquals(0.0, Arrays.stream(p.inputs()[0]).sum(), 0.0);
        assertEquals(0.45096, p.inputs()[1][0], 1e-12);
        assertEquals(0.33558, p.outputs()[1][0], 1e-12);
        double max = Arrays.stream(p.outputs()).flatMapToDouble(Arrays::stream).max().orElse(0);
        assertEquals(1.9311, max, 1e-4);
    }

    private static int[] counts(int[] y) {
        int[] c = new int[10];
        for (int v : y) c[v]++;
        return c;
    }
}
