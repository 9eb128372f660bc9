package org.forwardlearn.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPlotTest {
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<double[]> points(Element polyline) {
        List<double[]> out = new ArrayList<>();
        for (String p : polyline.getAttribute("points").trim().split("\\s+")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    @Test
    void rendersWellFormedSvgWithOneLinePerSeriesInsideThePlotArea() throws Exception {
        double[] x = {1, 2, 3, 4, 5};
        String svg = new SvgPlot("Loss <per> layer & more", "epoch", "loss").size(400, 300)
                .add("layer 1", x, new double[] {2.0, 1.5, 1.2, 1.0, 0.9})
                .add("layer 2", x, new double[] {1.0, 0.8, 0.7, 0.65, 0.6}).render();
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        NodeList lines = d.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength());
        for (int i = 0; i < lines.getLength(); i++) {
            List<double[]> pts = points((Element) lines.item(i));
            assertEquals(5, pts.size());
            for (double[] p : pts) {
                assertTrue(p[0] >= SvgPlot.LEFT && p[0] <= 400 - SvgPlot.RIGHT, "x inside: " + p[0]);
                assertTrue(p[1] >= SvgPlot.TOP && p[1] <= 300 - SvgPlot.BOTTOM, "y inside: " + p[1]);
            }
            for (int k = 1; k < pts.size(); k++) assertTrue(pts.get(k)[0] > pts.get(k - 1)[0], "x increases");
        }
        // decreasing losses go down the page: larger SVG y
        List<double[]> first = points((Element) lines.item(0));
        assertTrue(first.get(4)[1] > first.get(0)[1]);
        // the title is escaped, and the legend names both series
        assertTrue(svg.contains("Loss &lt;per&gt; layer &amp; more"));
        assertTrue(svg.contains(">layer 1<") && svg.contains(">layer 2<"));
    }

    @Test
    void mapsDataLinearlyOntoTheAxes() throws Exception {
        String svg = new SvgPlot("t", "x", "y").size(400, 300).add("s", new double[] {0, 5, 10}, new double[] {0, 5, 10}).render();
        List<double[]> pts = points((Element) parse(svg).getElementsByTagName("polyline").item(0));
        // the middle point lies half-way between the ends in both directions (ticks 0..10 cover the data exactly)
        assertEquals((pts.get(0)[0] + pts.get(2)[0]) / 2, pts.get(1)[0], 0.11);
        assertEquals((pts.get(0)[1] + pts.get(2)[1]) / 2, pts.get(1)[1], 0.11);
        assertEquals(SvgPlot.LEFT, pts.get(0)[0], 0.11);
        assertEquals(300 - SvgPlot.BOTTOM, pts.get(0)[1], 0.11);
    }

    @Test
    void nonFiniteValuesBreakTheLineAndAreNeverDrawn() throws Exception {
        String svg = new SvgPlot("t", "x", "y").add("s", new double[] {1, 2, 3, 4, 5, 6},
                new double[] {1, 2, Double.NaN, 4, 5, Double.POSITIVE_INFINITY}).render();
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"));
        NodeList lines = parse(svg).getElementsByTagName("polyline");
        assertEquals(2, lines.getLength(), "two segments: [1,2] and [4,5]");
    }

    @Test
    void emptyConstantAndSinglePointSeriesStillRender() throws Exception {
        Document empty = parse(new SvgPlot("t", "x", "y").render());
        assertEquals(0, empty.getElementsByTagName("polyline").getLength());
        assertTrue(new SvgPlot("t", "x", "y").render().contains("no data"));
        Document constant = parse(new SvgPlot("t", "x", "y").add("c", new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5}).render());
        assertEquals(1, constant.getElementsByTagName("polyline").getLength());
        Document single = parse(new SvgPlot("t", "x", "y").add("p", new double[] {1}, new double[] {0.7}).render());
        assertEquals(0, single.getElementsByTagName("polyline").getLength());
        assertEquals(1, single.getElementsByTagName("circle").getLength(), "an isolated point is drawn as a marker");
    }

    @Test
    void markersAndIntegerTicks() throws Exception {
        String svg = new SvgPlot("acc", "layer", "accuracy").markers(true).integerX(true)
                .add("test", new double[] {1, 2, 3}, new double[] {0.7, 0.8, 0.85}).render();
        Document d = parse(svg);
        assertEquals(3, d.getElementsByTagName("circle").getLength());
        assertFalse(svg.contains(">1.5<"), "no fractional layer ticks");
    }

    @Test
    void rejectsMismatchedSeriesAndTinySizes() {
        assertThrows(IllegalArgumentException.class, () -> new SvgPlot("t", "x", "y").add("s", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new SvgPlot("t", "x", "y").size(10, 10));
    }

    @Test
    void niceTicksCoverTheRange() {
        double[] t = Ticks.nice(0.123, 0.871, 5, 0);
        assertTrue(t[0] <= 0.123 && t[t.length - 1] >= 0.871);
        double step = t[1] - t[0];
        assertTrue(List.of(0.1, 0.2, 0.25, 0.5).stream().anyMatch(s -> Math.abs(s - step) < 1e-12), "nice step: " + step);
        assertEquals("0.25", Ticks.label(0.25, new double[] {0, 0.25, 0.5}));
        assertEquals("100", Ticks.label(100, new double[] {0, 50, 100}));
    }
}
