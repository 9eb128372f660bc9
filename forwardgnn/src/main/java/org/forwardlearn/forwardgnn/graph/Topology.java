package org.forwardlearn.forwardgnn.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The message-passing structure of a graph: directed edges src -> dst (an undirected edge is two
 * directed ones), de-duplicated, without self-loops. Builds and caches the aggregation operators of
 * the layers (row i of each lists the messages node i receives) and their transposes.
 */
public final class Topology {
    private final int numNodes;
    private final Csr in; // row = target, col = source, value 1
    private Csr gcn, gcnT, mean, meanT, withSelfLoops;
    private final Map<String, Map<int[], Csr[]>> rowOps = new HashMap<>();

    private Topology(int numNodes, Csr in) { this.numNodes = numNodes; this.in = in; }

    /** Directed edges src[k] -> dst[k]; duplicates and self-loops are dropped. */
    public static Topology fromEdges(int numNodes, int[] src, int[] dst) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException("Expected src and dst of equal length (got " + src.length + ", " + dst.length + ")");
        }
        int m = 0;
        int[] r = new int[src.length], c = new int[src.length];
        for (int k = 0; k < src.length; k++) {
            if (src[k] < 0 || src[k] >= numNodes || dst[k] < 0 || dst[k] >= numNodes) {
                throw new IllegalArgumentException("Expected node ids in [0," + numNodes + ") (got " + src[k] + " -> " + dst[k] + ")");
            }
            if (src[k] == dst[k]) continue;
            r[m] = dst[k]; c[m] = src[k]; m++;
        }
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        Csr a = Csr.fromTriplets(numNodes, numNodes, Arrays.copyOf(r, m), Arrays.copyOf(c, m), ones);
        Arrays.fill(a.vals, 1.0);
        return new Topology(numNodes, a);
    }

    /** Undirected edges (each added in both directions). */
    public static Topology undirected(int numNodes, int[] u, int[] v) {
        int[] s = Arrays.copyOf(u, u.length * 2), d = Arrays.copyOf(v, v.length * 2);
        System.arraycopy(v, 0, s, u.length, v.length);
        System.arraycopy(u, 0, d, v.length, u.length);
        return fromEdges(numNodes, s, d);
    }

    public int numNodes() { return numNodes; }

    /** Number of directed edges (without self-loops). */
    public int numEdges() { return in.nonZeros(); }

    /** Sources of the edges into node i. */
    public int[] inNeighbours(int i) { return Arrays.copyOfRange(in.colIdx, in.rowPtr[i], in.rowPtr[i + 1]); }

    /** The edge list (src, dst) as two arrays. */
    public int[][] edges() {
        int[] s = new int[numEdges()], d = new int[numEdges()];
        for (int i = 0; i < numNodes; i++) for (int k = in.rowPtr[i]; k < in.rowPtr[i + 1]; k++) { s[k] = in.colIdx[k]; d[k] = i; }
        return new int[][] {s, d};
    }

    /** GCN operator D^-1/2 (A + I) D^-1/2 with D the in-degree including the self-loop (as PyG's gcn_norm). */
    public synchronized Csr gcn() {
        if (gcn == null) {
            Csr p = selfLoops();
            double[] dinv = new double[numNodes];
            for (int i = 0; i < numNodes; i++) dinv[i] = 1.0 / Math.sqrt(p.rowPtr[i + 1] - p.rowPtr[i]);
            double[] v = new double[p.nonZeros()];
            for (int i = 0; i < numNodes; i++) for (int k = p.rowPtr[i]; k < p.rowPtr[i + 1]; k++) v[k] = dinv[i] * dinv[p.colIdx[k]];
            gcn = new Csr(numNodes, numNodes, p.rowPtr, p.colIdx, v);
        }
        return gcn;
    }

    public synchronized Csr gcnTransposed() {
        if (gcnT == null) gcnT = gcn().transpose();
        return gcnT;
    }

    /** Mean aggregation over in-neighbours (no self-loop; a node without neighbours receives zero). */
    public synchronized Csr mean() {
        if (mean == null) {
            double[] v = new double[in.nonZeros()];
            for (int i = 0; i < numNodes; i++) {
                int deg = in.rowPtr[i + 1] - in.rowPtr[i];
                for (int k = in.rowPtr[i]; k < in.rowPtr[i + 1]; k++) v[k] = 1.0 / deg;
            }
            mean = new Csr(numNodes, numNodes, in.rowPtr, in.colIdx, v);
        }
        return mean;
    }

    public synchronized Csr meanTransposed() {
        if (meanT == null) meanT = mean().transpose();
        return meanT;
    }

    /** The pattern of A + I (values 1), sorted columns per row: the attention neighbourhoods of GAT. */
    public synchronized Csr selfLoops() {
        if (withSelfLoops == null) {
            int[] ptr = new int[numNodes + 1];
            int[] ci = new int[in.nonZeros() + numNodes];
            int p = 0;
            for (int i = 0; i < numNodes; i++) {
                boolean placed = false;
                for (int k = in.rowPtr[i]; k < in.rowPtr[i + 1]; k++) {
                    if (!placed && in.colIdx[k] > i) { ci[p++] = i; placed = true; }
                    ci[p++] = in.colIdx[k];
                }
                if (!placed) ci[p++] = i;
                ptr[i + 1] = p;
            }
            double[] v = new double[p];
            Arrays.fill(v, 1.0);
            withSelfLoops = new Csr(numNodes, numNodes, ptr, ci, v);
        }
        return withSelfLoops;
    }

    /**
     * {rows of an operator, their transpose} for "gcn" or "mean"; rows null = the whole operator. Cached per row set,
     * told apart by identity: callers pass the same arrays every step (a training or validation node set).
     */
    public synchronized Csr[] rowsOf(String operator, int[] rows) {
        boolean isMean = operator.equals("mean");
        if (!isMean && !operator.equals("gcn")) throw new IllegalArgumentException("Expected operator gcn|mean (got '" + operator + "')");
        if (rows == null) return isMean ? new Csr[] {mean(), meanTransposed()} : new Csr[] {gcn(), gcnTransposed()};
        return rowOps.computeIfAbsent(operator, k -> new IdentityHashMap<>()).computeIfAbsent(rows, r -> {
            Csr sel = (isMean ? mean() : gcn()).selectRows(r);
            return new Csr[] {sel, sel.transpose()};
        });
    }
}
