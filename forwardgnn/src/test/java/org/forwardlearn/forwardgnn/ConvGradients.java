package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/** Central finite differences of a conv's parameter and input gradients, on L = sum(R o z) so that dL/dz = R. */
public final class ConvGradients {
    private static final double H = 1e-6;

    private ConvGradients() { }

    public static double loss(GraphConv c, ConvInput in, DMatrixRMaj r) {
        DMatrixRMaj z = c.preActivation(in);
        double s = 0;
        for (int i = 0; i < z.data.length; i++) s += z.data[i] * r.data[i];
        return s;
    }

    /** Checks every parameter's accumulated gradient (from a backward of R on {@code in}); returns how many entries. */
    public static int checkParameters(GraphConv c, ConvInput in, DMatrixRMaj r) {
        int checked = 0;
        for (Parameter p : c.parameters()) {
            for (int k = 0; k < p.size(); k++) {
                double old = p.value().data[k];
                p.value().data[k] = old + H;
                double lp = loss(c, in, r);
                p.value().data[k] = old - H;
                double lm = loss(c, in, r);
                p.value().data[k] = old;
                double fd = (lp - lm) / (2 * H);
                assertEquals(fd, p.grad().data[k], 1e-6 * Math.max(1, Math.abs(fd)), c.kind() + " " + p.name() + "[" + k + "]");
                checked++;
            }
        }
        return checked;
    }

    /** Checks dL/dx ({@code dx}, from {@link GraphConv#inputGradient}) at every {@code stride}-th feature entry of g. */
    public static void checkInput(GraphConv c, GraphData g, boolean constant, DMatrixRMaj r, DMatrixRMaj dx, int stride) {
        DMatrixRMaj x = g.features().toDense();
        for (int k = 0; k < x.data.length; k += stride) {
            DMatrixRMaj xp = x.copy(), xm = x.copy();
            xp.data[k] += H;
            xm.data[k] -= H;
            double lp = loss(c, new ConvInput(NodeMatrix.dense(xp), g.topology(), constant), r);
            double lm = loss(c, new ConvInput(NodeMatrix.dense(xm), g.topology(), constant), r);
            double fd = (lp - lm) / (2 * H);
            assertEquals(fd, dx.data[k], 1e-6 * Math.max(1, Math.abs(fd)), c.kind() + " dx[" + k + "]");
        }
    }
}
