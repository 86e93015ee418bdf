package io.monocoque.hdr.model;

/**
 * The statistics of one interval of an interval log ({@code .hlog}): when it started, how long it lasted and its
 * median, 99th and 99.9th percentiles and maximum, in the run's unit.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param startSeconds  the interval's start, in seconds since the start of the log
 * @param lengthSeconds the interval's length in seconds (0 if the log does not say)
 * @param count         the number of values recorded in the interval
 * @param p50           the interval's median (NaN if {@code count} is 0)
 * @param p99           the interval's 99th percentile (NaN if {@code count} is 0)
 * @param p999          the interval's 99.9th percentile (NaN if {@code count} is 0)
 * @param max           the interval's largest value (NaN if {@code count} is 0)
 */
public record IntervalStats(double startSeconds, double lengthSeconds, long count, double p50, double p99,
                            double p999, double max)
{
    /**
     * Validates the components.
     *
     * @param startSeconds see {@link #startSeconds()}
     * @param lengthSeconds see {@link #lengthSeconds()}
     * @param count see {@link #count()}
     * @param p50 see {@link #p50()}
     * @param p99 see {@link #p99()}
     * @param p999 see {@link #p999()}
     * @param max see {@link #max()}
     * @throws IllegalArgumentException if the start is not finite, or the length or count is negative
     */
    public IntervalStats
    {
        if (!Double.isFinite(startSeconds))
        {
            throw new IllegalArgumentException("startSeconds must be finite: " + startSeconds);
        }
        if (!(lengthSeconds >= 0) || count < 0)
        {
            throw new IllegalArgumentException("length and count must not be negative");
        }
    }

    /**
     * Tells whether the interval recorded anything, i.e. whether its percentiles are defined.
     *
     * @return {@code count > 0}
     */
    public boolean hasValues()
    {
        return count > 0;
    }
}
