package org.forwardlearn.core.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.ff.FfMlpConfig;
import org.forwardlearn.core.ff.Standardizer;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.Optimizer;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/**
 * THE BACKPROP BASELINE: an MLP of the same hidden sizes as a forward-forward MLP plus a linear softmax
 * head, trained end to end by backpropagation through every layer (the one place in core where a
 * gradient crosses layers, written for this comparison only). Same optimizer, batch size, epochs and
 * early stopping on validation accuracy as the forward-forward configuration it is given.
 */
public final class BackpropMlp {
    private final List<DenseLayer> layers;
    private final Standardizer standardizer;

    private BackpropMlp(List<DenseLayer> layers, Standardizer standardizer) {
        this.layers = layers;
        this.standardizer = standardizer;
    }

    public List<DenseLayer> layers() { return List.copyOf(layers); }

    /** Trains the baseline; xVal may be null (then the last epoch's weights are kept). */
    public static BackpropMlp fit(FfMlpConfig cfg, DMatrixRMaj x, int[] y, int numClasses, DMatrixRMaj xVal, int[] yVal,
                                  TrainingListener listener) {
        if (listener == null) listener = TrainingListener.NONE;
        Standardizer std = cfg.standardize() ? Standardizer.fit(x) : Standardizer.IDENTITY;
        x = std.apply(x);
        Random rng = new Random(cfg.seed());
        List<DenseLayer> layers = new ArrayList<>();
        int in = x.numCols;
        for (int h : cfg.hidden()) { layers.add(new DenseLayer(in, h, cfg.activation(), Init.TORCH_DEFAULT, rng)); in = h; }
        layers.add(new DenseLayer(in, numClasses, Activation.IDENTITY, Init.TORCH_DEFAULT, rng));
        BackpropMlp model = new BackpropMlp(layers, Standardizer.IDENTITY);
        List<Optimizer> opts = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) opts.add(cfg.optimizer().create());
        int n = x.numRows, bs = cfg.batchSize() == 0 ? n : Math.min(cfg.batchSize(), n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        listener.onRunStart(1, 0);
        listener.onLayerStart(0, cfg.epochs());
        long t0 = System.nanoTime();
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1, epoch = 0;
        List<DMatrixRMaj> bestW = null;
        List<EpochStats> hist = new ArrayList<>();
        boolean early = false;
        DMatrixRMaj xb = new DMatrixRMaj(1, 1);
        for (; epoch < cfg.epochs(); epoch++) {
            Random r = org.forwardlearn.core.random.Seeds.forSplit(cfg.seed(), epoch);
            for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            double loss = 0;
            int batches = 0;
            for (int from = 0; from < n; from += bs, batches++) {
                int len = Math.min(bs, n - from);
                xb.reshape(len, x.numCols);
                int[] yb = new int[len];
                for (int i = 0; i < len; i++) {
                    System.arraycopy(x.data, order[from + i] * x.numCols, xb.data, i * x.numCols, x.numCols);
                    yb[i] = y[order[from + i]];
                }
                loss += model.step(xb, yb, opts);
            }
            double metric = Double.NaN;
            if (xVal != null && ((epoch + 1) % cfg.validateEvery() == 0 || epoch == cfg.epochs() - 1)) {
                metric = model.accuracy(std.apply(xVal), yVal);
                if (metric > best) {
                    best = metric; bestEpoch = epoch;
                    bestW = new ArrayList<>();
                    for (DenseLayer l : layers) for (Parameter p : l.parameters()) bestW.add(p.value().copy());
                }
            }
            EpochStats s = new EpochStats(0, epoch, cfg.epochs(), loss / batches, metric, bestEpoch < 0 ? Double.NaN : best,
                    (System.nanoTime() - t0) * 1e-9);
            hist.add(s);
            listener.onEpochEnd(s);
            if (cfg.patience() > 0 && bestEpoch >= 0 && epoch - bestEpoch >= cfg.patience()) { epoch++; early = true; break; }
        }
        if (bestW != null) {
            int k = 0;
            for (DenseLayer l : layers) for (Parameter p : l.parameters()) p.value().setTo(bestW.get(k++));
        }
        listener.onLayerEnd(new LayerReport(0, epoch, bestEpoch, best, (System.nanoTime() - t0) * 1e-9, early, hist));
        return new BackpropMlp(layers, std);
    }

    /** One backprop step on a batch: forward, softmax cross-entropy, backward through all layers, optimizer. */
    private double step(DMatrixRMaj xb, int[] yb, List<Optimizer> opts) {
        int L = layers.size();
        DMatrixRMaj[] acts = new DMatrixRMaj[L + 1];
        acts[0] = xb;
        for (int l = 0; l < L; l++) acts[l + 1] = layers.get(l).forward(acts[l], null);
        DMatrixRMaj logits = acts[L];
        int c = logits.numCols, b = logits.numRows;
        DMatrixRMaj d = new DMatrixRMaj(b, c);
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) max = Math.max(max, logits.data[i * c + k]);
            double z = 0;
            for (int k = 0; k < c; k++) z += Math.exp(logits.data[i * c + k] - max);
            double logZ = max + Math.log(z);
            loss -= (logits.data[i * c + yb[i]] - logZ) / b;
            for (int k = 0; k < c; k++) d.data[i * c + k] = (Math.exp(logits.data[i * c + k] - logZ) - (k == yb[i] ? 1 : 0)) / b;
        }
        for (int l = L - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            layer.zeroGrad();
            // dZ = dOut * act'(out); the layer accumulates its own parameter gradients from it ...
            DMatrixRMaj dz = d.copy();
            if (layer.activation() == Activation.RELU) {
                for (int i = 0; i < dz.data.length && i < acts[l + 1].getNumElements(); i++) if (acts[l + 1].data[i] <= 0) dz.data[i] = 0;
            } else if (layer.activation() != Activation.IDENTITY) {
                throw new IllegalArgumentException("Expected relu or identity in the backprop baseline (got " + layer.activation() + ")");
            }
            layer.localGradient(acts[l], acts[l + 1], d);
            // ... and, because this is backprop, the error is sent on to the layer below.
            if (l > 0) d = Kernels.multTransB(dz, layer.weight(), null);
            opts.get(l).step(layer.parameters());
        }
        return loss;
    }

    public int[] predict(DMatrixRMaj x) {
        DMatrixRMaj h = standardizer.apply(x);
        for (DenseLayer l : layers) h = l.forward(h, null);
        int[] p = new int[x.numRows];
        for (int i = 0; i < x.numRows; i++) {
            int best = 0;
            for (int k = 1; k < h.numCols; k++) if (h.data[i * h.numCols + k] > h.data[i * h.numCols + best]) best = k;
            p[i] = best;
        }
        return p;
    }

    public double accuracy(DMatrixRMaj x, int[] y) {
        int[] p = predict(x);
        int ok = 0;
        for (int i = 0; i < y.length; i++) if (p[i] == y[i]) ok++;
        return (double) ok / y.length;
    }
}
