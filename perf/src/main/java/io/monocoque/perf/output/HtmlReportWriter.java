package io.monocoque.perf.output;

import io.monocoque.hdr.HdrReports;
import io.monocoque.hdr.ReadOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's HTML report, made by module hdr-reports from the interval logs just written: percentile
 * spectrum, latency over time and a summary table with ratios to the first run, and what was run, from the
 * {@code summary.json} beside the logs.
 */
public final class HtmlReportWriter
{
    private HtmlReportWriter()
    {
    }

    /**
     * Read the interval logs and write the page.
     *
     * @param hlogs one interval log per run (ns values), the first the baseline of the ratios.
     * @param html  the page to write.
     * @param title its title.
     * @throws IOException if a log cannot be read or the page cannot be written.
     */
    public static void write(final List<Path> hlogs, final Path html, final String title) throws IOException
    {
        HdrReports.writeHtml(hlogs, ReadOptions.DEFAULTS, html, title);
    }
}
