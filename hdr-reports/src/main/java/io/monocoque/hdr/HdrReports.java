package io.monocoque.hdr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.monocoque.hdr.io.FileKind;
import io.monocoque.hdr.io.HgrmReader;
import io.monocoque.hdr.io.HlogReader;
import io.monocoque.hdr.io.RunSummaries;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.ValueUnit;
import io.monocoque.hdr.report.HtmlReport;
import org.HdrHistogram.AbstractHistogram;

/**
 * The library entry point: read HdrHistogram files ({@code .hgrm} percentile distributions, {@code .hlog} interval
 * logs) into {@link LatencyRun}s and write them as a self-contained HTML report with inline SVG plots.
 *
 * <pre>{@code
 * List<LatencyRun> runs = List.of(HdrReports.read(Path.of("a.hgrm")), HdrReports.read(Path.of("b.hlog")));
 * HdrReports.writeHtml(runs, Path.of("report.html"), "a vs b");
 * }</pre>
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class HdrReports
{
    private HdrReports()
    {
    }

    /**
     * Reads one file with {@link ReadOptions#DEFAULTS}, naming the run after the file (without its extension).
     *
     * @param file a {@code .hgrm} or {@code .hlog} file (detected from its content, else its extension)
     * @return the run, in microseconds
     * @throws IOException if the file cannot be read or is not an HdrHistogram file
     *                     ({@link io.monocoque.hdr.io.HdrFormatException})
     */
    public static LatencyRun read(final Path file) throws IOException
    {
        return read(file, ReadOptions.DEFAULTS);
    }

    /**
     * Reads one file, naming the run after the file (without its extension).
     *
     * @param file    a {@code .hgrm} or {@code .hlog} file
     * @param options units and tag
     * @return the run, in microseconds
     * @throws IOException if the file cannot be read or is not an HdrHistogram file
     */
    public static LatencyRun read(final Path file, final ReadOptions options) throws IOException
    {
        return read(file, runName(file), options);
    }

    /**
     * Reads one file under a given run name.
     *
     * @param file    a {@code .hgrm} or {@code .hlog} file
     * @param name    the run's display name
     * @param options units and tag
     * @return the run, in microseconds
     * @throws IOException if the file cannot be read or is not an HdrHistogram file
     */
    public static LatencyRun read(final Path file, final String name, final ReadOptions options) throws IOException
    {
        return switch (FileKind.detect(file))
        {
            case HGRM -> HgrmReader.read(file).toRun(name, options.hgrmUnit());
            case HLOG -> HlogReader.read(file, options.tag()).toRun(name, options.hlogUnit());
        };
    }

    /**
     * Reads several files in order. Runs are named after their files; when two files share a name, their paths as
     * given are used instead (and a counter if even those clash).
     *
     * @param files   the files
     * @param options units and tag, for all files
     * @return the runs, in the order of {@code files}
     * @throws IOException if a file cannot be read or is not an HdrHistogram file
     */
    public static List<LatencyRun> readAll(final List<Path> files, final ReadOptions options) throws IOException
    {
        return readInputs(files, options).stream().map(Input::run).toList();
    }

    /**
     * A run and the file it was read from.
     *
     * @param file the input file
     * @param run  the run
     */
    public record Input(Path file, LatencyRun run)
    {
    }

    /**
     * Reads several files in order, as {@link #readAll}, keeping each run's file. An interval log that interleaves
     * several tagged streams, read with no {@code --tag}, gives one run per tag, named {@code FILE [TAG]} (the
     * untagged stream, if any, keeps the file's name), in the order the tags first appear.
     *
     * @param files   the files
     * @param options units and tag, for all files
     * @return the runs with their files
     * @throws IOException if a file cannot be read or is not an HdrHistogram file
     */
    public static List<Input> readInputs(final List<Path> files, final ReadOptions options) throws IOException
    {
        final List<String> names = uniqueNames(files);
        final List<Input> inputs = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final List<String> tags = options.tag() == null && FileKind.detect(file) == FileKind.HLOG ?
                HlogReader.tags(file) : List.of();
            if (tags.size() > 1 || tags.size() == 1 && tags.get(0) != null)
            {
                for (final String tag : tags)
                {
                    final String name = tag == null ? names.get(i) : names.get(i) + " [" + tag + "]";
                    inputs.add(new Input(file, HlogReader.read(file, tag).toRun(name, options.hlogUnit())));
                }
            }
            else
            {
                inputs.add(new Input(file, read(file, names.get(i), options)));
            }
        }
        return inputs;
    }

    /**
     * Makes a run from an in-memory histogram (see {@link LatencyRun#fromHistogram}).
     *
     * @param name         the run's display name
     * @param histogram    the recorded values (only read)
     * @param recordedUnit the unit they were recorded in
     * @return the run, in microseconds
     */
    public static LatencyRun fromHistogram(
        final String name, final AbstractHistogram histogram, final ValueUnit recordedUnit)
    {
        return LatencyRun.fromHistogram(name, histogram, recordedUnit);
    }

    /**
     * Renders the HTML report as a string.
     *
     * @param runs  the runs; the first is the baseline of the ratios
     * @param title the page title ({@code null} for the default)
     * @return the page
     */
    public static String renderHtml(final List<LatencyRun> runs, final String title)
    {
        return new HtmlReport(title).render(runs);
    }

    /**
     * Writes the HTML report (UTF-8), creating missing parent directories and replacing an existing file.
     *
     * @param runs  the runs; the first is the baseline of the ratios
     * @param out   the file to write
     * @param title the page title ({@code null} for the default)
     * @throws IOException if the file cannot be written
     */
    public static void writeHtml(final List<LatencyRun> runs, final Path out, final String title) throws IOException
    {
        new HtmlReport(title).write(runs, out);
    }

    /**
     * Reads {@code files} and writes their HTML report, with the "what was run" block from the {@code summary.json}
     * beside them where there is one ({@link RunSummaries}).
     *
     * @param files   the inputs, the first the baseline of the ratios
     * @param options units and tag, for all files
     * @param out     the page to write
     * @param title   the page title ({@code null} for the default)
     * @throws IOException if an input or a summary cannot be read, or the page cannot be written
     */
    public static void writeHtml(final List<Path> files, final ReadOptions options, final Path out, final String title)
        throws IOException
    {
        final RunSummaries summaries = RunSummaries.beside(files);
        final List<Input> inputs = namedByImplementation(readInputs(files, options), summaries);
        new HtmlReport(title).summaries(inputs.stream().map(input -> summaries.of(input.file())).toList())
            .write(inputs.stream().map(Input::run).toList(), out);
    }

    /**
     * Renames runs that a summary describes so that the implementation comes first: a harness file
     * {@code latency-monocoque-dealer-64B.hlog} with {@code "impl": "monocoque"} becomes
     * {@code monocoque dealer 64B}. Runs without a summary, names of another shape, tagged streams, and names that
     * would then clash keep their names.
     *
     * @param inputs    the runs with their files
     * @param summaries the summaries beside them
     * @return the runs, renamed where that applies
     */
    public static List<Input> namedByImplementation(final List<Input> inputs, final RunSummaries summaries)
    {
        final List<String> names = new ArrayList<>(inputs.size());
        for (final Input input : inputs)
        {
            final Map<String, Object> summary = summaries.of(input.file());
            final String name = input.run().name();
            if (summary == null || !(summary.get("impl") instanceof String impl) || name.contains(" ["))
            {
                names.add(name);
                continue;
            }
            final Matcher harnessName = Pattern.compile("^[a-z]+-" + Pattern.quote(impl) + "-(.+)$").matcher(name);
            names.add(harnessName.matches() ? impl + " " + harnessName.group(1).replace('-', ' ') : name);
        }
        if (new HashSet<>(names).size() != names.size())
        {
            return inputs;
        }
        final List<Input> renamed = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++)
        {
            renamed.add(new Input(inputs.get(i).file(), inputs.get(i).run().withName(names.get(i))));
        }
        return renamed;
    }

    /**
     * Returns the default run name of a file: its file name without a {@code .hgrm}, {@code .hlog}, {@code .txt}
     * or {@code .csv} extension.
     *
     * @param file the file
     * @return the name
     */
    public static String runName(final Path file)
    {
        final Path fileName = file.getFileName();
        final String name = fileName == null ? file.toString() : fileName.toString();
        final String stripped = name.replaceFirst("(?i)\\.(hgrm|hlog|txt|csv)$", "");
        return stripped.isBlank() ? name : stripped;
    }

    private static List<String> uniqueNames(final List<Path> files)
    {
        final Map<String, Integer> baseCounts = new HashMap<>();
        for (final Path file : files)
        {
            baseCounts.merge(runName(file), 1, Integer::sum);
        }
        final Set<String> used = new HashSet<>();
        final List<String> names = new ArrayList<>(files.size());
        for (final Path file : files)
        {
            String name = runName(file);
            if (baseCounts.get(name) > 1)
            {
                name = file.toString().replaceFirst("(?i)\\.(hgrm|hlog|txt|csv)$", "");
            }
            String unique = name;
            for (int n = 2; !used.add(unique); n++)
            {
                unique = name + " (" + n + ")";
            }
            names.add(unique);
        }
        return names;
    }
}
