package org.forwardlearn.core.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;

/**
 * A dense layer y = act(x W + b) with W of shape in x out and b of shape 1 x out. Its local gradient
 * uses only x (its own input), y (its own output) and dLoss/dy.
 */
public final class DenseLayer implements TrainableLayer {
    private final Parameter weight;
    private final Parameter bias;
    private final Activation activation;
    private DMatrixRMaj scratch = new DMatrixRMaj(1, 1);

    public DenseLayer(int in, int out, Activation activation, Init init, Random rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Expected positive layer sizes (got in=" + in + ", out=" + out + ")");
        }
        DMatrixRMaj w = new DMatrixRMaj(in, out);
        DMatrixRMaj b = new DMatrixRMaj(1, out);
        init.fillWeights(w, rng);
        init.fillBias(b, in, rng);
        this.weight = new Parameter("weight", w);
        this.bias = new Parameter("bias", b);
        this.activation = activation;
    }

    /** Wraps given values (copied). */
    public DenseLayer(DMatrixRMaj w, DMatrixRMaj b, Activation activation) {
        if (b.numRows != 1 || b.numCols != w.numCols) {
            throw new IllegalArgumentException("Expected bias of shape 1x" + w.numCols + " (got " + b.numRows + "x" + b.numCols + ")");
        }
        this.weight = new Parameter("weight", w.copy());
        this.bias = new Parameter("bias", b.copy());
        this.activation = activation;
    }

    public Activation activation() { return activation; }

    public DMatrixRMaj weight() { return weight.value(); }

    public DMatrixRMaj bias() { return bias.value(); }

    @Override public int inputSize() { return weight.value().numRows; }

    @Override public int outputSize() { return weight.value().numCols; }

    @Override public List<Parameter> parameters() { return List.of(weight, bias); }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input, DMatrixRMaj output) {
        checkInput(input);
        if (output == null) output = new DMatrixRMaj(input.numRows, outputSize());
        else output.reshape(input.numRows, outputSize());
        preActivation(input, output);
        if (activation != Activation.IDENTITY) {
            double[] d = output.data;
            int n = output.getNumElements();
            for (int i = 0; i < n; i++) d[i] = activation.apply(d[i]);
        }
        return output;
    }

    private void preActivation(DMatrixRMaj input, DMatrixRMaj z) {
        Kernels.mult(input, weight.value(), z);
        double[] b = bias.value().data;
        int cols = z.numCols;
        double[] d = z.data;
        for (int r = 0, k = 0; r < z.numRows; r++) {
            for (int c = 0; c < cols; c++, k++) d[k] += b[c];
        }
    }

    @Override
    public void localGradient(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj dOutput) {
        checkInput(input);
        if (dOutput.numRows != input.numRows || dOutput.numCols != outputSize()) {
            throw new IllegalArgumentException("Expected dOutput of shape " + input.numRows + "x" + outputSize()
                    + " (got " + dOutput.numRows + "x" + dOutput.numCols + ")");
        }
        DMatrixRMaj dz;
        if (activation == Activation.IDENTITY) {
            dz = dOutput;
        } else {
            scratch.reshape(dOutput.numRows, dOutput.numCols);
            dz = scratch;
            if (activation.needsPreActivation()) {
                preActivation(input, dz);
                for (int i = 0, n = dOutput.getNumElements(); i < n; i++) {
                    dz.data[i] = dOutput.data[i] * activation.derivative(dz.data[i], Double.NaN);
                }
            } else {
                int n = dOutput.getNumElements();
                for (int i = 0; i < n; i++) {
                    dz.data[i] = dOutput.data[i] * activation.derivative(Double.NaN, output.data[i]);
                }
            }
        }
        Kernels.multAddTransA(input, dz, weight.grad());
        double[] gb = bias.grad().data;
        int cols = dz.numCols;
        for (int r = 0, k = 0; r < dz.numRows; r++) {
            for (int c = 0; c < cols; c++, k++) gb[c] += dz.data[k];
        }
    }

    private void checkInput(DMatrixRMaj input) {
        if (input.numCols != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + input.numCols + ")");
        }
    }

    @Override
    public DenseLayer copy() { return new DenseLayer(weight.value(), bias.value(), activation); }
}
