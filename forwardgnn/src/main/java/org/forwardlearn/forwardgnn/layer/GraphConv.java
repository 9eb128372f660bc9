package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * A graph convolution z = conv(x) with its own parameters. {@link #forward} applies ReLU, as every
 * forward-learning layer does. The gradient methods use only this layer's input, output and
 * dLoss/dOutput: the input is a constant. {@link #inputGradient} exists for the backprop baseline
 * alone. A backward call uses the state of the latest {@link #preActivation} on the same input.
 */
public interface GraphConv {
    /** "gcn", "sage" or "gat". */
    String kind();

    int inputSize();

    int outputSize();

    /** Parameters in a fixed order (checkpoints rely on it). */
    List<Parameter> parameters();

    /** z = conv(x), nodes x outputSize, newly allocated. */
    DMatrixRMaj preActivation(ConvInput in);

    /** Accumulates dLoss/dParameters from dLoss/dz into each {@link Parameter#grad()}. */
    void backward(ConvInput in, DMatrixRMaj dz);

    /** dLoss/dx from dLoss/dz (dense); used only by the backprop baseline. */
    DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz);

    /**
     * z = conv(x) for the given rows only (rows.length x outputSize, newly allocated). Layers whose
     * aggregation is cached compute only those rows (forward learning scores a subset of the nodes per
     * step); the default computes every row and selects.
     */
    default DMatrixRMaj preActivation(ConvInput in, int[] rows) {
        return selectRows(preActivation(in), rows);
    }

    /**
     * Accumulates dLoss/dParameters when dLoss/dz is non-zero only on {@code rows} ({@code dzRows} holds
     * those rows, in order), after {@link #preActivation(ConvInput, int[])} with the same rows.
     */
    default void backward(ConvInput in, int[] rows, DMatrixRMaj dzRows) {
        DMatrixRMaj dz = new DMatrixRMaj(in.x().rows(), dzRows.numCols);
        int c = dz.numCols;
        for (int t = 0; t < rows.length; t++) System.arraycopy(dzRows.data, t * c, dz.data, rows[t] * c, c);
        backward(in, dz);
    }

    /** h = ReLU(conv(x)) on the given rows. */
    default DMatrixRMaj forward(ConvInput in, int[] rows) {
        DMatrixRMaj z = preActivation(in, rows);
        Dense.relu(z);
        return z;
    }

    /**
     * h = ReLU(conv(x)) on the given rows into {@code out} (reshaped, its array reused when large enough; may be null), so
     * that a step repeated every epoch allocates nothing node-sized. Same values as {@link #forward(ConvInput, int[])};
     * the default ignores {@code out}.
     */
    default DMatrixRMaj forward(ConvInput in, int[] rows, DMatrixRMaj out) { return forward(in, rows); }

    /** The local gradient of h = ReLU(conv(x)) on the given rows ({@code dh} may be overwritten). */
    default void localGradient(ConvInput in, int[] rows, DMatrixRMaj h, DMatrixRMaj dh) {
        backward(in, rows, Dense.reluBackward(h, dh, dh));
    }

    /** The given rows of m (a new matrix). */
    static DMatrixRMaj selectRows(DMatrixRMaj m, int[] rows) {
        int c = m.numCols;
        DMatrixRMaj o = new DMatrixRMaj(rows.length, c);
        for (int t = 0; t < rows.length; t++) System.arraycopy(m.data, rows[t] * c, o.data, t * c, c);
        return o;
    }

    /** Receives the rows [from, to) of a whole-graph output h = ReLU(conv(x)) (h holds rows from..to-1; may run concurrently for disjoint blocks). */
    @FunctionalInterface
    interface BlockSink {
        void accept(int from, int to, DMatrixRMaj h);
    }

    /**
     * h = ReLU(conv(x)) on every row, handed over in row blocks: layers that can stream (GCN on a dense row-only input)
     * never hold the whole output or the whole aggregation; the default computes everything and hands it over at once.
     */
    default void forwardBlocks(ConvInput in, BlockSink sink) {
        DMatrixRMaj h = forward(in);
        sink.accept(0, h.numRows, h);
    }

    /** A deep copy with the same parameter values. */
    GraphConv copy();

    /** h = ReLU(conv(x)). */
    default DMatrixRMaj forward(ConvInput in) {
        DMatrixRMaj z = preActivation(in);
        Dense.relu(z);
        return z;
    }

    /** The local gradient of h = ReLU(conv(x)) given h (from {@link #forward}) and dLoss/dh. */
    default void localGradient(ConvInput in, DMatrixRMaj h, DMatrixRMaj dh) {
        backward(in, Dense.reluBackward(h, dh));
    }

    /** Copies parameter values from a layer of the same shape. */
    default void copyParametersFrom(GraphConv other) {
        List<Parameter> a = parameters(), b = other.parameters();
        for (int i = 0; i < a.size(); i++) a.get(i).value().setTo(b.get(i).value());
    }
}
