package io.monocoque.hdr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.monocoque.hdr.model.ValueUnit;

/**
 * The parsed arguments of {@code report FILE... [options]}.
 *
 * <p>Thread-safety: immutable after {@link #parse(String[])}; safe from any thread.
 */
final class ReportArguments
{
    /** Thrown for bad usage; the message is the reason shown to the user. */
    static final class UsageException extends Exception
    {
        private static final long serialVersionUID = 1L;

        UsageException(final String message)
        {
            super(message);
        }
    }

    final List<Path> files;
    final Path out;
    final String title;
    final List<String[]> notes;
    final ReadOptions options;
    final boolean help;
    /** The run to compare against ({@code --baseline}), or null for a plain report. */
    final Path baseline;
    /** How much worse than the baseline a statistic may be before it counts as a regression, as a fraction. */
    final double threshold;

    /** The regression threshold when {@code --threshold} is not given: 10%. */
    static final double DEFAULT_THRESHOLD = 0.10;

    private ReportArguments(final List<Path> files, final Path out, final String title, final List<String[]> notes,
                            final ReadOptions options, final boolean help)
    {
        this(files, out, title, notes, options, help, null, DEFAULT_THRESHOLD);
    }

    private ReportArguments(final List<Path> files, final Path out, final String title, final List<String[]> notes,
                            final ReadOptions options, final boolean help, final Path baseline,
                            final double threshold)
    {
        this.baseline = baseline;
        this.threshold = threshold;
        this.files = List.copyOf(files);
        this.out = out;
        this.title = title;
        this.notes = List.copyOf(notes);
        this.options = options;
        this.help = help;
    }

    static ReportArguments parse(final String[] args) throws UsageException
    {
        final List<Path> files = new ArrayList<>();
        final List<String[]> notes = new ArrayList<>();
        Path out = Path.of("report.html");
        String title = null;
        ReadOptions options = ReadOptions.DEFAULTS;
        Path baseline = null;
        double threshold = DEFAULT_THRESHOLD;
        boolean optionsEnded = false;
        int i = args.length > 0 && "report".equals(args[0]) ? 1 : 0;
        for (; i < args.length; i++)
        {
            final String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || "-".equals(arg))
            {
                files.add(path(arg));
                continue;
            }
            if ("--".equals(arg))
            {
                optionsEnded = true;
                continue;
            }
            if ("-h".equals(arg) || "--help".equals(arg))
            {
                return new ReportArguments(files, out, title, notes, options, true);
            }
            final int eq = arg.indexOf('=');
            final String name = eq > 0 ? arg.substring(0, eq) : arg;
            final String value;
            if (eq > 0)
            {
                value = arg.substring(eq + 1);
            }
            else if (i + 1 < args.length)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException("option " + name + " needs a value");
            }
            switch (name)
            {
                case "--out", "-o" -> out = path(value);
                case "--title" -> title = value;
                case "--note" -> notes.add(note(value));
                case "--hgrm-unit" -> options = options.withHgrmUnit(unit(name, value));
                case "--hlog-unit" -> options = options.withHlogUnit(unit(name, value));
                case "--tag" -> options = options.withTag(value.isEmpty() ? null : value);
                case "--baseline" -> baseline = path(value);
                case "--threshold" -> threshold = threshold(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (files.isEmpty())
        {
            throw new UsageException("no input file given");
        }
        if (baseline != null && files.size() != 1)
        {
            throw new UsageException("--baseline compares one new run (a directory, summary.json or file) with it: " +
                files.size() + " given");
        }
        return new ReportArguments(files, out, title, notes, options, false, baseline, threshold);
    }

    /** {@code 10%}, or {@code 10} (percent), as the fraction 0.1. */
    private static double threshold(final String text) throws UsageException
    {
        final String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        try
        {
            final double percent = Double.parseDouble(number.trim());
            if (!(percent >= 0) || Double.isInfinite(percent))
            {
                throw new NumberFormatException();
            }
            return percent / 100;
        }
        catch (final NumberFormatException e)
        {
            throw new UsageException("--threshold must be a percentage such as 10%: '" + text + "'");
        }
    }

    private static Path path(final String text) throws UsageException
    {
        if (text.isEmpty())
        {
            throw new UsageException("empty file name");
        }
        try
        {
            return Path.of(text);
        }
        catch (final RuntimeException e)
        {
            throw new UsageException("bad file name '" + text + "'");
        }
    }

    private static ValueUnit unit(final String option, final String text) throws UsageException
    {
        try
        {
            return ValueUnit.parse(text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String[] note(final String text)
    {
        final int eq = text.indexOf('=');
        return eq > 0 ? new String[] {text.substring(0, eq).trim(), text.substring(eq + 1).trim()} :
            new String[] {"note", text};
    }
}
