package io.monocoque.hdr.model;

/**
 * One point of a percentile spectrum: the value at or below which {@code percentile} percent of the recorded values
 * lie, as HdrHistogram's percentile iteration reports it.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param percentile the percentile level in percent, from 0 to 100 inclusive
 * @param value      the value at that level, in the run's unit
 */
public record PercentilePoint(double percentile, double value)
{
    /**
     * Validates the components.
     *
     * @param percentile see {@link #percentile()}
     * @param value see {@link #value()}
     * @throws IllegalArgumentException if the percentile is outside [0, 100] or the value is not finite
     */
    public PercentilePoint
    {
        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new IllegalArgumentException("percentile must be in [0, 100]: " + percentile);
        }
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
    }
}
