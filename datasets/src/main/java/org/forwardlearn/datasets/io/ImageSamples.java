package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.SampleSet;

import java.nio.file.Path;

/** MNIST-style IDX image/label pairs as a {@link SampleSet}: pixels scaled to [0, 1] (value / 255). */
public final class ImageSamples {
    private ImageSamples() {
    }

    /** Images (n, h, w) as an n x (h*w) matrix scaled to [0, 1]. */
    public static DMatrixRMaj images(Path file) {
        IdxReader.Idx idx = IdxReader.read(file);
        if (idx.dims().length != 3) {
            throw DatasetFormatException.of(file, "3 dimensions (n, rows, cols)", java.util.Arrays.toString(idx.dims()));
        }
        int n = idx.dims()[0];
        long pixels = (long) idx.dims()[1] * idx.dims()[2];
        if (pixels > org.forwardlearn.core.io.ReadBudget.MAX_ARRAY) {
            throw DatasetFormatException.of(file, "an image size rows x cols below 2^31", idx.dims()[1] + " x " + idx.dims()[2]);
        }
        int d = (int) pixels;
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int k = 0; k < x.data.length; k++) x.data[k] = idx.get(k) / 255.0;
        return x;
    }

    /** Labels (n) as ints, each checked to be &lt; classes. */
    public static int[] labels(Path file, int classes) {
        IdxReader.Idx idx = IdxReader.read(file);
        if (idx.dims().length != 1) {
            throw DatasetFormatException.of(file, "1 dimension (labels)", java.util.Arrays.toString(idx.dims()));
        }
        int[] y = new int[idx.dims()[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = idx.get(i);
            if (y[i] >= classes) {
                throw DatasetFormatException.atByte(file, 8 + i, "a label < " + classes, Integer.toString(y[i]));
            }
        }
        return y;
    }

    public static SampleSet load(String name, Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        DMatrixRMaj trX = images(trainImages);
        int[] trY = labels(trainLabels, 10);
        DMatrixRMaj teX = images(testImages);
        int[] teY = labels(testLabels, 10);
        if (trX.numRows != trY.length) {
            throw DatasetFormatException.of(trainLabels, trX.numRows + " labels (one per image in "
                    + trainImages.getFileName() + ")", Integer.toString(trY.length));
        }
        if (teX.numRows != teY.length) {
            throw DatasetFormatException.of(testLabels, teX.numRows + " labels (one per image in "
                    + testImages.getFileName() + ")", Integer.toString(teY.length));
        }
        return SampleSet.own(name, trX, trY, teX, teY, 10);
    }
}
