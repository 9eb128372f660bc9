package org.forwardlearn.datasets;

import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.download.DatasetEntry;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.io.AcousticPairs;
import org.forwardlearn.datasets.io.VowelWorkbook;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summaries for {@code forwardlearn data info NAME [--json]}: an ordered map the CLI serialises. */
public final class DatasetInfo {
    private DatasetInfo() {
    }

    /**
     * Loads {@code name} and describes it. Graphs: name, kind, nodes, edges (undirected count), features,
     * classes. Sample sets: name, kind, train, test, features, classes. Measured pairs: name, kind, pairs,
     * inputs, outputs.
     */
    public static Map<String, Object> describe(String name, Path dataDir) {
        DatasetEntry e = Catalogue.get(name);
        if (Datasets.isGraph(name)) return of(Datasets.loadGraph(name, dataDir));
        if (e.kind() == DatasetEntry.Kind.PAIRS) {
            AcousticPairs p = Datasets.loadAcousticPairs(dataDir);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("kind", "pairs");
            m.put("pairs", p.size());
            m.put("inputs", p.inputs()[0].length);
            m.put("outputs", p.outputs()[0].length);
            return m;
        }
        if (name.equals("phyll-vowels")) {
            VowelWorkbook w = Datasets.loadVowelWorkbook(dataDir);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("kind", "samples");
            m.put("tokens", w.size());
            m.put("features", VowelWorkbook.FEATURES.size());
            m.put("classes", VowelWorkbook.VOWELS.size());
            return m;
        }
        return of(Datasets.loadSamples(name, dataDir));
    }

    public static Map<String, Object> of(Graph g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("kind", "graph");
        m.put("nodes", g.numNodes());
        m.put("edges", g.undirectedEdgeCount());
        m.put("features", g.numFeatures());
        m.put("classes", g.numClasses());
        return m;
    }

    public static Map<String, Object> of(SampleSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", "samples");
        m.put("train", s.numTrain());
        m.put("test", s.numTest());
        m.put("features", s.numFeatures());
        m.put("classes", s.numClasses());
        return m;
    }
}
