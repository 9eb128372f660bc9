package org.forwardlearn.forwardgnn.block;

import java.io.Serializable;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;

/**
 * The structure of one node block: own rows {@code [0, own)}, halo rows {@code [own, own + halo)} (in-neighbours of
 * own rows held elsewhere; input only, their outputs are never read), the in-edges of the own rows in block-local
 * indices (CSR: {@code inSrc[inPtr[i] .. inPtr[i+1])} are the sources of own row i) and the GLOBAL in-degree (without
 * self-loop) of every local row. Primitive arrays only, so a block is cheap to serialise.
 *
 * <p>Normalisation from global degrees: an own row's in-edges are all in the block, so its local degree is its global
 * one (checked). A halo row has no in-edge in the block (local GCN degree 1 with the self-loop), so for GCN,
 * D^-1/2 (A + I) D^-1/2, its input row is scaled by 1 / sqrt(global degree + 1) before the layer's own operator
 * applies the local (= 1) factor: the own rows of Â x then equal the whole graph's exactly. SAGE's mean reads only
 * the own row's degree and GAT's attention only the rows, so they take the halo as it is.
 */
public final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int own, halo;
    private final int[] inPtr, inSrc, degree;

    /**
     * @param inPtr  own + 1 offsets into inSrc
     * @param inSrc  sources (local indices in [0, own + halo)) of the own rows' in-edges, without self-loops or duplicates
     * @param degree global in-degree (without self-loop) of every local row (own + halo entries)
     */
    public Block(int own, int halo, int[] inPtr, int[] inSrc, int[] degree) {
        if (own < 0 || halo < 0) throw new IllegalArgumentException("Expected non-negative row counts (got " + own + ", " + halo + ")");
        if (inPtr.length != own + 1 || inPtr[0] != 0 || inPtr[own] != inSrc.length) {
            throw new IllegalArgumentException("Expected " + (own + 1) + " offsets from 0 to " + inSrc.length + " (got "
                    + inPtr.length + " offsets ending at " + (inPtr.length == 0 ? "-" : inPtr[inPtr.length - 1]) + ")");
        }
        if (degree.length != own + halo) {
            throw new IllegalArgumentException("Expected " + (own + halo) + " degrees (got " + degree.length + ")");
        }
        for (int i = 0; i < own; i++) {
            if (inPtr[i + 1] - inPtr[i] != degree[i]) {
                throw new IllegalArgumentException("Expected own row " + i + " to hold all its " + degree[i] + " in-edges (got "
                        + (inPtr[i + 1] - inPtr[i]) + ")");
            }
            for (int k = inPtr[i]; k < inPtr[i + 1]; k++) {
                if (inSrc[k] < 0 || inSrc[k] >= own + halo || inSrc[k] == i) {
                    throw new IllegalArgumentException("Expected in-edge sources in [0," + (own + halo) + ") other than the row itself"
                            + " (got " + inSrc[k] + " -> " + i + ")");
                }
            }
        }
        this.own = own; this.halo = halo; this.inPtr = inPtr; this.inSrc = inSrc; this.degree = degree;
    }

    /** The one-block case: a whole graph, every node own, no halo. */
    public static Block whole(Topology t) { return of(t, identity(t.numNodes())).block(); }

    /** A block of a graph held in one place with its map to the graph's node ids. */
    public record Local(Block block, int[] nodes) { }

    /**
     * The block of the given own nodes of t: halo = their in-neighbours not among them (ascending id); {@code nodes}
     * maps local rows to t's nodes (own first, then halo).
     */
    public static Local of(Topology t, int[] ownNodes) {
        int n = t.numNodes();
        int[] local = new int[n];
        Arrays.fill(local, -1);
        for (int i = 0; i < ownNodes.length; i++) {
            if (local[ownNodes[i]] >= 0) throw new IllegalArgumentException("Expected distinct own nodes (got " + ownNodes[i] + " twice)");
            local[ownNodes[i]] = i;
        }
        boolean[] isHalo = new boolean[n];
        for (int v : ownNodes) for (int s : t.inNeighbours(v)) if (local[s] < 0) isHalo[s] = true;
        int h = 0;
        int[] nodes = Arrays.copyOf(ownNodes, n);
        for (int s = 0; s < n; s++) if (isHalo[s]) { local[s] = ownNodes.length + h; nodes[ownNodes.length + h++] = s; }
        nodes = Arrays.copyOf(nodes, ownNodes.length + h);
        int[] ptr = new int[ownNodes.length + 1];
        int[] deg = new int[nodes.length];
        for (int r = 0; r < nodes.length; r++) deg[r] = t.inNeighbours(nodes[r]).length;
        for (int i = 0; i < ownNodes.length; i++) ptr[i + 1] = ptr[i] + deg[i];
        int[] src = new int[ptr[ownNodes.length]];
        for (int i = 0; i < ownNodes.length; i++) {
            int[] nb = t.inNeighbours(ownNodes[i]);
            for (int k = 0; k < nb.length; k++) src[ptr[i] + k] = local[nb[k]];
        }
        return new Local(new Block(ownNodes.length, h, ptr, src, deg), nodes);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    public int own() { return own; }

    public int halo() { return halo; }

    public int rows() { return own + halo; }

    public int edges() { return inSrc.length; }

    /** Global in-degree (without self-loop) of local row r. */
    public int degree(int r) { return degree[r]; }

    /** The block's topology: the own rows' in-edges only (local indices). */
    public Topology topology() {
        int[] s = inSrc.clone(), d = new int[inSrc.length];
        for (int i = 0; i < own; i++) Arrays.fill(d, inPtr[i], inPtr[i + 1], i);
        return Topology.fromEdges(own + halo, s, d);
    }

    /**
     * The constant layer input of this block for a conv ({@code gcn}, {@code sage}, {@code gat}): x holds every local
     * row (own then halo), already normalised as the layer expects (row-L2). GCN's halo rows are scaled by
     * 1/sqrt(degree + 1) (see the class comment); with no halo x is used as it is (a sparse input stays sparse).
     */
    public ConvInput input(String conv, NodeMatrix x) {
        if (x.rows() != own + halo) throw new IllegalArgumentException("Expected " + (own + halo) + " input rows (got " + x.rows() + ")");
        NodeMatrix in = x;
        if (halo > 0 && conv.equals("gcn")) {
            DMatrixRMaj d = x.toDense().copy();
            int f = d.numCols;
            for (int r = own; r < own + halo; r++) {
                double s = 1.0 / Math.sqrt(degree[r] + 1.0);
                for (int j = 0; j < f; j++) d.data[r * f + j] *= s;
            }
            in = NodeMatrix.dense(d);
        } else if (!conv.equals("gcn") && !conv.equals("sage") && !conv.equals("gat")) {
            throw new IllegalArgumentException("Expected conv gcn|sage|gat (got '" + conv + "')");
        }
        return new ConvInput(in, topology(), true);
    }
}
