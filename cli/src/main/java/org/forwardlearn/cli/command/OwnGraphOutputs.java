package org.forwardlearn.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.forwardgnn.NodePredictions;

/** Outputs keyed by the user's ids for {@code gnn train --nodes/--edges} and {@code gnn predict}. */
final class OwnGraphOutputs {
    private OwnGraphOutputs() {}

    /** predictions.csv: id, label (empty = none), split, predicted, correct (empty = no label), score_0 .. score_(C-1). */
    static CsvFile predictions(NodePredictions p, int[] labels, String[] split) {
        String[] head = new String[5 + p.numClasses()];
        head[0] = "id"; head[1] = "label"; head[2] = "split"; head[3] = "predicted"; head[4] = "correct";
        for (int k = 0; k < p.numClasses(); k++) head[5 + k] = "score_" + k;
        CsvFile csv = new CsvFile(head);
        List<String> ids = p.ids();
        for (int i = 0; i < ids.size(); i++) {
            Object[] row = new Object[head.length];
            row[0] = ids.get(i);
            row[1] = labels[i] >= 0 ? labels[i] : "";
            row[2] = split[i];
            row[3] = p.predicted()[i];
            row[4] = labels[i] >= 0 ? (p.predicted()[i] == labels[i] ? 1 : 0) : "";
            for (int k = 0; k < p.numClasses(); k++) row[5 + k] = p.score(i, k);
            csv.row(row);
        }
        return csv;
    }

    /** Accuracy over the labelled nodes of each split value (absent when a split has no labelled node). */
    static Map<String, Object> accuracyBySplit(NodePredictions p, int[] labels, String[] split) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String s : List.of("train", "val", "test", "other")) counts.put(s, new int[2]);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) continue;
            int[] c = counts.get(split[i]);
            c[0]++;
            if (p.predicted()[i] == labels[i]) c[1]++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((k, c) -> { if (c[0] > 0) m.put(k, (double) c[1] / c[0]); });
        return m;
    }

    /** SHA-256 over the bytes of the given files (each file's digest, then of their concatenation). */
    static String sha256(Path... files) throws IOException {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                all.update(md.digest());
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run's provenance with the user's files as its dataset (id = the node file, SHA-256 over both files). */
    static RunProvenance provenance(RunProvenance p, Map<String, String> extra, Path nodes, Path edges) throws IOException {
        Map<String, String> cfg = new LinkedHashMap<>(p.config());
        cfg.putAll(extra);
        return new RunProvenance(p.task(), cfg, p.seed(), nodes.toString(), sha256(nodes, edges), p.version(), p.javaVersion(), p.backend(),
                p.start(), p.end() == null ? java.time.Instant.now() : p.end());
    }
}
