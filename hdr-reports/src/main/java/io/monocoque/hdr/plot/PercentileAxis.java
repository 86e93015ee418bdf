package io.monocoque.hdr.plot;

/**
 * The log-scaled "1 − percentile" axis of a percentile spectrum, as HdrHistogram's plotter draws it: a percentile
 * {@code p} is placed at {@code log10(1 / (1 − p))} decades, so 0% is at 0, 90% at 1, 99% at 2, 99.9% at 3, and so
 * on. 100% would be infinitely far right; plots clamp it to the highest finite level present.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class PercentileAxis
{
    private PercentileAxis()
    {
    }

    /**
     * Returns the axis position of a percentile.
     *
     * @param percent the percentile in percent, 0 to 100
     * @return {@code log10(100 / (100 − percent))}; positive infinity for 100
     */
    public static double toDecades(final double percent)
    {
        if (percent >= 100.0)
        {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log10(100.0 / (100.0 - percent));
    }

    /**
     * Returns the percentile at an axis position (the inverse of {@link #toDecades(double)}).
     *
     * @param decades the axis position, at least 0
     * @return the percentile in percent
     */
    public static double toPercent(final double decades)
    {
        return 100.0 * (1.0 - Math.pow(10.0, -decades));
    }

    /**
     * Returns the label of a whole-decade tick: {@code 0%}, {@code 90%}, {@code 99%}, {@code 99.9%},
     * {@code 99.99%}, ...
     *
     * @param decade the tick position, 0 or more
     * @return the label
     */
    public static String label(final int decade)
    {
        if (decade <= 0)
        {
            return "0%";
        }
        if (decade == 1)
        {
            return "90%";
        }
        return "99" + (decade > 2 ? "." + "9".repeat(decade - 2) : "") + "%";
    }
}
