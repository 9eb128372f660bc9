package org.forwardlearn.physical.data;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.SampleSet;

/**
 * A classification dataset split into train and test (rows = samples).
 *
 * @param name    short identifier
 * @param xTrain  train features
 * @param yTrain  train labels in [0, classes)
 * @param xTest   test features
 * @param yTest   test labels
 * @param classes number of classes
 */
public record Dataset(String name, double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest, int classes) {
    public Dataset {
        if (xTrain.length != yTrain.length || xTest.length != yTest.length) {
            throw new IllegalArgumentException("Expected as many labels as rows (got train " + xTrain.length + "/" + yTrain.length
                    + ", test " + xTest.length + "/" + yTest.length + ")");
        }
    }

    public int features() { return xTrain[0].length; }

    /** A datasets-module sample set (its own split) as rows. */
    public static Dataset of(SampleSet s) {
        return new Dataset(s.name(), rows(s.trainX()), s.trainY(), rows(s.testX()), s.testY(), s.numClasses());
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) System.arraycopy(m.data, r * m.numCols, out[r], 0, m.numCols);
        return out;
    }

    /** The first n training rows (or all), same test set. */
    public Dataset limitTrain(int n) {
        if (n <= 0 || n >= xTrain.length) return this;
        return new Dataset(name + "[train " + n + "]", Arrays.copyOf(xTrain, n), Arrays.copyOf(yTrain, n), xTest, yTest, classes);
    }

    /** The first n test rows (or all). */
    public Dataset limitTest(int n) {
        if (n <= 0 || n >= xTest.length) return this;
        return new Dataset(name + "[test " + n + "]", xTrain, yTrain, Arrays.copyOf(xTest, n), Arrays.copyOf(yTest, n), classes);
    }
}
