package io.monocoque.hdr.io;

/**
 * One data line of a percentile distribution ({@code .hgrm}), exactly as HdrHistogram's
 * {@code outputPercentileDistribution} writes it.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param value             the value column (already divided by the writer's scaling ratio)
 * @param percentile        the percentile column as a fraction from 0 to 1 (HdrHistogram writes fractions here)
 * @param totalCount        the number of recorded values at or below {@code value}
 * @param inversePercentile the {@code 1/(1-Percentile)} column; {@link Double#POSITIVE_INFINITY} on the last line,
 *                          which HdrHistogram writes without that column (or as {@code Infinity} in CSV)
 */
public record HgrmLine(double value, double percentile, long totalCount, double inversePercentile)
{
    /**
     * Returns the percentile level in percent (0 to 100).
     *
     * @return {@code percentile * 100}
     */
    public double percent()
    {
        return percentile * 100.0;
    }

    /**
     * Tells whether this is the closing 100% line, the one written without a {@code 1/(1-Percentile)} column.
     *
     * @return {@code true} if the inverse percentile is infinite
     */
    public boolean isLast()
    {
        return Double.isInfinite(inversePercentile);
    }
}
