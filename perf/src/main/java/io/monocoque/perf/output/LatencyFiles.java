package io.monocoque.perf.output;

import io.monocoque.perf.latency.LatencyConfig;
import io.monocoque.perf.latency.LatencyResult;
import io.monocoque.perf.latency.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the result files of a {@code bench latency} invocation into the output directory:
 * <ul>
 *   <li>{@code NAME.hlog} per implementation: HdrHistogram interval log (HistogramLogWriter), one histogram per
 *   interval, values in ns;</li>
 *   <li>{@code NAME.hgrm} per implementation: the whole run's percentile distribution
 *   (outputPercentileDistribution, values in µs);</li>
 *   <li>{@code SCENARIO.html}: the report of all implementations (module hdr-reports);</li>
 *   <li>{@code summary.json}: one object per implementation's run, see {@link SummaryJson}.</li>
 * </ul>
 * NAME is {@code latency-IMPL-PATTERN-SIZEB[-RATEps]}, SCENARIO the same without IMPL; files of the same name
 * are replaced.
 */
public final class LatencyFiles
{
    /** Name of the summary file in the output directory. */
    public static final String SUMMARY = "summary.json";

    private final List<Path> hlogs = new ArrayList<>();
    private final List<Path> hgrms = new ArrayList<>();
    private Path html;
    private Path summary;
    private String htmlProblem;

    private LatencyFiles()
    {
    }

    /**
     * Write every file.
     *
     * @param config  the run's settings.
     * @param results its results.
     * @param facts   JVM and machine.
     * @param title   the HTML report's title.
     * @return the paths written.
     * @throws IOException if a file cannot be written.
     */
    public static LatencyFiles write(final LatencyConfig config, final List<LatencyResult> results,
        final MachineFacts facts, final String title) throws IOException
    {
        final LatencyFiles files = new LatencyFiles();
        Files.createDirectories(config.out());
        for (final LatencyResult result : results)
        {
            final String name = "latency-" + result.impl().label() + "-" + scenario(config);
            final Path hlog = config.out().resolve(name + ".hlog");
            final Path hgrm = config.out().resolve(name + ".hgrm");
            writeHlog(hlog, result.recorder(), title + ", " + result.impl().label());
            writeHgrm(hgrm, result.recorder().total());
            files.hlogs.add(hlog);
            files.hgrms.add(hgrm);
        }
        files.html = config.out().resolve("latency-" + scenario(config) + ".html");
        // The summary first: the report's "what was run" block is read from it.
        files.summary = config.out().resolve(SUMMARY);
        Files.writeString(files.summary, SummaryJson.latency(config, results, files, facts),
            StandardCharsets.UTF_8);
        try
        {
            HtmlReportWriter.write(files.hlogs, files.html, title);
        }
        catch (final IOException | RuntimeException ex)
        {
            // The measurements are in the other files; a report failure should not lose them.
            files.htmlProblem = ex.toString();
            files.html = null;
            Files.writeString(files.summary, SummaryJson.latency(config, results, files, facts),
                StandardCharsets.UTF_8);
        }
        return files;
    }

    private static String scenario(final LatencyConfig config)
    {
        return config.pattern().label() + "-" + config.size() + "B" +
            (config.openLoop() ? "-" + config.rate() + "ps" : "");
    }

    private static void writeHlog(final Path file, final LatencyRecorder recorder, final String comment)
        throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            final long startMs = recorder.startMs();
            writer.outputComment(comment);
            writer.outputComment("values in nanoseconds; one interval histogram per line");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputBaseTime(startMs);
            writer.outputLegend();
            for (final Histogram interval : recorder.intervals())
            {
                writer.outputIntervalHistogram(interval);
            }
            if (out.checkError())
            {
                throw new IOException("cannot write " + file);
            }
        }
    }

    private static void writeHgrm(final Path file, final Histogram total) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            total.outputPercentileDistribution(out, 5, 1000.0);
            if (out.checkError())
            {
                throw new IOException("cannot write " + file);
            }
        }
    }

    /**
     * The interval logs, one per implementation.
     *
     * @return paths.
     */
    public List<Path> hlogs()
    {
        return hlogs;
    }

    /**
     * The percentile distributions, one per implementation.
     *
     * @return paths.
     */
    public List<Path> hgrms()
    {
        return hgrms;
    }

    /**
     * The HTML report.
     *
     * @return its path, or null if it could not be made (see {@link #htmlProblem()}).
     */
    public Path html()
    {
        return html;
    }

    /**
     * Why the HTML report is missing.
     *
     * @return the reason, or null.
     */
    public String htmlProblem()
    {
        return htmlProblem;
    }

    /**
     * The summary.
     *
     * @return its path.
     */
    public Path summary()
    {
        return summary;
    }
}
