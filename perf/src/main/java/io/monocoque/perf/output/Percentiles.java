package io.monocoque.perf.output;

import org.HdrHistogram.Histogram;

/**
 * The headline numbers of a latency histogram recorded in nanoseconds, in microseconds: p50, p90, p99, p99.9,
 * p99.99, max, mean, and the count.
 */
public final class Percentiles
{
    /** Percentiles in the table and the summary. */
    public static final double[] LEVELS = {50, 90, 99, 99.9, 99.99};
    /** Column names of {@link #LEVELS}. */
    public static final String[] LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};
    /** JSON member names of {@link #LEVELS}. */
    public static final String[] JSON_NAMES = {"p50Us", "p90Us", "p99Us", "p999Us", "p9999Us"};

    private static final double NS_PER_US = 1000.0;

    private final double[] valuesUs = new double[LEVELS.length];
    private final double maxUs;
    private final double meanUs;
    private final long count;

    /**
     * Read the numbers from a histogram.
     *
     * @param histogram values in ns.
     */
    public Percentiles(final Histogram histogram)
    {
        for (int i = 0; i < LEVELS.length; i++)
        {
            valuesUs[i] = histogram.getValueAtPercentile(LEVELS[i]) / NS_PER_US;
        }
        maxUs = histogram.getMaxValue() / NS_PER_US;
        meanUs = histogram.getMean() / NS_PER_US;
        count = histogram.getTotalCount();
    }

    /**
     * Value at {@code LEVELS[index]}.
     *
     * @param index index into {@link #LEVELS}.
     * @return µs.
     */
    public double valueUs(final int index)
    {
        return valuesUs[index];
    }

    /**
     * Largest value.
     *
     * @return µs.
     */
    public double maxUs()
    {
        return maxUs;
    }

    /**
     * Mean.
     *
     * @return µs.
     */
    public double meanUs()
    {
        return meanUs;
    }

    /**
     * Number of values.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * The columns of the table in order: percentiles, max, mean.
     *
     * @return µs values.
     */
    public double[] columns()
    {
        final double[] columns = new double[LEVELS.length + 2];
        System.arraycopy(valuesUs, 0, columns, 0, LEVELS.length);
        columns[LEVELS.length] = maxUs;
        columns[LEVELS.length + 1] = meanUs;
        return columns;
    }
}
