package io.monocoque.hdr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a percentile distribution ({@code .hgrm}): the text HdrHistogram's {@code outputPercentileDistribution}
 * writes, plain or CSV. Blank lines and unknown {@code #} comment lines are ignored; anything else that is not the
 * header, a data line or the footer is an error naming the line.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class HgrmReader
{
    private static final String NUMBER = "([-+0-9.eE]+|NaN|-?Infinity)";
    private static final Pattern MEAN = Pattern.compile(
        "#\\[Mean\\s*=\\s*" + NUMBER + "\\s*,\\s*StdDeviation\\s*=\\s*" + NUMBER + "\\s*]");
    private static final Pattern MAX = Pattern.compile(
        "#\\[Max\\s*=\\s*" + NUMBER + "\\s*,\\s*Total count\\s*=\\s*(\\d+)\\s*]");
    private static final Pattern BUCKETS = Pattern.compile(
        "#\\[Buckets\\s*=\\s*(\\d+)\\s*,\\s*SubBuckets\\s*=\\s*(\\d+)\\s*]");
    private static final Pattern PLAIN_HEADER = Pattern.compile(
        "Value\\s+Percentile\\s+TotalCount(\\s+1/\\(1-Percentile\\))?");
    private static final String CSV_HEADER = "\"Value\",\"Percentile\",\"TotalCount\",\"1/(1-Percentile)\"";
    private static final int DEFAULT_DECIMALS = 3;

    private HgrmReader()
    {
    }

    /**
     * Reads and parses a {@code .hgrm} file.
     *
     * @param file the file
     * @return its contents
     * @throws HdrFormatException if the file is not a percentile distribution (the message names file and line)
     * @throws IOException        if the file cannot be read
     */
    public static HgrmFile read(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /**
     * Tells whether {@code text} starts like a percentile distribution (its first non-blank line is the plain or CSV
     * header).
     *
     * @param text the start of a file
     * @return {@code true} if it looks like a {@code .hgrm}
     */
    public static boolean looksLikeHgrm(final String text)
    {
        for (final String line : text.split("\r?\n|\r"))
        {
            final String trimmed = line.trim();
            if (!trimmed.isEmpty())
            {
                return trimmed.startsWith(CSV_HEADER) || PLAIN_HEADER.matcher(trimmed).matches();
            }
        }
        return false;
    }

    /**
     * Parses the text of a percentile distribution.
     *
     * @param text   the whole file's text
     * @param source a name for error messages (e.g. the file name)
     * @return the contents
     * @throws HdrFormatException if the text is not a percentile distribution
     */
    public static HgrmFile parse(final String text, final String source) throws HdrFormatException
    {
        final Parser parser = new Parser(source);
        final String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++)
        {
            parser.accept(lines[i].trim(), i + 1);
        }
        return parser.finish();
    }

    /** Parsing state for one file; used by one thread. */
    private static final class Parser
    {
        private final String source;
        private final List<HgrmLine> lines = new ArrayList<>();
        private boolean headerSeen;
        private boolean csv;
        private int decimals = -1;
        private String meanText;
        private double mean = Double.NaN;
        private double stdDeviation = Double.NaN;
        private double max = Double.NaN;
        private long totalCount = -1;
        private int buckets = -1;
        private int subBuckets = -1;

        Parser(final String source)
        {
            this.source = source;
        }

        void accept(final String line, final int number) throws HdrFormatException
        {
            if (line.isEmpty())
            {
                return;
            }
            if (!headerSeen)
            {
                header(line, number);
            }
            else if (line.startsWith("#"))
            {
                footer(line, number);
            }
            else
            {
                data(line, number);
            }
        }

        private void header(final String line, final int number) throws HdrFormatException
        {
            if (line.startsWith(CSV_HEADER))
            {
                csv = true;
            }
            else if (!PLAIN_HEADER.matcher(line).matches())
            {
                throw error(number, "expected the header 'Value Percentile TotalCount 1/(1-Percentile)' of an " +
                    "HdrHistogram percentile distribution, found '" + abbreviate(line) + "'");
            }
            headerSeen = true;
        }

        private void footer(final String line, final int number) throws HdrFormatException
        {
            Matcher m = MEAN.matcher(line);
            if (m.matches())
            {
                meanText = m.group(1);
                mean = number(m.group(1), number, "mean");
                stdDeviation = number(m.group(2), number, "standard deviation");
                return;
            }
            m = MAX.matcher(line);
            if (m.matches())
            {
                max = number(m.group(1), number, "max");
                totalCount = count(m.group(2), number);
                return;
            }
            m = BUCKETS.matcher(line);
            if (m.matches())
            {
                buckets = (int)Math.min(Integer.MAX_VALUE, count(m.group(1), number));
                subBuckets = (int)Math.min(Integer.MAX_VALUE, count(m.group(2), number));
            }
        }

        private void data(final String line, final int number) throws HdrFormatException
        {
            final String[] tokens = csv ? line.split(",", -1) : line.split("\\s+");
            if (tokens.length < 3 || tokens.length > 4)
            {
                throw error(number, "expected 'value percentile totalCount [1/(1-percentile)]', found '" +
                    abbreviate(line) + "'");
            }
            final double value = number(tokens[0], number, "value");
            final double percentile = number(tokens[1], number, "percentile");
            final long count = count(tokens[2], number);
            final double inverse = tokens.length == 4 ? inverse(tokens[3], number) : Double.POSITIVE_INFINITY;
            if (!Double.isFinite(value) || !(percentile >= 0 && percentile <= 1.0000001))
            {
                throw error(number, "value must be finite and percentile a fraction in [0, 1]: '" + line + "'");
            }
            if (!lines.isEmpty())
            {
                final HgrmLine previous = lines.get(lines.size() - 1);
                if (percentile < previous.percentile() || count < previous.totalCount() || value < previous.value())
                {
                    throw error(number, "percentile, value and total count must not decrease from line to line");
                }
            }
            if (decimals < 0)
            {
                decimals = decimalsOf(tokens[0]);
            }
            lines.add(new HgrmLine(value, Math.min(1.0, percentile), count, inverse));
        }

        HgrmFile finish() throws HdrFormatException
        {
            if (!headerSeen)
            {
                throw new HdrFormatException(source + ": empty file, expected an HdrHistogram percentile " +
                    "distribution (.hgrm)");
            }
            final boolean hasMean = meanText != null;
            final boolean hasMax = totalCount >= 0;
            if (hasMean != hasMax)
            {
                throw new HdrFormatException(source + ": incomplete footer: needs both the #[Mean ...] and the " +
                    "#[Max ...] line");
            }
            if (decimals < 0)
            {
                decimals = hasMean ? decimalsOf(meanText) : DEFAULT_DECIMALS;
            }
            final HgrmFooter footer =
                hasMean ? new HgrmFooter(mean, stdDeviation, max, totalCount, buckets, subBuckets) : null;
            return new HgrmFile(lines, Math.min(15, decimals), csv, footer);
        }

        private double inverse(final String token, final int number) throws HdrFormatException
        {
            return "Infinity".equals(token.trim()) ? Double.POSITIVE_INFINITY : number(token, number, "1/(1-p)");
        }

        private double number(final String token, final int number, final String what) throws HdrFormatException
        {
            try
            {
                return Double.parseDouble(token.trim());
            }
            catch (final NumberFormatException e)
            {
                throw error(number, "bad " + what + " '" + abbreviate(token) + "'");
            }
        }

        private long count(final String token, final int number) throws HdrFormatException
        {
            try
            {
                final long count = Long.parseLong(token.trim());
                if (count < 0)
                {
                    throw error(number, "negative count '" + token + "'");
                }
                return count;
            }
            catch (final NumberFormatException e)
            {
                throw error(number, "bad count '" + abbreviate(token) + "'");
            }
        }

        private HdrFormatException error(final int number, final String message)
        {
            return new HdrFormatException(source + ":" + number + ": " + message);
        }
    }

    private static int decimalsOf(final String token)
    {
        final String trimmed = token.trim();
        final int dot = trimmed.indexOf('.');
        if (dot < 0)
        {
            return 0;
        }
        int end = dot + 1;
        while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end)))
        {
            end++;
        }
        return end - dot - 1;
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
