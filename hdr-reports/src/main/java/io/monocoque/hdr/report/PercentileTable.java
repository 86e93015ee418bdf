package io.monocoque.hdr.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.markup.Xml;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.SummaryStats;

/**
 * Renders the summary table: one row per statistic (p50, p90, p99, p99.9, p99.99, max, mean, count) and, side by
 * side, two columns per run: its value and its ratio to the first run's value ({@code 1.00×} for the first run).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class PercentileTable
{
    private record Row(String label, ToDoubleFunction<SummaryStats> value)
    {
    }

    private static final List<Row> ROWS = List.of(
        new Row("p50", SummaryStats::p50),
        new Row("p90", SummaryStats::p90),
        new Row("p99", SummaryStats::p99),
        new Row("p99.9", SummaryStats::p999),
        new Row("p99.99", SummaryStats::p9999),
        new Row("max", SummaryStats::max),
        new Row("mean", SummaryStats::mean));

    private PercentileTable()
    {
    }

    /**
     * Renders the table as an XHTML {@code table} element.
     *
     * @param runs the runs; the first is the baseline of the ratios
     * @return the markup
     */
    public static String render(final List<LatencyRun> runs)
    {
        final StringBuilder html = new StringBuilder(4096);
        final String unit = runs.isEmpty() ? "" : runs.get(0).unit();
        html.append("<table class=\"summary\">\n<thead>\n<tr><th class=\"stat\" rowspan=\"2\">statistic</th>");
        for (int i = 0; i < runs.size(); i++)
        {
            html.append("<th class=\"run\" colspan=\"2\"><span class=\"swatch c").append(i % 8)
                .append("\"></span>").append(Xml.escape(runs.get(i).name())).append("</th>");
        }
        html.append("</tr>\n<tr>");
        for (int i = 0; i < runs.size(); i++)
        {
            html.append("<th class=\"unit\">").append(Xml.escape(unit)).append("</th><th class=\"ratio\">")
                .append(i == 0 ? "ratio" : "vs 1st").append("</th>");
        }
        html.append("</tr>\n</thead>\n<tbody>\n");
        for (final Row row : ROWS)
        {
            html.append("<tr><th class=\"stat\">").append(row.label()).append("</th>");
            final double base = runs.isEmpty() ? Double.NaN : row.value().applyAsDouble(runs.get(0).summary());
            for (final LatencyRun run : runs)
            {
                final double value = row.value().applyAsDouble(run.summary());
                final double ratio = Ratio.of(value, base);
                html.append("<td class=\"num\">").append(Xml.escape(Numbers.value(value))).append("</td>")
                    .append("<td class=\"num ratio ").append(Ratio.cssClass(ratio)).append("\">")
                    .append(Ratio.format(ratio)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("<tr class=\"count\"><th class=\"stat\">count</th>");
        for (final LatencyRun run : runs)
        {
            html.append("<td class=\"num\">").append(Numbers.count(run.summary().count()))
                .append("</td><td class=\"num ratio\"></td>");
        }
        html.append("</tr>\n</tbody>\n</table>\n");
        return html.toString();
    }
}
