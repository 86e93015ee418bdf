package io.monocoque.hdr.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.markup.Xml;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.plot.Palette;
import io.monocoque.hdr.plot.SpectrumPlot;
import io.monocoque.hdr.plot.TimeSeriesPlot;

/**
 * Builds the self-contained HTML report: title, optional notes (machine, command, ...), the percentile spectrum
 * plot, the summary table with ratios to the first run, and the latency-over-time plot, with inline CSS and inline
 * SVG. It needs no network and no JavaScript.
 *
 * <p>The page is also well-formed XML (XHTML namespace, every element closed, no named entities beyond XML's own),
 * so it can be parsed and checked with any XML parser. The output is deterministic: the same runs give the same
 * bytes.
 *
 * <p>Thread-safety: mutable while notes are added; confine an instance to one thread, or finish configuring it
 * before sharing it (rendering does not modify it).
 */
public final class HtmlReport
{
    /** The title used when none is given. */
    public static final String DEFAULT_TITLE = "Latency report";

    private final String title;
    private final List<String[]> notes = new ArrayList<>();
    private List<Map<String, Object>> summaries = List.of();
    private Comparison comparison;
    private final SpectrumPlot spectrumPlot = new SpectrumPlot();
    private final TimeSeriesPlot timeSeriesPlot = new TimeSeriesPlot();

    /**
     * Creates a report.
     *
     * @param title the page title; {@code null} or blank gives {@link #DEFAULT_TITLE}
     */
    public HtmlReport(final String title)
    {
        this.title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
    }

    /**
     * Adds a note shown under the title, such as the machine or the command that produced the data.
     *
     * @param label the note's label, e.g. {@code machine}; may be empty
     * @param text  the note's text
     * @return this report
     */
    public HtmlReport note(final String label, final String text)
    {
        notes.add(new String[] {label == null ? "" : label, Objects.requireNonNull(text, "text")});
        return this;
    }

    /**
     * Describes the runs in a "what was run" block from their {@code summary.json} objects
     * ({@link io.monocoque.hdr.io.RunSummaries}): command line, implementation, idle strategy, threads, JVM, ...
     *
     * @param perRun each run's summary object in report order, null for a run without one
     * @return this report
     */
    public HtmlReport summaries(final List<Map<String, Object>> perRun)
    {
        this.summaries = new ArrayList<>(Objects.requireNonNull(perRun, "perRun"));
        return this;
    }

    /**
     * Adds the comparison with a baseline, shown after the summary table; the runs rendered should be its
     * {@link Comparison#runsToPlot()}.
     *
     * @param against the comparison
     * @return this report
     */
    public HtmlReport comparison(final Comparison against)
    {
        this.comparison = Objects.requireNonNull(against, "against");
        return this;
    }

