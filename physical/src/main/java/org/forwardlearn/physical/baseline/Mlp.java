package org.forwardlearn.physical.baseline;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;

/**
 * A small MLP (ReLU hidden layers, identity output) with a full backward pass (parameter gradients and the
 * input gradient): the digital twin of the baselines. Counts its multiply-adds.
 */
public final class Mlp {
    private final List<DenseLayer> layers = new ArrayList<>();
    private final List<DMatrixRMaj> acts = new ArrayList<>();
    private long macs;

    public Mlp(int[] sizes, java.util.Random rng) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new DenseLayer(sizes[i], sizes[i + 1], i + 2 < sizes.length ? Activation.RELU : Activation.IDENTITY,
                    Init.TORCH_DEFAULT, rng));
        }
    }

    public long macs() { return macs; }

    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (DenseLayer l : layers) ps.addAll(l.parameters());
        return ps;
    }

    /** Forward pass; caches activations for {@link #backward}. */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        acts.clear();
        acts.add(x);
        DMatrixRMaj h = x;
        for (DenseLayer l : layers) {
            h = l.forward(h, null);
            acts.add(h);
            macs += (long) x.numRows * l.inputSize() * l.outputSize();
        }
        return h;
    }

    /** Accumulates parameter gradients from dLoss/dOutput of the last forward; returns dLoss/dInput. */
    public DMatrixRMaj backward(DMatrixRMaj dOut) {
        DMatrixRMaj d = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            DenseLayer l = layers.get(i);
            DMatrixRMaj out = acts.get(i + 1);
            DMatrixRMaj dz = d.copy();
            if (l.activation() == Activation.RELU) for (int k = 0; k < dz.data.length; k++) if (out.data[k] <= 0) dz.data[k] = 0;
            l.localGradient(acts.get(i), out, dz);
            DMatrixRMaj dIn = new DMatrixRMaj(dz.numRows, l.inputSize());
            CommonOps_DDRM.multTransB(dz, l.weight(), dIn);
            macs += 2L * dz.numRows * l.inputSize() * l.outputSize();
            d = dIn;
        }
        return d;
    }

    public void zeroGrad() { for (DenseLayer l : layers) l.zeroGrad(); }
}
