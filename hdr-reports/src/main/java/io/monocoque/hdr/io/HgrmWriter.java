package io.monocoque.hdr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a percentile distribution ({@code .hgrm}) in exactly the layout of HdrHistogram's
 * {@code outputPercentileDistribution}, plain or CSV, so that reading a file HdrHistogram wrote and writing it back
 * gives the same bytes.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class HgrmWriter
{
    private HgrmWriter()
    {
    }

    /**
     * Formats the distribution as text.
     *
     * @param file the distribution
     * @return the text, with {@code \n} line ends
     */
    public static String format(final HgrmFile file)
    {
        final StringBuilder out = new StringBuilder(64 + file.lines().size() * 56);
        final int decimals = file.valueDecimals();
        if (file.csv())
        {
            out.append("\"Value\",\"Percentile\",\"TotalCount\",\"1/(1-Percentile)\"\n");
            final String line = "%." + decimals + "f,%.12f,%d,%.2f\n";
            final String last = "%." + decimals + "f,%.12f,%d,Infinity\n";
            for (final HgrmLine l : file.lines())
            {
                out.append(l.isLast() ?
                    String.format(Locale.US, last, l.value(), l.percentile(), l.totalCount()) :
                    String.format(Locale.US, line, l.value(), l.percentile(), l.totalCount(),
                        l.inversePercentile()));
            }
        }
        else
        {
            out.append(String.format(Locale.US, "%12s %14s %10s %14s\n\n",
                "Value", "Percentile", "TotalCount", "1/(1-Percentile)"));
            final String line = "%12." + decimals + "f %2.12f %10d %14.2f\n";
            final String last = "%12." + decimals + "f %2.12f %10d\n";
            for (final HgrmLine l : file.lines())
            {
                out.append(l.isLast() ?
                    String.format(Locale.US, last, l.value(), l.percentile(), l.totalCount()) :
                    String.format(Locale.US, line, l.value(), l.percentile(), l.totalCount(),
                        l.inversePercentile()));
            }
        }
        file.footer().ifPresent(footer -> appendFooter(out, footer, decimals));
        return out.toString();
    }

    /**
     * Writes the distribution to a file (US-ASCII text), replacing it if it exists.
     *
     * @param file the distribution
     * @param path where to write
     * @throws IOException if the file cannot be written
     */
    public static void write(final HgrmFile file, final Path path) throws IOException
    {
        Files.writeString(path, format(file), StandardCharsets.US_ASCII);
    }

    private static void appendFooter(final StringBuilder out, final HgrmFooter footer, final int decimals)
    {
        out.append(String.format(Locale.US,
            "#[Mean    = %12." + decimals + "f, StdDeviation   = %12." + decimals + "f]\n",
            footer.mean(), footer.stdDeviation()));
        out.append(String.format(Locale.US,
            "#[Max     = %12." + decimals + "f, Total count    = %12d]\n",
            footer.max(), footer.totalCount()));
        if (footer.hasBucketLine())
        {
            out.append(String.format(Locale.US, "#[Buckets = %12d, SubBuckets     = %12d]\n",
                footer.buckets(), footer.subBuckets()));
        }
    }
}
