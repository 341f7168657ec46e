package org.cpis.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * A horizontal bar chart drawn as inline SVG on the server: no script, nothing from outside the hub. Each series has
 * its own fill pattern (solid, hatched, dotted) named in a legend, and every bar carries its value as text, so the
 * chart reads without colour; the report's table beside it holds the same figures.
 */
final class BarChart {

    /** One row of the chart: a label and one value per series, with the text shown at the end of each bar. */
    record Group(String label, List<Double> values, List<String> valueTexts) {

        static Group of(String label, double value, String text) {
            return new Group(label, List.of(value), List.of(text));
        }
    }

    /** A vertical line across the chart at a value, with its label (the 95% go-live threshold). */
    record Threshold(double value, String label) {}

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_AREA = 360;
    private static final int BAR_HEIGHT = 14;
    private static final int GROUP_GAP = 10;
    private static final int LEGEND_HEIGHT = 28;
    private static final String[] FILLS = {"#005eb8", "url(#cpis-hatch)", "url(#cpis-dots)"};

    private BarChart() {}

    static String svg(String id, String title, String description, List<String> series, List<Group> groups) {
        return svg(id, title, description, series, groups, null);
    }

    static String svg(
            String id, String title, String description, List<String> series, List<Group> groups, Threshold line) {
        double max = line == null ? 0 : line.value();
        for (Group g : groups) {
            for (double v : g.values()) {
                max = Math.max(max, v);
            }
        }
        double scale = max <= 0 ? 0 : BAR_AREA / max;
        int groupHeight = series.size() * BAR_HEIGHT + GROUP_GAP;
        int height = LEGEND_HEIGHT + Math.max(1, groups.size()) * groupHeight + 24;
        StringBuilder svg = new StringBuilder(4096 + groups.size() * 400);
        open(svg, id, title, description, height);
        svg.append(PATTERNS);
        legend(svg, series);
        int y = LEGEND_HEIGHT;
        for (Group g : groups) {
            bars(svg, g, y, scale);
            y += groupHeight;
        }
        if (groups.isEmpty()) {
            svg.append(text(LABEL_WIDTH, y + 14, "No figures for this period", "start"));
        }
        if (line != null) {
            threshold(svg, line, scale, height);
        }
        return svg.append("</svg>").toString();
    }

    private static void open(StringBuilder svg, String id, String title, String description, int height) {
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cpis-chart\" viewBox=\"0 0 %d %d\" width=\"100%%\""
                        + " role=\"img\" aria-labelledby=\"%s-title %s-desc\" font-family=\"Arial, sans-serif\""
                        + " font-size=\"12\">",
                WIDTH,
                height,
                id,
                id));
        svg.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(escape(title))
                .append("</title>");
        svg.append("<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(escape(description))
                .append("</desc>");
    }

    private static final String PATTERNS = "<defs>"
            + "<pattern id=\"cpis-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
            + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#003087\" stroke-width=\"3\"/></pattern>"
            + "<pattern id=\"cpis-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"5\" height=\"5\" fill=\"#ffffff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.4\""
            + " fill=\"#212b32\"/></pattern></defs>";

    private static void legend(StringBuilder svg, List<String> series) {
        if (series.size() < 2) {
            return;
        }
        int x = LABEL_WIDTH;
        for (int i = 0; i < series.size(); i++) {
            svg.append(rect(x, 6, 16, 12, FILLS[i % FILLS.length]));
            svg.append(text(x + 22, 16, series.get(i), "start"));
            x += 30 + series.get(i).length() * 7;
        }
    }

    private static void bars(StringBuilder svg, Group g, int top, double scale) {
        int middle = top + (g.values().size() * BAR_HEIGHT) / 2 + 4;
        svg.append(text(LABEL_WIDTH - 8, middle, g.label(), "end"));
        for (int i = 0; i < g.values().size(); i++) {
            int y = top + i * BAR_HEIGHT;
            int width = (int) Math.round(g.values().get(i) * scale);
            svg.append(rect(LABEL_WIDTH, y, Math.max(width, 1), BAR_HEIGHT - 2, FILLS[i % FILLS.length]));
            svg.append(text(
                    LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 4, g.valueTexts().get(i), "start"));
        }
    }

    private static void threshold(StringBuilder svg, Threshold line, double scale, int height) {
        int x = LABEL_WIDTH + (int) Math.round(line.value() * scale);
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d5281b\" stroke-width=\"2\""
                        + " stroke-dasharray=\"6 3\"/>",
                x,
                LEGEND_HEIGHT - 4,
                x,
                height - 18));
        svg.append(text(x, height - 4, line.label(), "middle"));
    }

    private static String rect(int x, int y, int width, int height, String fill) {
        return String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#003087\""
                        + " stroke-width=\"1\"/>",
                x,
                y,
                width,
                height,
                fill);
    }

    private static String text(int x, int y, String text, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"#212b32\">%s</text>",
                x,
                y,
                anchor,
                escape(text));
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }

    static List<Double> values(double... values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
