package org.forwardlearn.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, dependency-free SVG line plot: one or more series of (x, y) points, axes with "nice"
 * ticks, a legend and optional point markers. Non-finite points break a line (they are never drawn).
 * <pre>
 * String svg = new SvgPlot("Loss", "epoch", "loss")
 *         .add("layer 1", xs, ys).add("layer 2", xs2, ys2).render();
 * </pre>
 */
public final class SvgPlot {
    /** One named line. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Expected as many x as y values (got " + x.length + " and " + y.length + ")");
            }
        }
    }

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    static final int LEFT = 64, RIGHT = 16, TOP = 34, BOTTOM = 44;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private int width = 560;
    private int height = 320;
    private boolean markers;
    private boolean integerX;

    public SvgPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public SvgPlot add(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    public SvgPlot size(int w, int h) {
        if (w < LEFT + RIGHT + 20 || h < TOP + BOTTOM + 20) {
            throw new IllegalArgumentException("Expected a plot of at least " + (LEFT + RIGHT + 20) + "x" + (TOP + BOTTOM + 20) + " (got " + w + "x" + h + ")");
        }
        this.width = w;
        this.height = h;
        return this;
    }

    /** Draws a circle at every point (useful for few points, e.g. accuracy per layer). */
    public SvgPlot markers(boolean on) {
        this.markers = on;
        return this;
    }

    /** Only whole-number ticks on the x axis (e.g. layer numbers). */
    public SvgPlot integerX(boolean on) {
        this.integerX = on;
        return this;
    }

    /** The SVG document (an {@code <svg>} element with xmlns, embeddable in HTML). */
    public String render() {
        double[] xr = range(true), yr = range(false);
        boolean empty = xr == null;
        if (empty) { xr = new double[] {0, 1}; yr = new double[] {0, 1}; }
        double[] xt = Ticks.nice(xr[0], xr[1], 6, integerX ? 1 : 0), yt = Ticks.nice(yr[0], yr[1], 5, 0);
        double x0 = Math.min(xr[0], xt[0]), x1 = Math.max(xr[1], xt[xt.length - 1]);
        double y0 = Math.min(yr[0], yt[0]), y1 = Math.max(yr[1], yt[yt.length - 1]);
        int pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                width / 2, esc(title)));
        // grid, ticks and labels
        for (double t : xt) {
            double px = LEFT + (t - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n", px, TOP, px, TOP + ph));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP + ph + 15, esc(Ticks.label(t, xt))));
        }
        for (double t : yt) {
            double py = TOP + ph - (t - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n", LEFT, py, LEFT + pw, py));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 5, py + 4, esc(Ticks.label(t, yt))));
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP, pw, ph));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2, height - 8, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
                TOP + ph / 2, TOP + ph / 2, esc(yLabel)));
        if (empty) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#888\">no data</text>%n", LEFT + pw / 2, TOP + ph / 2));
        }
        // series
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder pts = new StringBuilder();
            int run = 0;
            for (int i = 0; i <= se.x().length; i++) {
                boolean ok = i < se.x().length && Double.isFinite(se.x()[i]) && Double.isFinite(se.y()[i]);
                if (ok) {
                    double px = LEFT + (se.x()[i] - x0) / (x1 - x0) * pw;
                    double py = TOP + ph - (se.y()[i] - y0) / (y1 - y0) * ph;
                    pts.append(String.format(Locale.ROOT, "%s%.1f,%.1f", run == 0 ? "" : " ", px, py));
                    run++;
                    if (markers || isolated(se, i)) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, color));
                    }
                } else {
                    if (run > 1) {
                        sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n", color, pts));
                    }
                    pts.setLength(0);
                    run = 0;
                }
            }
            // legend
            int ly = TOP + 12 + 14 * s;
            int lx = LEFT + pw - 130;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n", lx, ly - 4, lx + 16, ly - 4, color));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 20, ly, esc(se.name())));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static boolean isolated(Series se, int i) {
        boolean prev = i > 0 && Double.isFinite(se.x()[i - 1]) && Double.isFinite(se.y()[i - 1]);
        boolean next = i + 1 < se.x().length && Double.isFinite(se.x()[i + 1]) && Double.isFinite(se.y()[i + 1]);
        return !prev && !next;
    }

    /** [min, max] over finite points of all series, widened when degenerate; null when there is none. */
    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series se : series) {
            for (int i = 0; i < se.x().length; i++) {
                if (!Double.isFinite(se.x()[i]) || !Double.isFinite(se.y()[i])) continue;
                double v = xAxis ? se.x()[i] : se.y()[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return null;
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 0.5;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    /** XML text escaping. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
