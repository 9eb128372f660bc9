package org.forwardlearn.forwardgnn.layer;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * A graph convolution written as message / aggregate / update (PyTorch Geometric's {@code MessagePassing}), with its
 * local gradient written the same way. For every directed edge j -> i of the topology (no self-loops: the update sees
 * x_i itself) {@link #message} gives m_ij from x_j and x_i; {@link Aggregation} sums or averages the messages a node
 * receives into a_i (0 for a node without in-edges); {@link #update} maps (a, x) to the pre-activation z for every
 * node at once (so it can use dense products). {@link GraphConv#forward} applies ReLU.
 *
 * <p>Local gradient: {@link #updateBackward} accumulates the update's parameter gradients and returns dLoss/da;
 * when the message has parameters ({@link #messageHasParameters()}), {@link #messageBackward} accumulates theirs edge
 * by edge. The input is a constant (forward learning), so a message without parameters is aggregated once per input
 * and cached. {@link #updateInputGradient} and {@link #messageInputGradient} give dLoss/dx and are needed only by the
 * backprop baselines (the defaults refuse). Check a subclass's gradients by finite differences, as the tests do for
 * the built-in layers.
 *
 * <p>Register a subclass under its {@link #kind()} with a {@link ConvFactory} to use it in every method.
 */
public abstract class MessagePassingConv implements GraphConv {
    /** How messages into a node are combined. */
    public enum Aggregation { SUM, MEAN }

    private final Aggregation aggregation;

    protected MessagePassingConv(Aggregation aggregation) {
        if (aggregation == null) throw new IllegalArgumentException("Expected an aggregation SUM or MEAN (got null)");
        this.aggregation = aggregation;
    }

    public final Aggregation aggregation() { return aggregation; }

    /** Width of a message m_ij. */
    protected abstract int messageWidth();

    /** Writes m_ij, the message of edge j -> i, into {@code m} (length {@link #messageWidth()}, zeroed). */
    protected abstract void message(double[] xj, double[] xi, double[] m);

    /** True when {@link #message} reads parameters (then messages are recomputed every pass and {@link #messageBackward} is called). */
    protected boolean messageHasParameters() { return false; }

    /** Accumulates dLoss/dparameters of one edge's message from dLoss/dm_ij (only if {@link #messageHasParameters()}). */
    protected void messageBackward(double[] xj, double[] xi, double[] dm) { }

    /** Adds dLoss/dx_j into {@code dxj} and dLoss/dx_i into {@code dxi} for one edge (backprop baselines only). */
    protected void messageInputGradient(double[] xj, double[] xi, double[] dm, double[] dxj, double[] dxi) {
        throw new UnsupportedOperationException("Expected a conv with an input gradient for backprop (got " + kind()
                + ", whose messageInputGradient is not implemented)");
    }

    /** z = update(a, x): nodes x {@link #outputSize()}, newly allocated (a: nodes x messageWidth, x: nodes x inputSize). */
    protected abstract DMatrixRMaj update(DMatrixRMaj a, DMatrixRMaj x);

    /** Accumulates dLoss/dparameters of the update from dLoss/dz and returns dLoss/da (nodes x messageWidth). */
    protected abstract DMatrixRMaj updateBackward(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz);

    /** dLoss/dx through the update's own x argument (nodes x inputSize; backprop baselines only). */
    protected DMatrixRMaj updateInputGradient(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz) {
        throw new UnsupportedOperationException("Expected a conv with an input gradient for backprop (got " + kind()
                + ", whose updateInputGradient is not implemented)");
    }

    /** The forward state a backward reads. */
    private record State(DMatrixRMaj x, DMatrixRMaj a) { }

    private DMatrixRMaj dense(ConvInput in) {
        check(in);
        return in.constant() ? in.cached("mp.dense", () -> in.x().toDense()) : in.x().toDense();
    }

    private void check(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected " + inputSize() + " input columns for " + kind() + " (got " + in.x().cols() + ")");
        }
    }

    /** a = aggregate_j m_ij over the in-edges j -> i of every node i. */
    private DMatrixRMaj aggregate(Topology t, DMatrixRMaj x) {
        int n = t.numNodes(), f = x.numCols, w = messageWidth();
        DMatrixRMaj a = new DMatrixRMaj(n, w);
        double[] xj = new double[f], xi = new double[f], m = new double[w];
        for (int i = 0; i < n; i++) {
            int[] src = t.inNeighbours(i);
            if (src.length == 0) continue;
            System.arraycopy(x.data, i * f, xi, 0, f);
            for (int j : src) {
                System.arraycopy(x.data, j * f, xj, 0, f);
                java.util.Arrays.fill(m, 0);
                message(xj, xi, m);
                for (int k = 0; k < w; k++) a.data[i * w + k] += m[k];
            }
            if (aggregation == Aggregation.MEAN) for (int k = 0; k < w; k++) a.data[i * w + k] /= src.length;
        }
        return a;
    }

    /** Walks every edge j -> i with dLoss/dm_ij (from dLoss/da), calling {@code edge}. */
    private void edges(Topology t, DMatrixRMaj x, DMatrixRMaj da, EdgeVisitor edge) {
        int n = t.numNodes(), f = x.numCols, w = messageWidth();
        double[] xj = new double[f], xi = new double[f], dm = new double[w];
        for (int i = 0; i < n; i++) {
            int[] src = t.inNeighbours(i);
            if (src.length == 0) continue;
            double s = aggregation == Aggregation.MEAN ? 1.0 / src.length : 1.0;
            for (int k = 0; k < w; k++) dm[k] = da.data[i * w + k] * s;
            System.arraycopy(x.data, i * f, xi, 0, f);
            for (int j : src) {
                System.arraycopy(x.data, j * f, xj, 0, f);
                edge.visit(j, i, xj, xi, dm);
            }
        }
    }

    @FunctionalInterface
    private interface EdgeVisitor {
        void visit(int j, int i, double[] xj, double[] xi, double[] dm);
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        DMatrixRMaj x = dense(in);
        DMatrixRMaj a = in.constant() && !messageHasParameters()
                ? in.cached("mp.aggregate." + kind() + "@" + System.identityHashCode(this), () -> aggregate(in.topology(), x))
                : aggregate(in.topology(), x);
        in.record(this, new State(x, a));
        DMatrixRMaj z = update(a, x);
        if (z.numRows != x.numRows || z.numCols != outputSize()) {
            throw new IllegalStateException("Expected update of " + kind() + " to return " + x.numRows + "x" + outputSize() + " (got "
                    + z.numRows + "x" + z.numCols + ")");
        }
        return z;
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        State s = (State) in.recorded(this);
        DMatrixRMaj da = updateBackward(s.a(), s.x(), dz);
        if (messageHasParameters()) edges(in.topology(), s.x(), da, (j, i, xj, xi, dm) -> messageBackward(xj, xi, dm));
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        State s = (State) in.recorded(this);
        int f = s.x().numCols;
        DMatrixRMaj dx = updateInputGradient(s.a(), s.x(), dz).copy();
        DMatrixRMaj da = updateBackwardNoAccumulate(s, dz);
        double[] dxj = new double[f], dxi = new double[f];
        edges(in.topology(), s.x(), da, (j, i, xj, xi, dm) -> {
            java.util.Arrays.fill(dxj, 0);
            java.util.Arrays.fill(dxi, 0);
            messageInputGradient(xj, xi, dm, dxj, dxi);
            for (int k = 0; k < f; k++) { dx.data[j * f + k] += dxj[k]; dx.data[i * f + k] += dxi[k]; }
        });
        return dx;
    }

    /** dLoss/da without changing the parameters' gradients (they are saved and restored around the call). */
    private DMatrixRMaj updateBackwardNoAccumulate(State s, DMatrixRMaj dz) {
        var ps = parameters();
        double[][] saved = new double[ps.size()][];
        for (int k = 0; k < saved.length; k++) saved[k] = ps.get(k).grad().data.clone();
        DMatrixRMaj da = updateBackward(s.a(), s.x(), dz);
        for (int k = 0; k < saved.length; k++) System.arraycopy(saved[k], 0, ps.get(k).grad().data, 0, saved[k].length);
        return da;
    }
}
