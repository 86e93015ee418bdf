package io.monocoque.hdr.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.markup.Xml;
import io.monocoque.hdr.plot.BarPlot;
import io.monocoque.hdr.plot.Palette;

/**
 * The self-contained HTML page of a throughput run ({@code monocoque bench throughput}): what was run (from the
 * run's summary objects), bars of messages/s and MB/s per implementation, and a table with each one's ratio to the
 * first and its rounds. Like {@link HtmlReport}: well-formed XHTML, inline SVG and CSS, no script, deterministic.
 *
 * <p>Thread-safety: confine to one thread while configuring; rendering does not modify it.
 */
public final class ThroughputReport
{
    /**
     * One implementation's result.
     *
     * @param name               the implementation (and scenario)
     * @param messagesPerSecond  the median of the rounds
     * @param megabytesPerSecond payload MB (10^6 bytes) per second at that rate
     * @param rounds             each round's messages per second
     */
    public record Result(String name, double messagesPerSecond, double megabytesPerSecond, List<Double> rounds)
    {
    }

    private static final double MILLION = 1e6;

    private final String title;
    private final List<String[]> notes = new ArrayList<>();
    private List<Map<String, Object>> summaries = List.of();
    private final BarPlot bars = new BarPlot();

    /**
     * Creates a report.
     *
     * @param title the page title
     */
    public ThroughputReport(final String title)
    {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Adds a note under the title.
     *
     * @param label the label
     * @param text  the text
     * @return this report
     */
    public ThroughputReport note(final String label, final String text)
    {
        notes.add(new String[] {label, text});
        return this;
    }

    /**
     * Describes the results from their summary objects (one per result, in order; null for none).
     *
     * @param perResult the summary objects
     * @return this report
     */
    public ThroughputReport summaries(final List<Map<String, Object>> perResult)
    {
        this.summaries = new ArrayList<>(perResult);
        return this;
    }

    /**
     * Renders the page.
     *
     * @param results the results, the first the baseline of the ratios
     * @return the page's text
     */
    public String render(final List<Result> results)
    {
        final StringBuilder html = new StringBuilder(32 * 1024);
        HtmlReport.openPage(html, title);
        html.append("<dl class=\"notes\">\n");
        for (final String[] note : notes)
        {
            html.append("<dt>").append(Xml.escape(note[0])).append("</dt><dd>").append(Xml.escape(note[1]))
                .append("</dd>\n");
        }
        html.append("</dl>\n");
        final List<String> names = results.stream().map(Result::name).toList();
        html.append(MetadataTable.render(names, summaries));
        html.append("<section id=\"throughput\">\n<h2>Throughput</h2>\n")
            .append(bars.render("Messages per second", "million msgs/s", names,
                results.stream().map(r -> r.messagesPerSecond() / MILLION).toList()))
            .append(bars.render("Payload bandwidth", "MB/s (10^6 bytes of payload)", names,
                results.stream().map(Result::megabytesPerSecond).toList()))
            .append("</section>\n");
        html.append("<section id=\"ratios\">\n<h2>Results</h2>\n<table class=\"summary\">\n<thead><tr>")
            .append("<th class=\"stat\">implementation</th><th>msgs/s</th><th>MB/s</th><th>vs first</th>")
            .append("<th>rounds (msgs/s)</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < results.size(); i++)
        {
            final Result result = results.get(i);
            final double ratio = results.get(0).messagesPerSecond() > 0 ?
                result.messagesPerSecond() / results.get(0).messagesPerSecond() : Double.NaN;
            html.append("<tr><th class=\"stat\"><span class=\"swatch\" style=\"background:")
                .append(Palette.color(i)).append("\"></span>").append(Xml.escape(result.name())).append("</th>")
                .append("<td class=\"num\">").append(Numbers.value(result.messagesPerSecond())).append("</td>")
                .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,.1f", result.megabytesPerSecond()))
                .append("</td><td class=\"num ratio\">").append(Ratio.format(ratio)).append("</td><td class=\"num\">");
            for (int r = 0; r < result.rounds().size(); r++)
            {
                html.append(r > 0 ? ", " : "").append(Numbers.value(result.rounds().get(r)));
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"footnote\">The median of the rounds; above 1 is faster than the " +
            "first implementation.</p>\n</section>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Renders the page and writes it (UTF-8), creating missing parent directories.
     *
     * @param results the results
     * @param out     the file
     * @throws IOException if it cannot be written
     */
    public void write(final List<Result> results, final Path out) throws IOException
    {
        HtmlReport.writePage(render(results), out);
    }
}
