package org.forwardlearn.datasets.generate;

/**
 * Parameters of a {@link Csbm}. Defaults: 1000 nodes, 4 classes, average degree 10 with 80 % of the edges
 * inside classes, 16 features, signal 1.0, seed 0.
 */
public final class CsbmBuilder {
    private int nodes = 1000;
    private int classes = 4;
    private double pIn = Double.NaN;
    private double pOut = Double.NaN;
    private double averageDegree = 10;
    private double homophily = 0.8;
    private int features = 16;
    private double signal = 1.0;
    private long seed;

    CsbmBuilder() {
    }

    public CsbmBuilder nodes(int n) {
        this.nodes = n;
        return this;
    }

    public CsbmBuilder classes(int c) {
        this.classes = c;
        return this;
    }

    /** Explicit edge probabilities within and between classes (overrides averageDegree). */
    public CsbmBuilder probabilities(double in, double out) {
        this.pIn = in;
        this.pOut = out;
        return this;
    }

    /** Expected degree d, of which a fraction h (homophily) inside the node's class. */
    public CsbmBuilder averageDegree(double d, double h) {
        this.averageDegree = d;
        this.homophily = h;
        this.pIn = Double.NaN;
        this.pOut = Double.NaN;
        return this;
    }

    public CsbmBuilder features(int f) {
        this.features = f;
        return this;
    }

    /** Distance of each class mean from the origin, in units of the (unit) noise standard deviation. */
    public CsbmBuilder signal(double s) {
        this.signal = s;
        return this;
    }

    public CsbmBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public Csbm build() {
        double in = pIn;
        double out = pOut;
        if (Double.isNaN(in) || Double.isNaN(out)) {
            double perClass = (double) nodes / classes;
            in = perClass > 1 ? Math.min(1, homophily * averageDegree / (perClass - 1)) : 0;
            out = nodes - perClass > 0 ? Math.min(1, (1 - homophily) * averageDegree / (nodes - perClass)) : 0;
        }
        return new Csbm(nodes, classes, in, out, features, signal, seed);
    }
}
