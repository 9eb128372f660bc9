package org.forwardlearn.datasets.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ejml.data.DMatrixRMaj;

/**
 * The one reader of user graph tables ({@link TableLayout}): validates a node and an edge {@link TableSource} with
 * {@link TableRules} (every error names the file and the line or row, before anything is built) and returns a
 * {@link TableGraph}.
 */
public final class TableGraphReader {
    private static final Logger LOG = LogManager.getLogger(TableGraphReader.class);

    private TableGraphReader() {}

    /** Reads {@code nodes} and {@code edges} CSV files. */
    public static TableGraph readCsv(Path nodes, Path edges, TableOptions options) {
        return read(CsvTable.read(nodes), CsvTable.read(edges), options);
    }

    /** Validates and assembles; the graph is named after the node file. */
    public static TableGraph read(TableSource nodes, TableSource edges, TableOptions options) {
        String nf = nodes.file();
        List<String> cols = nodes.columns();
        int idCol = require(nodes, "nodes", TableLayout.ID);
        int labelCol = cols.indexOf(TableLayout.LABEL), splitCol = cols.indexOf(TableLayout.SPLIT);
        checkIdType(nodes, "nodes", idCol);
        if (labelCol >= 0 && !(nodes.type(labelCol) == TableSource.Type.TEXT || nodes.type(labelCol) == TableSource.Type.INTEGER)) {
            throw TableRules.wrongType("nodes", TableLayout.LABEL, "an integer type", nodes.type(labelCol).label()).at(nf, "", -1);
        }
        if (splitCol >= 0 && !(nodes.type(splitCol) == TableSource.Type.TEXT || nodes.type(splitCol) == TableSource.Type.STRING)) {
            throw TableRules.wrongType("nodes", TableLayout.SPLIT, "type string", nodes.type(splitCol).label()).at(nf, "", -1);
        }
        List<Integer> feat = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            if (TableLayout.reserved(cols.get(c))) continue;
            TableSource.Type t = nodes.type(c);
            if (t != TableSource.Type.TEXT && t != TableSource.Type.INTEGER && t != TableSource.Type.REAL) {
                throw TableRules.wrongType("nodes", cols.get(c), "a numeric type (a feature column)", t.label()).at(nf, "", -1);
            }
            feat.add(c);
        }
        if (feat.isEmpty()) throw TableRules.noFeatures(cols).at(nf, "", -1);
        int n = nodes.rows();
        if (n == 0) throw TableRules.noNodes().at(nf, "", -1);
        String kind = nodes.positionKind();
        List<String> ids = new ArrayList<>(n);
        Map<String, Integer> index = new HashMap<>(n * 2);
        int[] labels = new int[n], code = new int[n];
        org.forwardlearn.datasets.io.Budget.product(nf, "a feature matrix (8 bytes a value) of nodes x features", 8, n, feat.size());
        DMatrixRMaj x = new DMatrixRMaj(n, feat.size());
        for (int r = 0; r < n; r++) {
            long pos = nodes.position(r);
            String id = id(nodes, r, idCol, "id");
            Integer prev = index.putIfAbsent(id, r);
            if (prev != null) throw TableRules.duplicateId(id, kind + " " + nodes.position(prev)).at(nf, kind, pos);
            ids.add(id);
            labels[r] = labelCol < 0 ? -1 : label(nodes, r, labelCol);
            if (splitCol >= 0) {
                Object s = nodes.cell(r, splitCol);
                if (s == null) throw TableRules.missingValue(TableLayout.SPLIT).at(nf, kind, pos);
                code[r] = TableLayout.splitCode(s.toString());
                if (code[r] < 0) throw TableRules.badSplit(s.toString()).at(nf, kind, pos);
                if (code[r] == TableLayout.TRAIN && labels[r] < 0) throw TableRules.unlabelledTraining(id).at(nf, kind, pos);
            }
            for (int j = 0; j < feat.size(); j++) x.data[r * feat.size() + j] = number(nodes, r, feat.get(j));
        }
        String splitSource;
        if (splitCol < 0) {
            code = TableGraph.randomSplitCodes(labels, options.splitSeed());
            splitSource = "random 64/16/20 of the labelled nodes (no 'split' column in " + nf + "; ForwardGNN protocol, seed "
                    + options.splitSeed() + ")";
        } else {
            splitSource = "column 'split' of " + nf;
        }
        String ef = edges.file();
        int sc = require(edges, "edges", TableLayout.SRC), dc = require(edges, "edges", TableLayout.DST);
        checkIdType(edges, "edges", sc);
        checkIdType(edges, "edges", dc);
        int m = edges.rows();
        int[] src = new int[m], dst = new int[m];
        for (int r = 0; r < m; r++) {
            src[r] = endpoint(edges, r, sc, TableLayout.SRC, index, nf);
            dst[r] = endpoint(edges, r, dc, TableLayout.DST, index, nf);
        }
        TableGraph g = TableGraph.assemble(nf, ids, x, labels, code, src, dst, m, options.directed(), splitSource);
        LOG.info("Read {} nodes ({} features, {} classes) from {} and {} edge rows from {}: {}", n, feat.size(),
                g.graph().numClasses(), nf, m, ef, g.report());
        return g;
    }

    private static int require(TableSource t, String table, String column) {
        int c = t.columns().indexOf(column);
        if (c < 0) throw TableRules.missingColumn(table, column, t.columns()).at(t.file(), "", -1);
        return c;
    }

    private static void checkIdType(TableSource t, String table, int c) {
        TableSource.Type ty = t.type(c);
        if (ty != TableSource.Type.TEXT && ty != TableSource.Type.INTEGER && ty != TableSource.Type.STRING) {
            throw TableRules.wrongType(table, t.columns().get(c), "an integer or string type", ty.label()).at(t.file(), "", -1);
        }
    }

    private static String id(TableSource t, int r, int c, String column) {
        Object v = t.cell(r, c);
        if (v == null) throw TableRules.missingValue(column).at(t.file(), t.positionKind(), t.position(r));
        return v instanceof Long l ? Long.toString(l) : v.toString();
    }

    private static int endpoint(TableSource t, int r, int c, String column, Map<String, Integer> index, String nodesFile) {
        String id = id(t, r, c, column);
        Integer i = index.get(id);
        if (i == null) throw TableRules.unknownEndpoint(column, id, nodesFile).at(t.file(), t.positionKind(), t.position(r));
        return i;
    }

    private static int label(TableSource t, int r, int c) {
        Object v = t.cell(r, c);
        if (v == null) return -1;
        long y;
        if (v instanceof Long l) {
            y = l;
        } else {
            String s = v.toString();
            try {
                y = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw TableRules.badLabel(s).at(t.file(), t.positionKind(), t.position(r));
            }
        }
        if (y < -1 || y > 1_000_000) throw TableRules.badLabel(v.toString()).at(t.file(), t.positionKind(), t.position(r));
        return (int) y;
    }

    private static double number(TableSource t, int r, int c) {
        Object v = t.cell(r, c);
        String col = t.columns().get(c);
        if (v == null) throw TableRules.missingValue(col).at(t.file(), t.positionKind(), t.position(r));
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw TableRules.badNumber(col, v.toString()).at(t.file(), t.positionKind(), t.position(r));
            }
        }
        if (!Double.isFinite(d)) throw TableRules.badNumber(col, v.toString()).at(t.file(), t.positionKind(), t.position(r));
        return d;
    }

}
