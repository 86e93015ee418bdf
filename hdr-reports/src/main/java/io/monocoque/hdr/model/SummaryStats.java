package io.monocoque.hdr.model;

/**
 * The headline numbers of one run, in the run's unit. A value that is unknown (for example the mean of a CSV
 * {@code .hgrm}, which has no footer, or anything of an empty histogram) is {@link Double#NaN}.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param p50   the median
 * @param p90   the 90th percentile
 * @param p99   the 99th percentile
 * @param p999  the 99.9th percentile
 * @param p9999 the 99.99th percentile
 * @param max   the largest recorded value
 * @param mean  the arithmetic mean
 * @param count the number of recorded values
 */
public record SummaryStats(double p50, double p90, double p99, double p999, double p9999, double max, double mean,
                           long count)
{
    /** The summary of a run with no recorded values: every value NaN, count 0. */
    public static final SummaryStats EMPTY =
        new SummaryStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /**
     * Validates the components.
     *
     * @param p50 see {@link #p50()}
     * @param p90 see {@link #p90()}
     * @param p99 see {@link #p99()}
     * @param p999 see {@link #p999()}
     * @param p9999 see {@link #p9999()}
     * @param max see {@link #max()}
     * @param mean see {@link #mean()}
     * @param count see {@link #count()}
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public SummaryStats
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }
}
