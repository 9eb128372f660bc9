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

    /**
     * Inputs standardised with training statistics only: "centre" subtracts each feature's training mean and divides
     * by one global scale (the RMS of the centred training values), so features keep their relative spread and no
     * rarely-lit pixel is blown up; "zscore" divides each centred feature by its own training standard deviation
     * (floored at {@code 1e-2} times the global scale); "none" returns this dataset.
     */
    public Dataset standardised(String mode) {
        if (mode.equals("none")) return this;
        if (!mode.equals("centre") && !mode.equals("zscore")) {
            throw new IllegalArgumentException("Expected standardisation none|centre|zscore (got '" + mode + "')");
        }
        int d = features(), n = xTrain.length;
        double[] mean = new double[d], sd = new double[d];
        for (double[] r : xTrain) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        double total = 0;
        for (double[] r : xTrain) for (int j = 0; j < d; j++) { double c = r[j] - mean[j]; sd[j] += c * c / n; total += c * c; }
        double global = Math.sqrt(total / ((double) n * d));
        if (!(global > 0)) throw new IllegalArgumentException("Expected training features that vary (got constant ones)");
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) scale[j] = mode.equals("centre") ? global : Math.max(Math.sqrt(sd[j]), 1e-2 * global);
        return new Dataset(name + "[" + mode + "]", apply(xTrain, mean, scale), yTrain, apply(xTest, mean, scale), yTest, classes);
    }

    private static double[][] apply(double[][] x, double[] mean, double[] scale) {
        double[][] out = new double[x.length][mean.length];
        for (int r = 0; r < x.length; r++) for (int j = 0; j < mean.length; j++) out[r][j] = (x[r][j] - mean[j]) / scale[j];
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
