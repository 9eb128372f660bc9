package org.forwardlearn.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.progress.Format;

/** A self-contained HTML report: a summary table, sections of text, tables and inline SVG plots (no JavaScript). */
public final class HtmlReport {
    private final String title;
    private final List<String> parts = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        parts.add("<h2>" + SvgPlot.esc(text) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        parts.add("<p>" + SvgPlot.esc(text) + "</p>");
        return this;
    }

    /** Key/value table of scalar entries (nested maps become their own small tables). */
    public HtmlReport keyValues(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder("<table>\n");
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            String cell = v instanceof Map<?, ?> m ? nested(m) : SvgPlot.esc(Format.cell(v));
            sb.append("<tr><th>").append(SvgPlot.esc(e.getKey())).append("</th><td>").append(cell).append("</td></tr>\n");
        }
        parts.add(sb.append("</table>").toString());
        return this;
    }

    private static String nested(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder("<table class=\"inner\">");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append("<tr><th>").append(SvgPlot.esc(String.valueOf(e.getKey()))).append("</th><td>")
                    .append(e.getValue() instanceof Map<?, ?> mm ? nested(mm) : SvgPlot.esc(Format.cell(e.getValue())))
                    .append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    public HtmlReport table(List<String> header, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) sb.append("<th>").append(SvgPlot.esc(h)).append("</th>");
        sb.append("</tr>\n");
        for (List<Object> r : rows) {
            sb.append("<tr>");
            for (Object c : r) sb.append("<td>").append(SvgPlot.esc(Format.cell(c))).append("</td>");
            sb.append("</tr>\n");
        }
        parts.add(sb.append("</table>").toString());
        return this;
    }

    public HtmlReport plot(SvgPlot plot) {
        parts.add("<div class=\"plot\">" + plot.render() + "</div>");
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgPlot.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}\n")
                .append("th{background:#f4f4f4}table.inner{margin:0;font-size:90%}.plot{display:inline-block;margin:0.5em}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(SvgPlot.esc(title)).append("</h1>\n");
        for (String p : parts) sb.append(p).append('\n');
        return sb.append("</body>\n</html>\n").toString();
    }
}
