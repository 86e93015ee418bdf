package io.monocoque.perf.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The console table of a latency run (Markdown, so it pastes into issues): one row per implementation with
 * p50, p90, p99, p99.9, p99.99, max and mean in µs and the count; with several implementations, a ratio row for
 * each against the first ({@code jeromq / monocoque}: above 1 means the first is faster).
 */
public final class PercentileTable
{
    private PercentileTable()
    {
    }

    /**
     * Print the table.
     *
     * @param out    where.
     * @param labels row labels.
     * @param rows   the numbers, same order.
     */
    public static void print(final PrintStream out, final List<String> labels, final List<Percentiles> rows)
    {
        final StringBuilder header = new StringBuilder("| impl |");
        final StringBuilder rule = new StringBuilder("|---|");
        for (final String label : Percentiles.LABELS)
        {
            header.append(' ').append(label).append(" |");
            rule.append("---:|");
        }
        header.append(" max | mean | count |");
        rule.append("---:|---:|---:|");
        out.println(header);
        out.println(rule);
        for (int r = 0; r < rows.size(); r++)
        {
            final StringBuilder line = new StringBuilder("| ").append(labels.get(r)).append(" |");
            for (final double value : rows.get(r).columns())
            {
                line.append(' ').append(formatUs(value)).append(" |");
            }
            line.append(String.format(Locale.ROOT, " %,d |", rows.get(r).count()));
            out.println(line);
        }
        for (int r = 1; r < rows.size(); r++)
        {
            final StringBuilder line = new StringBuilder("| ").append(labels.get(r)).append(" / ")
                .append(labels.get(0)).append(" |");
            final double[] base = rows.get(0).columns();
            final double[] other = rows.get(r).columns();
            for (int c = 0; c < base.length; c++)
            {
                line.append(base[c] > 0 ? String.format(Locale.ROOT, " %.2f× |", other[c] / base[c]) : " - |");
            }
            line.append(" |");
            out.println(line);
        }
    }

    /**
     * A µs value with sensible precision: 2 decimals under 10, 1 under 1,000, none above.
     *
     * @param us the value.
     * @return the text.
     */
    public static String formatUs(final double us)
    {
        if (us < 10)
        {
            return String.format(Locale.ROOT, "%.2f", us);
        }
        if (us < 1000)
        {
            return String.format(Locale.ROOT, "%.1f", us);
        }
        return String.format(Locale.ROOT, "%,.0f", us);
    }
}
