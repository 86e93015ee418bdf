package io.monocoque.hdr;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.monocoque.hdr.io.RunInputs;
import io.monocoque.hdr.io.RunSummaries;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.report.Comparison;
import io.monocoque.hdr.report.HtmlReport;

/**
 * The {@code monocoque report} command: reads {@code .hgrm} / {@code .hlog} files and writes a self-contained HTML
 * report.
 *
 * <pre>
 * monocoque report FILE... [--out report.html] [--title T] [--note LABEL=TEXT]...
 *                          [--hgrm-unit ns|us|ms|s] [--hlog-unit ns|us|ms|s] [--tag TAG]
 * monocoque report --baseline OLD NEW [--threshold 10%] [options as above]
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 runtime failure (unreadable or malformed input, output not writable) or a comparison
 * that found a regression beyond the threshold, 2 bad usage
 * (the reason and the usage go to the error stream).
 *
 * <p>Thread-safety: stateless; safe from any thread (each call uses only the streams it is given).
 */
public final class ReportCommand
{
    /** Exit code of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit code of a runtime failure, such as an unreadable input file. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a comparison ({@code --baseline}) that found a regression beyond the threshold. */
    public static final int EXIT_REGRESSION = 1;
    /** Exit code of bad usage. */
    public static final int EXIT_USAGE = 2;

    /** The usage text printed by {@code --help} and after a usage error. */
    public static final String USAGE = """
        usage: monocoque report FILE... [--out report.html] [--title TITLE] [--note LABEL=TEXT]...
                                [--hgrm-unit ns|us|ms|s] [--hlog-unit ns|us|ms|s] [--tag TAG]
               monocoque report --baseline OLD NEW [--threshold 10%] [the options above]

        Reads HdrHistogram percentile distributions (.hgrm, from outputPercentileDistribution) and interval
        logs (.hlog, from HistogramLogWriter) and writes one self-contained HTML page: the percentile spectrum
        of every run, latency over time from the interval logs, and a summary table with ratios to the first
        run. Values are shown in microseconds.

          --out FILE        where to write the page (default: report.html)
          --title TITLE     the page title (default: Latency report)
          --note L=TEXT     a note under the title, e.g. --note "machine=2 cores" (repeatable)
          --hgrm-unit U     unit of the .hgrm value column (default us: taken as written)
          --hlog-unit U     unit the .hlog histograms were recorded in (default ns)
          --tag TAG         read the .hlog intervals with this tag (default: untagged ones)
          --baseline OLD    compare NEW with OLD (each a result directory, its summary.json, or a file): both
                            on the same plots, a table of new/old ratios per percentile, and exit status 1
                            when a statistic of a run grew by more than the threshold
          --threshold P%    the growth --baseline tolerates (default 10%)
        """;

    private ReportCommand()
    {
    }

    /**
     * Runs the command.
     *
     * @param args the words after {@code report} (a leading {@code report} word is accepted and skipped)
     * @param out  where progress and {@code --help} go
     * @param err  where errors go
     * @return {@link #EXIT_OK}, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final ReportArguments arguments;
        try
        {
            arguments = ReportArguments.parse(args);
        }
        catch (final ReportArguments.UsageException e)
        {
            err.println("monocoque report: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (arguments.help)
        {
            out.print(USAGE);
            return EXIT_OK;
        }
        try
        {
            if (arguments.baseline != null)
            {
                return compare(arguments, out);
            }
            final RunSummaries summaries = RunSummaries.beside(arguments.files);
            final List<HdrReports.Input> inputs = HdrReports.namedByImplementation(
                HdrReports.readInputs(arguments.files, arguments.options), summaries);
            final List<LatencyRun> runs = inputs.stream().map(HdrReports.Input::run).toList();
            final HtmlReport report = new HtmlReport(arguments.title)
                .summaries(inputs.stream().map(input -> summaries.of(input.file())).toList());
            for (final String[] note : arguments.notes)
            {
                report.note(note[0], note[1]);
            }
            report.write(runs, arguments.out);
            out.println("wrote " + arguments.out + " (" + runs.size() + (runs.size() == 1 ? " run: " : " runs: ") +
                runs.stream().map(LatencyRun::name).collect(Collectors.joining(", ")) + ")");
            return EXIT_OK;
        }
        catch (final NoSuchFileException e)
        {
            err.println("monocoque report: no such file: " + e.getFile());
        }
        catch (final AccessDeniedException e)
        {
            err.println("monocoque report: permission denied: " + e.getFile());
        }
        catch (final IOException | RuntimeException e)
        {
            err.println("monocoque report: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return EXIT_FAILURE;
    }

    /**
     * {@code --baseline OLD NEW}: both sets on the same plots, the ratio table, and exit status 1 on a regression.
     */
    private static int compare(final ReportArguments arguments, final PrintStream out) throws IOException
    {
        final List<Path> oldFiles = RunInputs.expand(arguments.baseline);
        final List<Path> newFiles = RunInputs.expand(arguments.files.get(0));
        final RunSummaries oldSummaries = RunSummaries.beside(oldFiles);
        final RunSummaries newSummaries = RunSummaries.beside(newFiles);
        final List<HdrReports.Input> oldInputs = HdrReports.namedByImplementation(
            HdrReports.readInputs(oldFiles, arguments.options), oldSummaries);
        final List<HdrReports.Input> newInputs = HdrReports.namedByImplementation(
            HdrReports.readInputs(newFiles, arguments.options), newSummaries);
        final List<LatencyRun> oldRuns = oldInputs.stream().map(HdrReports.Input::run).toList();
        final List<LatencyRun> newRuns = newInputs.stream().map(HdrReports.Input::run).toList();
        final Comparison comparison = Comparison.of(oldRuns, newRuns, arguments.threshold);
        final List<LatencyRun> runs = comparison.runsToPlot();
        final List<Map<String, Object>> described = new ArrayList<>();
        for (final LatencyRun run : runs)
        {
            final boolean old = run.name().startsWith(Comparison.BASELINE_PREFIX);
            final String name = old ? run.name().substring(Comparison.BASELINE_PREFIX.length()) : run.name();
            final List<HdrReports.Input> side = old ? oldInputs : newInputs;
            final int index = side.stream().map(input -> input.run().name()).toList().indexOf(name);
            described.add(index < 0 ? null : (old ? oldSummaries : newSummaries).of(side.get(index).file()));
        }
        final HtmlReport report = new HtmlReport(arguments.title == null ? "Comparison with the baseline" :
            arguments.title).summaries(described).comparison(comparison);
        for (final String[] note : arguments.notes)
        {
            report.note(note[0], note[1]);
        }
        report.note("baseline", arguments.baseline.toString()).note("new", arguments.files.get(0).toString());
        report.write(runs, arguments.out);
        out.println("wrote " + arguments.out + " (" + comparison.pairs().size() + " runs compared with the baseline)");
        final List<String> regressions = comparison.regressions();
        for (final String regression : regressions)
        {
            out.println("regression: " + regression);
        }
        if (regressions.isEmpty())
        {
            out.println("no regression beyond +" + Comparison.percent(arguments.threshold) + "%");
            return EXIT_OK;
        }
        return EXIT_REGRESSION;
    }

    /**
     * Runs the command from a shell and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }
}
