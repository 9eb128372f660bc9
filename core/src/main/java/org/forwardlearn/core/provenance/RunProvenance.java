package org.forwardlearn.core.provenance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to reproduce a result: what was run (task and configuration), the seed, which data
 * (id and SHA-256), which software (version, Java, kernel backend) and when.
 *
 * @param task          e.g. "ff-mlp", "forwardgnn-node"
 * @param config        the full configuration as flat strings
 * @param seed          the run's seed
 * @param datasetId     dataset name
 * @param datasetSha256 SHA-256 of the dataset files (combined) or "" when generated
 * @param version       forwardlearn version
 * @param javaVersion   java.version of the JVM
 * @param backend       linear-algebra kernel backend
 * @param start         start time
 * @param end           end time (null while running)
 */
public record RunProvenance(String task, Map<String, String> config, long seed, String datasetId, String datasetSha256,
                            String version, String javaVersion, String backend, Instant start, Instant end) {
    public RunProvenance {
        config = Map.copyOf(config);
    }

    /**
     * forwardlearn's version: the jar manifest's Implementation-Version when packaged, else the Maven
     * project version filtered into {@code org/forwardlearn/core/version.properties} at build time (so
     * tests and class-folder runs report it too), else "dev".
     */
    public static String frameworkVersion() {
        return VERSION;
    }

    private static final String VERSION = readVersion();

    private static String readVersion() {
        String v = RunProvenance.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) return v;
        try (java.io.InputStream in = RunProvenance.class.getResourceAsStream("/org/forwardlearn/core/version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String r = p.getProperty("version", "");
                if (!r.isBlank() && !r.startsWith("$")) return r.trim();
            }
        } catch (java.io.IOException e) {
            // fall through: an unreadable resource in our own jar leaves the version unknown
        }
        return "dev";
    }

    /** A provenance started now, with the current JVM and framework version. */
    public static RunProvenance start(String task, Map<String, String> config, long seed, String datasetId, String sha256,
                                      String backend) {
        return new RunProvenance(task, config, seed, datasetId, sha256 == null ? "" : sha256, frameworkVersion(),
                System.getProperty("java.version"), backend, Instant.now(), null);
    }

    public RunProvenance finished() {
        return new RunProvenance(task, config, seed, datasetId, datasetSha256, version, javaVersion, backend, start, Instant.now());
    }

    /** An ordered map for JSON output (config sorted by key). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("seed", seed);
        m.put("dataset", datasetId);
        m.put("dataset_sha256", datasetSha256);
        m.put("forwardlearn_version", version);
        m.put("java_version", javaVersion);
        m.put("backend", backend);
        m.put("start", start == null ? null : start.toString());
        m.put("end", end == null ? null : end.toString());
        m.put("config", new java.util.TreeMap<>(config));
        return m;
    }

    /** Flat string form, as stored in checkpoint metadata. */
    public Map<String, String> toStrings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provenance.task", task);
        m.put("provenance.seed", Long.toString(seed));
        m.put("provenance.dataset", datasetId);
        m.put("provenance.dataset_sha256", datasetSha256);
        m.put("provenance.version", version);
        m.put("provenance.java", javaVersion);
        m.put("provenance.backend", backend);
        m.put("provenance.start", start == null ? "" : start.toString());
        m.put("provenance.end", end == null ? "" : end.toString());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(config).entrySet()) m.put("config." + e.getKey(), e.getValue());
        return m;
    }

    /** Inverse of {@link #toStrings()}. */
    public static RunProvenance fromStrings(Map<String, String> m) {
        Map<String, String> cfg = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey().startsWith("config.")) cfg.put(e.getKey().substring(7), e.getValue());
        }
        String s = m.getOrDefault("provenance.start", ""), e = m.getOrDefault("provenance.end", "");
        return new RunProvenance(m.getOrDefault("provenance.task", ""), cfg,
                Long.parseLong(m.getOrDefault("provenance.seed", "0")), m.getOrDefault("provenance.dataset", ""),
                m.getOrDefault("provenance.dataset_sha256", ""), m.getOrDefault("provenance.version", ""),
                m.getOrDefault("provenance.java", ""), m.getOrDefault("provenance.backend", ""),
                s.isEmpty() ? null : Instant.parse(s), e.isEmpty() ? null : Instant.parse(e));
    }
}
