package org.forwardlearn.datasets;

import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * An immutable labelled tabular dataset with a fixed train/test split: dense feature matrices (rows =
 * samples), integer labels in [0, numClasses) and a name. Accessors return copies.
 */
public final class SampleSet {
    private final String name;
    private final DMatrixRMaj trainX;
    private final int[] trainY;
    private final DMatrixRMaj testX;
    private final int[] testY;
    private final int numClasses;

    public SampleSet(String name, DMatrixRMaj trainX, int[] trainY, DMatrixRMaj testX, int[] testY, int numClasses) {
        this(name, trainX.copy(), trainY.clone(), testX.copy(), testY.clone(), numClasses, true);
    }

    private SampleSet(String name, DMatrixRMaj trainX, int[] trainY, DMatrixRMaj testX, int[] testY, int numClasses,
                      boolean owned) {
        this.name = Objects.requireNonNull(name, "name");
        check(name, "train", trainX, trainY, numClasses);
        check(name, "test", testX, testY, numClasses);
        if (trainX.numCols != testX.numCols) {
            throw new IllegalArgumentException(name + ": Expected train and test with the same number of features (got "
                    + trainX.numCols + " and " + testX.numCols + ")");
        }
        this.trainX = trainX;
        this.trainY = trainY;
        this.testX = testX;
        this.testY = testY;
        this.numClasses = numClasses;
    }

    /** Takes ownership of the arrays without copying (for loaders that built them). */
    public static SampleSet own(String name, DMatrixRMaj trainX, int[] trainY, DMatrixRMaj testX, int[] testY,
                                int numClasses) {
        return new SampleSet(name, trainX, trainY, testX, testY, numClasses, true);
    }

    private static void check(String name, String part, DMatrixRMaj x, int[] y, int c) {
        if (x.numRows != y.length) {
            throw new IllegalArgumentException(name + ": Expected " + x.numRows + " " + part + " labels (got " + y.length
                    + ")");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException(name + ": Expected " + part + " label in [0, " + c + ") at row " + i
                        + " (got " + y[i] + ")");
            }
        }
    }

    public String name() {
        return name;
    }

    public DMatrixRMaj trainX() {
        return trainX.copy();
    }

    public int[] trainY() {
        return trainY.clone();
    }

    public DMatrixRMaj testX() {
        return testX.copy();
    }

    public int[] testY() {
        return testY.clone();
    }

    public int numClasses() {
        return numClasses;
    }

    public int numFeatures() {
        return trainX.numCols;
    }

    public int numTrain() {
        return trainX.numRows;
    }

    public int numTest() {
        return testX.numRows;
    }

    /** Entry (row, col) of the train features without copying. */
    public double trainValue(int row, int col) {
        return trainX.get(row, col);
    }

    /** Entry (row, col) of the test features without copying. */
    public double testValue(int row, int col) {
        return testX.get(row, col);
    }

    /** Samples per class in the train (or test) part. */
    public int[] classCounts(boolean train) {
        int[] c = new int[numClasses];
        for (int y : train ? trainY : testY) c[y]++;
        return c;
    }

    @Override
    public String toString() {
        return "SampleSet[" + name + ": " + numTrain() + " train, " + numTest() + " test, " + numFeatures()
                + " features, " + numClasses + " classes]";
    }
}
