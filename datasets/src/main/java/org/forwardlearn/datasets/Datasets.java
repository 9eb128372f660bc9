package org.forwardlearn.datasets;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.download.DatasetEntry;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.io.AcousticPairs;
import org.forwardlearn.datasets.io.DigitsLoader;
import org.forwardlearn.datasets.io.ImageSamples;
import org.forwardlearn.datasets.io.LinqsLoader;
import org.forwardlearn.datasets.io.NpzGraphLoader;
import org.forwardlearn.datasets.io.PlanetoidLoader;
import org.forwardlearn.datasets.io.VowelData;
import org.forwardlearn.datasets.io.VowelWorkbook;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The single entry point: load a catalogued dataset by name from a data directory laid out like the shared
 * datasets folder ({@code planetoid/ind.cora.x}, {@code citationfull/cora_ml.npz}, ...).
 *
 * <pre>{@code
 * Graph cora = Datasets.loadGraph("citationfull-cora_ml", Datasets.defaultDataDir());
 * }</pre>
 */
public final class Datasets {
    /** System property naming the data directory. */
    public static final String DATA_PROPERTY = "forwardlearn.data";
    /** Environment variable naming the data directory. */
    public static final String DATA_ENV = "FORWARDLEARN_DATA";
    private static final Logger LOG = LogManager.getLogger(Datasets.class);

    private Datasets() {
    }

    /** System property {@code forwardlearn.data}, else env {@code FORWARDLEARN_DATA}, else ~/.forwardlearn/data. */
    public static Path defaultDataDir() {
        String p = System.getProperty(DATA_PROPERTY);
        if (p != null && !p.isBlank()) return Paths.get(p);
        String e = System.getenv(DATA_ENV);
        if (e != null && !e.isBlank()) return Paths.get(e);
        return Paths.get(System.getProperty("user.home"), ".forwardlearn", "data");
    }

    /** All dataset names (graphs, sample sets, generated, measured pairs). */
    public static List<String> names() {
        return Catalogue.names();
    }

    /** Whether {@code name} loads with {@link #loadGraph}. */
    public static boolean isGraph(String name) {
        DatasetEntry.Kind k = Catalogue.get(name).kind();
        return k == DatasetEntry.Kind.GRAPH || k == DatasetEntry.Kind.GENERATED_GRAPH;
    }

    /**
     * Loads a graph dataset. Planetoid names ({@code cora, citeseer, pubmed}) carry their public split;
     * npz datasets follow PyG's {@code read_npz} (binarised features, symmetrised, no self-loops).
     *
     * @throws MissingDatasetFileException if a file is missing (the message names the URL)
     * @throws DatasetFormatException if a file is malformed
     * @throws IllegalArgumentException for an unknown or non-graph name
     */
    public static Graph loadGraph(String name, Path dataDir) {
        DatasetEntry e = Catalogue.get(name);
        long t0 = System.nanoTime();
        Graph g = switch (name) {
            case "citationfull-cora_ml", "citationfull-citeseer", "citationfull-pubmed", "gnnbench-cora",
                 "gnnbench-citeseer", "amazon-computers", "amazon-photo", "coauthor-cs", "coauthor-physics" ->
                NpzGraphLoader.load(Catalogue.require(dataDir, e.files().get(0)), name, NpzGraphLoader.Options.PYG);
            case "cora", "citeseer", "pubmed" -> PlanetoidLoader.load(dataDir.resolve("planetoid"), name);
            case "cora-linqs" -> LinqsLoader.load(Catalogue.require(dataDir, e.files().get(0)),
                Catalogue.require(dataDir, e.files().get(1)), name);
            case "csbm" -> org.forwardlearn.datasets.generate.Csbm.builder().build().generate(name);
            default -> throw new IllegalArgumentException("Expected a graph dataset name (got '" + name + "', a "
                + e.kind() + ")");
        };
        LOG.info("Loaded {} in {} ms", g, (System.nanoTime() - t0) / 1_000_000);
        return g;
    }

    /**
     * Loads a labelled tabular dataset with its train/test split.
     *
     * @throws MissingDatasetFileException if a file is missing (the message names the URL)
     * @throws DatasetFormatException if a file is malformed
     */
    public static SampleSet loadSamples(String name, Path dataDir) {
        DatasetEntry e = Catalogue.get(name);
        long t0 = System.nanoTime();
        SampleSet s = switch (name) {
            case "mnist", "fashion-mnist" -> {
                // check every file first so that the error names the missing one (mnist train images)
                List<Path> p = e.files().stream().map(f -> Catalogue.require(dataDir, f)).toList();
                yield ImageSamples.load(name, p.get(0), p.get(1), p.get(2), p.get(3));
            }
            case "vowels" -> VowelData.load(Catalogue.require(dataDir, e.files().get(0)))
                .toSampleSet(name, VowelData.Missing.IMPUTE_VOWEL_MEAN);
            case "vowels-pff" -> VowelData.load(Catalogue.require(dataDir, e.files().get(0))).womenPff()
                .toSampleSet(name, VowelData.Missing.IMPUTE_VOWEL_MEAN);
            case "digits" -> DigitsLoader.load(Catalogue.require(dataDir, e.files().get(0)), name);
            default -> throw new IllegalArgumentException("Expected a sample-set dataset name (got '" + name + "', a "
                + e.kind() + ")");
        };
        LOG.info("Loaded {} in {} ms", s, (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    /** The PFF paper's vowel workbook ({@code phyll-vowels}: 258 tokens, 7 vowels, 12 formants; no split, see the physical module). */
    public static VowelWorkbook loadVowelWorkbook(Path dataDir) {
        return VowelWorkbook.load(Catalogue.require(dataDir, Catalogue.get("phyll-vowels").files().get(0)));
    }

    /** The measured PhyLL acoustic input/output pairs ({@code phyll-acoustic}: inputs[N][20], outputs[N][20]). */
    public static AcousticPairs loadAcousticPairs(Path dataDir) {
        DatasetEntry e = Catalogue.get("phyll-acoustic");
        return AcousticPairs.load(Catalogue.require(dataDir, e.files().get(0)), Catalogue.require(dataDir, e.files().get(1)));
    }
}
