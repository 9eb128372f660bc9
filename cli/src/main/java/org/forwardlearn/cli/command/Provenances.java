package org.forwardlearn.cli.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.download.DataFile;
import org.forwardlearn.datasets.download.DatasetEntry;

/** Completes a library's provenance with what the CLI knows: the dataset's checksum and the CLI options. */
final class Provenances {
    private Provenances() {}

    /**
     * A copy of {@code p} with {@code extraConfig} merged into its config, the dataset id set and its
     * SHA-256 filled from the catalogue (combined over the dataset's files) when {@code p} has none.
     */
    static RunProvenance withDataset(RunProvenance p, Map<String, String> extraConfig, String datasetId, Path dataDir) {
        Map<String, String> cfg = new LinkedHashMap<>(p.config());
        cfg.putAll(extraConfig);
        if (dataDir != null) cfg.put("data_dir", dataDir.toString());
        String sha = p.datasetSha256() == null || p.datasetSha256().isEmpty() ? datasetSha256(datasetId) : p.datasetSha256();
        return new RunProvenance(p.task(), cfg, p.seed(), datasetId, sha, p.version(), p.javaVersion(), p.backend(),
                p.start(), p.end() == null ? java.time.Instant.now() : p.end());
    }

    /** result.json's "provenance": core's map with the configuration's values in their JSON types ({@link JsonFiles#typed}). */
    static Map<String, Object> json(RunProvenance p) {
        Map<String, Object> m = new LinkedHashMap<>(p.toMap());
        m.put("config", JsonFiles.typed(new java.util.TreeMap<>(p.config())));
        return m;
    }

    /** A new provenance for a run whose library gives none. */
    static RunProvenance start(String task, Map<String, String> config, long seed, String datasetId, String backend) {
        return RunProvenance.start(task, config, seed, datasetId, datasetSha256(datasetId), backend);
    }

    /**
     * SHA-256 over "path sha256" lines of the catalogued files of a dataset (the published checksums,
     * which the downloader verifies); "" for generated datasets or unknown names.
     */
    static String datasetSha256(String name) {
        try {
            DatasetEntry e = Catalogue.get(name);
            if (e.files().isEmpty()) return "";
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (DataFile f : e.files()) {
                md.update((f.path() + " " + (f.sha256() == null ? "unknown" : f.sha256()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception ex) {
            return "";
        }
    }
}