    /**
     * Renders the page.
     *
     * @param runs the runs, in order; the first is the baseline of the ratios
     * @return the page's text
     */
    public String render(final List<LatencyRun> runs)
    {
        final StringBuilder html = new StringBuilder(64 * 1024);
        openPage(html, title);
        appendNotes(html, runs);
        html.append(MetadataTable.render(runs.stream().map(LatencyRun::name).toList(), summaries));
        appendSpectrum(html, runs);
        html.append("<section id=\"summary\">\n<h2>Summary</h2>\n").append(PercentileTable.render(runs))
            .append("<p class=\"footnote\">Ratios are to the first run (above 1 is slower). Percentiles that a " +
                ".hgrm input does not list are read at its next listed level, an upper bound.</p>\n")
            .append("</section>\n");
        if (comparison != null)
        {
            html.append(comparison.render());
        }
        html.append("<section id=\"timeseries\">\n<h2>Latency over time</h2>\n");
        if (runs.stream().anyMatch(LatencyRun::hasTimeSeries))
        {
            html.append(timeSeriesPlot.render(runs));
            appendLegendTable(html, runs);
        }
        else
        {
            html.append("<p class=\"empty\">No interval log (.hlog) among the inputs, so no latency-over-time " +
                "plot.</p>\n");
        }
        html.append("</section>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Renders the page and writes it as UTF-8, creating missing parent directories and replacing an existing file.
     *
     * @param runs the runs, in order
     * @param out  the file to write
     * @throws IOException if the file cannot be written
     */
    public void write(final List<LatencyRun> runs, final Path out) throws IOException
    {
        writePage(render(runs), out);
    }

    /**
     * Both value axes of the spectrum, one shown at a time by a CSS-only switch (radio buttons; no script): the log
     * one first when the data spans more than two decades, then a legend table when the names are too long for the
     * plot's own legend.
     */
    private void appendSpectrum(final StringBuilder html, final List<LatencyRun> runs)
    {
        final boolean logFirst = SpectrumPlot.preferredAxis(runs) == SpectrumPlot.ValueAxis.LOG;
        html.append("<section id=\"spectrum\">\n<h2>Percentile spectrum</h2>\n<div class=\"views\">\n")
            .append("<input type=\"radio\" name=\"spectrum-axis\" id=\"spectrum-log\"")
            .append(logFirst ? " checked=\"checked\"" : "").append("/>")
            .append("<label for=\"spectrum-log\">log latency axis</label>")
            .append("<input type=\"radio\" name=\"spectrum-axis\" id=\"spectrum-linear\"")
            .append(logFirst ? "" : " checked=\"checked\"").append("/>")
            .append("<label for=\"spectrum-linear\">linear latency axis</label>\n")
            .append("<div class=\"view view-log\">\n")
            .append(spectrumPlot.render(runs, SpectrumPlot.ValueAxis.LOG)).append("</div>\n")
            .append("<div class=\"view view-linear\">\n")
            .append(spectrumPlot.render(runs, SpectrumPlot.ValueAxis.LINEAR)).append("</div>\n</div>\n");
        appendLegendTable(html, runs);
        html.append("<p class=\"footnote\">Dashed guides mark p50, p90, p99, p99.9 and p99.99; the dots are each " +
            "run's value there (hover for the number).</p>\n</section>\n");
    }

    /** The page's head, inline style sheet and title: what every report page starts with. */
    static void openPage(final StringBuilder html, final String title)
    {
        html.append("<!DOCTYPE html>\n")
            .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n")
            .append("<meta charset=\"utf-8\"/>\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .append("<title>").append(Xml.escape(title)).append("</title>\n")
            .append("<style>\n").append(Styles.css()).append("</style>\n</head>\n<body>\n")
            .append("<h1>").append(Xml.escape(title)).append("</h1>\n");
    }

    /** Writes a page as UTF-8, creating missing parent directories. */
    static void writePage(final String page, final Path out) throws IOException
    {
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
    }

    /** The runs' names in full beside their colours, when the plots' own legends would cut them. */
    private static void appendLegendTable(final StringBuilder html, final List<LatencyRun> runs)
    {
        if (!SpectrumPlot.needsLegendTable(runs))
        {
            return;
        }
        html.append("<table class=\"legend\">\n");
        for (int i = 0; i < runs.size(); i++)
        {
            html.append("<tr><td><span class=\"swatch\" style=\"background:").append(Palette.color(i))
                .append("\"></span></td><td>").append(Xml.escape(runs.get(i).name())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void appendNotes(final StringBuilder html, final List<LatencyRun> runs)
    {
        html.append("<dl class=\"notes\">\n");
        for (final String[] note : notes)
        {
            html.append("<dt>").append(Xml.escape(note[0])).append("</dt><dd>").append(Xml.escape(note[1]))
                .append("</dd>\n");
        }
        html.append("<dt>runs</dt><dd>");
        for (int i = 0; i < runs.size(); i++)
        {
            final LatencyRun run = runs.get(i);
            html.append(i > 0 ? "; " : "").append("<span class=\"swatch\" style=\"background:")
                .append(Palette.color(i)).append("\"></span>").append(Xml.escape(run.name())).append(" (")
                .append(Numbers.count(run.summary().count())).append(" values")
                .append(run.hasTimeSeries() ? ", " + run.intervals().size() + " intervals" : "").append(')');
        }
        html.append(runs.isEmpty() ? Numbers.MISSING : "").append("</dd>\n</dl>\n");
    }
}
