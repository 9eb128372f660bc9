package org.forwardlearn.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.core.train.EpochStats;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void trainingReportHasCurvesPerLayerAndAccuracyPerLayer() {
        MetricsRecorder rec = new MetricsRecorder();
        for (int l = 0; l < 2; l++) {
            for (int e = 0; e < 4; e++) {
                rec.onEpochEnd(new EpochStats(l, e, 4, 1.0 / (e + 1), e % 2 == 1 ? 0.5 + 0.1 * e : Double.NaN, 0.8, e));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("test_accuracy", 0.875);
        result.put("dataset", "a<b");
        String html = TrainingReport.render("report", result, rec, "accuracy",
                Map.of("test", new double[] {0.7, 0.875}));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(3, html.split("<svg ", -1).length - 1, "loss, validation and per-layer plots");
        assertEquals(2 + 2, html.split("<polyline ", -1).length - 1 - 1, "2 loss lines + 2 validation lines (+1 per-layer line)");
        assertTrue(html.contains("a&lt;b"));
        assertFalse(html.contains("<script"), "no JavaScript");
        assertTrue(html.contains("0.8750"));
    }

    @Test
    void textTableIsMarkdownWithRightAlignedNumbers() {
        String t = new TextTable("name", "value").row("a", 1.5).row("bb", 10.0).render();
        List<String> lines = t.lines().toList();
        assertEquals("| name | value |", lines.get(0).replaceAll(" +", " ").replace("| value|", "| value |"));
        assertTrue(lines.get(1).endsWith(":|"), "numeric column right-aligned: " + lines.get(1));
        assertTrue(lines.get(2).contains("1.5000"));
    }

    @Test
    void reportShowsSeedConfigurationAndAPerLayerTable() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("lr", 1.0e-5);
        cfg.put("hidden", List.of(1000, 1000));
        cfg.put("bidirectional", true);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("seed", 42L);
        prov.put("backend", "netlib:VectorBLAS");
        prov.put("config", cfg);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 1; l <= 3; l++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", l);
            row.put("test_accuracy", 0.5 + l / 10.0);
            row.put("epochs", 10 * l);
            layers.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("test_accuracy", 0.8);
        result.put("per_layer", layers);
        result.put("baseline", Map.of("test_accuracy", 0.7));
        result.put("provenance", prov);
        String html = TrainingReport.render("r", result, new MetricsRecorder(), "accuracy", Map.of());
        assertTrue(html.contains("<tr><th>seed</th><td>42</td></tr>"), html);
        assertTrue(html.contains("<tr><th>backend</th><td>netlib:VectorBLAS</td></tr>"), html);
        assertTrue(html.contains("<tr><th>lr</th><td>1.0E-5</td></tr>"), "exact, not 0.0000: " + html);
        assertTrue(html.contains("<tr><th>hidden</th><td>[1000, 1000]</td></tr>"), html);
        assertTrue(html.contains("<tr><th>layer</th><th>test_accuracy</th><th>epochs</th></tr>"), "named columns: " + html);
        for (int l = 1; l <= 3; l++) {
            assertTrue(html.contains("<tr><td>" + l + "</td><td>" + String.format(java.util.Locale.ROOT, "%.4f", 0.5 + l / 10.0) + "</td><td>"
                    + 10 * l + "</td></tr>"), "row of layer " + l + ": " + html);
        }
        assertTrue(html.contains("<tr><th>baseline_test_accuracy</th><td>0.7000</td></tr>"), html);
        assertFalse(html.contains("{layer=") || html.contains("[{"), "no map dump: " + html);
    }
}
