package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forwardlearn.cli.io.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run writes, checked place by place: layers are numbered from 1 in the progress lines, metrics.csv,
 * result.json's per-layer entries, report.html and the stdout tables; result.json keeps the configuration's types;
 * report.html shows the seed, the configuration and a real per-layer table.
 */
class OutputsTest {
    @TempDir Path tmp;

    static Set<Integer> layersOfMetricsCsv(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertTrue(lines.get(0).startsWith("layer,epoch,"), lines.get(0));
        Set<Integer> layers = new TreeSet<>();
        for (String l : lines.subList(1, lines.size())) layers.add(Integer.parseInt(l.substring(0, l.indexOf(','))));
        return layers;
    }

    /** The first cell of every row of the report's "Per layer" table, and its header. */
    static List<String> perLayerTable(String html) {
        int at = html.indexOf("<h2>Per layer</h2>");
        assertTrue(at >= 0, "a per-layer section");
        String table = html.substring(at, html.indexOf("</table>", at));
        List<String> rows = table.lines().filter(l -> l.startsWith("<tr>")).toList();
        assertTrue(rows.get(0).startsWith("<tr><th>layer</th>"), "named columns: " + rows.get(0));
        Matcher m = Pattern.compile("^<tr><td>([^<]*)</td>").matcher("");
        return rows.subList(1, rows.size()).stream().map(r -> m.reset(r).find() ? m.group(1) : "?").toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void gnnTrainNumbersLayersFromOneEverywhereAndKeepsTypes() throws Exception {
        Path out = tmp.resolve("gnn");
        CliRun r = CommandsSmokeTest.ok("gnn", "train", "--dataset", "citationfull-cora_ml", "--layers", "2", "--epochs", "4",
                "--seed", "7", "--lr", "0.002", "--progress", "plain", "--data-dir", CommandsSmokeTest.data().toString(), "--out", out.toString());
        Map<String, Object> m = CommandsSmokeTest.result(out);
        List<Map<String, Object>> perLayer = (List<Map<String, Object>>) m.get("per_layer");
        assertEquals(List.of(1, 2), perLayer.stream().map(x -> x.get("layer")).toList(), "result.json per_layer: " + perLayer);
        for (Map<String, Object> l : perLayer) assertTrue(((Number) l.get("best_epoch")).intValue() >= 1, l.toString());
        assertEquals(Set.of(1, 2), layersOfMetricsCsv(out), "metrics.csv");
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(List.of("1", "2"), perLayerTable(html), "report.html per-layer rows");
        assertTrue(html.contains("layer 1") && html.contains("layer 2") && !html.contains("layer 0"), "curve legends");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\|\\s+1 \\|.*")) && r.out().lines().anyMatch(l -> l.matches("\\|\\s+2 \\|.*"))
                && r.out().lines().noneMatch(l -> l.matches("\\|\\s+0 \\|.*")), "stdout per-layer table: " + r.out());
        assertTrue(r.err().contains("layer 1/2") && r.err().contains("layer 2/2") && !r.err().contains("layer 0"), r.err());

        Map<String, Object> cfg = (Map<String, Object>) ((Map<String, Object>) m.get("provenance")).get("config");
        assertEquals(0.002, cfg.get("lr"));
        assertEquals(2, cfg.get("layers"));
        assertEquals(7, cfg.get("seed"));
        assertEquals(Boolean.TRUE, cfg.get("bidirectional"));
        assertEquals("citationfull-cora_ml", cfg.get("dataset"));
        assertTrue(cfg.get("weight_decay") instanceof Double, cfg.toString());

        assertTrue(html.contains("<h2>Run</h2>") && html.contains("<tr><th>seed</th><td>7</td></tr>"), "the seed in the report");
        assertTrue(html.contains("<h2>Configuration</h2>") && html.contains("<tr><th>lr</th><td>0.002</td></tr>")
                && html.contains("<tr><th>patience</th><td>100</td></tr>"), "the configuration in the report");
        assertFalse(html.contains("{layer=") || html.contains("[{"), "no map dump in the report");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ffTrainGreedyLayersFromOneAndHiddenAsAList() throws Exception {
        Path out = tmp.resolve("ff");
        CommandsSmokeTest.ok("ff", "train", "--dataset", "digits", "--layers", "2", "--hidden", "32", "--epochs", "2", "--schedule", "greedy",
                "--seed", "5", "--data-dir", CommandsSmokeTest.data().toString(), "--out", out.toString());
        assertEquals(Set.of(1, 2), layersOfMetricsCsv(out), "metrics.csv");
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(List.of("1", "2"), perLayerTable(html), "report.html per-layer rows");
        assertTrue(html.contains("<tr><th>seed</th><td>5</td></tr>"), "seed in the report");
        Map<String, Object> cfg = (Map<String, Object>) ((Map<String, Object>) CommandsSmokeTest.result(out).get("provenance")).get("config");
        assertEquals(List.of(32, 32), cfg.get("hidden"), cfg.toString());
        assertEquals(Boolean.FALSE, cfg.get("skip_first_layer"), cfg.toString());
        assertEquals(0.1, cfg.get("val_fraction"), cfg.toString());
        assertEquals("greedy", cfg.get("schedule"));
    }

    @Test
    void allLayersScheduleIsLayerZeroInMetricsAndAllInTheReport() throws Exception {
        Path out = tmp.resolve("ff-all");
        CommandsSmokeTest.ok("ff", "train", "--dataset", "digits", "--layers", "2", "--hidden", "32", "--epochs", "2", "--schedule", "all",
                "--data-dir", CommandsSmokeTest.data().toString(), "--out", out.toString());
        assertEquals(Set.of(0), layersOfMetricsCsv(out), "0 = all layers trained together (README)");
        assertEquals(List.of("all"), perLayerTable(Files.readString(out.resolve("report.html"))));
    }

    @Test
    void divergenceNamesTheLayerFromOne() {
        CliRun r = CliRun.of("gnn", "train", "--dataset", "citationfull-cora_ml", "--layers", "1", "--epochs", "4", "--lr", "1e200",
                "--data-dir", CommandsSmokeTest.data().toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("at layer 1, epoch "), r.toString());
        assertFalse(r.err().contains("at layer 0"), r.toString());
    }

    @Test
    void reportOfAPhysicalRunHasItsConfiguration() throws Exception {
        Path out = tmp.resolve("phys");
        CommandsSmokeTest.ok("physical", "train", "--dataset", "vowels", "--method", "logreg", "--epochs", "2", "--seed", "3",
                "--data-dir", CommandsSmokeTest.data().toString(), "--out", out.toString());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<tr><th>seed</th><td>3</td></tr>") && html.contains("<tr><th>vowel_protocol</th><td>paper</td></tr>"),
                "seed and configuration");
        Map<String, Object> m = JsonFiles.read(out.resolve("result.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cfg = (Map<String, Object>) ((Map<String, Object>) m.get("provenance")).get("config");
        assertEquals(2, cfg.get("epochs"));
        assertEquals(Boolean.FALSE, cfg.get("redraw"));
    }
}
