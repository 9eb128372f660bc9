package org.forwardlearn.spark.train;

import java.io.Serializable;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * What one step broadcasts: the layer's parameter values (the conv rebuilt on the executor with forwardgnn's
 * {@link Convs}), the class prototypes, the temperature and the global number of training nodes.
 */
public record StepParams(String conv, int in, int out, double[][] values, DMatrixRMaj prototypes, double tau, long trainTotal)
        implements Serializable {

    public static StepParams of(GraphConv c, DMatrixRMaj prototypes, double tau, long trainTotal) {
        List<Parameter> ps = c.parameters();
        double[][] v = new double[ps.size()][];
        for (int i = 0; i < v.length; i++) v[i] = ps.get(i).value().data.clone();
        return new StepParams(c.kind(), c.inputSize(), c.outputSize(), v, prototypes, tau, trainTotal);
    }

    /** A conv with these values and zero gradients. */
    public GraphConv layer() {
        GraphConv c = Convs.create(conv, in, out, new Random(0));
        List<Parameter> ps = c.parameters();
        for (int i = 0; i < values.length; i++) System.arraycopy(values[i], 0, ps.get(i).value().data, 0, values[i].length);
        return c;
    }

    /** Bytes of the numbers broadcast per step (8 per double). */
    public long payloadBytes() {
        long n = prototypes.getNumElements();
        for (double[] v : values) n += v.length;
        return 8L * n;
    }
}
