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
    /** In-neighbours of the first baseNodes nodes (row = target, sorted sources below baseNodes, no self-loops): shared, never copied. */
    private final int baseNodes;
    private final int[] ptr, idx;
    /** Appended nodes (ids baseNodes..numNodes-1): per base node one appended in-neighbour or -1 (null: none), and their own in-lists. */
    private final int[] extraIn, appPtr, appIdx;
    private int[][] merged;
    private volatile double[] dinv;
    private volatile int maxRow = -1;
    private Csr gcn, gcnT, mean, meanT, withSelfLoops;
    private final Map<String, Map<int[], Csr[]>> rowOps = new HashMap<>();

    private Topology(int numNodes, int[] ptr, int[] idx) {
        this(numNodes, numNodes, ptr, idx, null, new int[1], new int[0]);
    }

    private Topology(int numNodes, int baseNodes, int[] ptr, int[] idx, int[] extraIn, int[] appPtr, int[] appIdx) {
        this.numNodes = numNodes; this.baseNodes = baseNodes; this.ptr = ptr; this.idx = idx;
        this.extraIn = extraIn; this.appPtr = appPtr; this.appIdx = appIdx;
    }

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
        return new Topology(numNodes, a.rowPtr, a.colIdx);
    }

    /**
     * Wraps an in-neighbour CSR without copying it (row i = the sources of the edges into i): rowPtr has numNodes + 1
     * entries, every row strictly increasing, in range, without self-loops (checked, O(edges)).
     */
    public static Topology fromCsr(int numNodes, int[] rowPtr, int[] colIdx) {
        if (rowPtr.length != numNodes + 1 || rowPtr[0] != 0 || rowPtr[numNodes] != colIdx.length) {
            throw new IllegalArgumentException("Expected rowPtr of length " + (numNodes + 1) + " from 0 to " + colIdx.length + " (got length "
                    + rowPtr.length + ")");
        }
        for (int i = 0; i < numNodes; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) throw new IllegalArgumentException("Expected non-decreasing rowPtr (got a decrease at row " + i + ")");
            int last = -1;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int j = colIdx[k];
                if (j <= last || j >= numNodes || j == i) {
                    throw new IllegalArgumentException("Expected sorted distinct in-neighbours in [0," + numNodes + ") other than the node (got "
                            + j + " in row " + i + ")");
                }
                last = j;
            }
        }
        return new Topology(numNodes, rowPtr, colIdx);
    }

    /**
     * This graph plus {@code count} appended nodes (ids numNodes..numNodes+count-1, e.g. SF's virtual nodes): node wired[t]
     * sends an edge to appended node classOf[t] and, when bidirectional, receives one from it. The base graph's arrays are
     * shared, not copied: the extra memory is O(numNodes + wired). Falls back to a rebuilt graph when this one already
     * has appended nodes or a node is wired twice.
     */
    public Topology withAppended(int count, int[] wired, int[] classOf, boolean bidirectional) {
        int n = numNodes;
        int[] extra = bidirectional ? new int[n] : null;
        if (extra != null) Arrays.fill(extra, -1);
        boolean simple = extraIn == null && baseNodes == numNodes;
        int[] cnt = new int[count + 1];
        for (int t = 0; t < wired.length && simple; t++) {
            if (wired[t] < 0 || wired[t] >= n || classOf[t] < 0 || classOf[t] >= count) {
                throw new IllegalArgumentException("Expected wired nodes in [0," + n + ") and classes in [0," + count + ") (got " + wired[t]
                        + " -> " + classOf[t] + ")");
            }
            if (extra != null) {
                if (extra[wired[t]] >= 0) simple = false;
                extra[wired[t]] = n + classOf[t];
            }
            cnt[classOf[t] + 1]++;
        }
        if (!simple || (extra == null && hasDuplicates(wired, n))) {
            int[][] e = edges();
            int m = e[0].length, x = wired.length * (bidirectional ? 2 : 1);
            int[] src = Arrays.copyOf(e[0], m + x), dst = Arrays.copyOf(e[1], m + x);
            int p = m;
            for (int t = 0; t < wired.length; t++) {
                src[p] = wired[t]; dst[p++] = n + classOf[t];
                if (bidirectional) { src[p] = n + classOf[t]; dst[p++] = wired[t]; }
            }
            return fromEdges(n + count, src, dst);
        }
        for (int k = 0; k < count; k++) cnt[k + 1] += cnt[k];
        int[] aIdx = new int[wired.length], fill = Arrays.copyOf(cnt, count);
        for (int t = 0; t < wired.length; t++) aIdx[fill[classOf[t]]++] = wired[t];
        for (int k = 0; k < count; k++) Arrays.sort(aIdx, cnt[k], cnt[k + 1]);
        return new Topology(n + count, n, ptr, idx, extra, cnt, aIdx);
    }

    private static boolean hasDuplicates(int[] a, int n) {
        boolean[] seen = new boolean[n];
        for (int v : a) { if (seen[v]) return true; seen[v] = true; }
        return false;
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
    public int numEdges() {
        int e = ptr[baseNodes] + appPtr[appPtr.length - 1];
        if (extraIn != null) for (int x : extraIn) if (x >= 0) e++;
        return e;
    }

    /** In-degree of node i (without the self-loop). */
    public int inDegree(int i) {
        if (i < baseNodes) return ptr[i + 1] - ptr[i] + (extraIn != null && extraIn[i] >= 0 ? 1 : 0);
        return appPtr[i - baseNodes + 1] - appPtr[i - baseNodes];
    }

    /** Bytes this topology holds itself (the shared base counted by the topology that owns it: {@code shared} false). */
    public long bytes(boolean withShared) {
        long b = (numNodes > baseNodes ? (long) (appPtr.length + appIdx.length) * 4 : 0) + (extraIn == null ? 0 : 4L * extraIn.length)
                + (dinv == null ? 0 : 8L * dinv.length);
        return withShared ? b + 4L * (ptr.length + idx.length) : b;
    }

    /** The in-neighbour structure {rowPtr, colIdx} of every node (the base arrays themselves when nothing is appended). */
    private synchronized int[][] in() {
        if (merged != null) return merged;
        if (baseNodes == numNodes && extraIn == null) return merged = new int[][] {ptr, idx};
        int[] p = new int[numNodes + 1];
        int[] c = new int[numEdges()];
        int q = 0;
        for (int i = 0; i < numNodes; i++) {
            if (i < baseNodes) {
                for (int k = ptr[i]; k < ptr[i + 1]; k++) c[q++] = idx[k];
                if (extraIn != null && extraIn[i] >= 0) c[q++] = extraIn[i];
            } else {
                for (int k = appPtr[i - baseNodes]; k < appPtr[i - baseNodes + 1]; k++) c[q++] = appIdx[k];
            }
            p[i + 1] = q;
        }
        return merged = new int[][] {p, c};
    }

    /** Sources of the edges into node i. */
    public int[] inNeighbours(int i) { int[][] a = in(); return Arrays.copyOfRange(a[1], a[0][i], a[0][i + 1]); }

    /** The edge list (src, dst) as two arrays. */
    public int[][] edges() {
        int[][] a = in();
        int[] s = new int[numEdges()], d = new int[numEdges()];
        for (int i = 0; i < numNodes; i++) for (int k = a[0][i]; k < a[0][i + 1]; k++) { s[k] = a[1][k]; d[k] = i; }
        return new int[][] {s, d};
    }

    /** 1 / sqrt(in-degree + 1) per node: the GCN normalisation (computed once, n doubles). */
    public double[] gcnScale() {
        double[] d = dinv;
        if (d != null) return d;
        synchronized (this) {
            if (dinv == null) {
                d = new double[numNodes];
                for (int i = 0; i < numNodes; i++) d[i] = 1.0 / Math.sqrt(inDegree(i) + 1);
                dinv = d;
            }
            return dinv;
        }
    }

    /**
     * Row i of the GCN operator D^-1/2 (A + I) D^-1/2 into (cols, vals) without materialising the operator: columns
     * sorted, the self-loop in its place, values dinv_i dinv_j exactly as {@link #gcn()}; returns the entry count
     * (the buffers must hold inDegree(i) + 1 entries).
     */
    int gcnRow(int i, int[] cols, double[] vals) {
        double[] d = gcnScale();
        int q = 0;
        if (i < baseNodes) {
            boolean placed = false;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = idx[k];
                if (!placed && j > i) { cols[q] = i; vals[q++] = d[i] * d[i]; placed = true; }
                cols[q] = j; vals[q++] = d[i] * d[j];
            }
            if (extraIn != null && extraIn[i] >= 0) {
                if (!placed) { cols[q] = i; vals[q++] = d[i] * d[i]; placed = true; }
                int j = extraIn[i];
                cols[q] = j; vals[q++] = d[i] * d[j];
            }
            if (!placed) { cols[q] = i; vals[q++] = d[i] * d[i]; }
        } else {
            int a = i - baseNodes;
            for (int k = appPtr[a]; k < appPtr[a + 1]; k++) { int j = appIdx[k]; cols[q] = j; vals[q++] = d[i] * d[j]; }
            cols[q] = i; vals[q++] = d[i] * d[i];
        }
        return q;
    }

    /** The largest in-degree + 1 (the buffer size {@link #gcnRow} needs). */
    int maxRowLength() {
        int r = maxRow;
        if (r >= 0) return r;
        int m = 0;
        for (int i = 0; i < numNodes; i++) m = Math.max(m, inDegree(i));
        maxRow = m + 1;
        return m + 1;
    }

    /** GCN operator D^-1/2 (A + I) D^-1/2 with D the in-degree including the self-loop (as PyG's gcn_norm). */
    public synchronized Csr gcn() {
        if (gcn == null) {
            Csr p = selfLoops();
            double[] dinv = gcnScale();
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
            int[][] in = in();
            double[] v = new double[in[1].length];
            for (int i = 0; i < numNodes; i++) {
                int deg = in[0][i + 1] - in[0][i];
                for (int k = in[0][i]; k < in[0][i + 1]; k++) v[k] = 1.0 / deg;
            }
            mean = new Csr(numNodes, numNodes, in[0], in[1], v);
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
            int[][] in = in();
            int[] ptr = new int[numNodes + 1];
            int[] ci = new int[in[1].length + numNodes];
            int p = 0;
            for (int i = 0; i < numNodes; i++) {
                boolean placed = false;
                for (int k = in[0][i]; k < in[0][i + 1]; k++) {
                    if (!placed && in[1][k] > i) { ci[p++] = i; placed = true; }
                    ci[p++] = in[1][k];
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
