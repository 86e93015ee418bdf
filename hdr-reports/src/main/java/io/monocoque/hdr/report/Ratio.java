package io.monocoque.hdr.report;

import java.util.Locale;

import io.monocoque.hdr.markup.Numbers;

/**
 * Formats the ratio of a value to the first run's value, e.g. {@code 1.00×} or {@code 2.31×}, and classifies it for
 * colouring (for latency, higher is worse).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Ratio
{
    /** Ratios within this factor of 1 count as "same". */
    public static final double TOLERANCE = 0.05;

    private Ratio()
    {
    }

    /**
     * Returns {@code value / base}.
     *
     * @param value the value
     * @param base  the first run's value
     * @return the ratio, or NaN when either is undefined or {@code base} is 0
     */
    public static double of(final double value, final double base)
    {
        if (!Double.isFinite(value) || !Double.isFinite(base) || base == 0)
        {
            return Double.NaN;
        }
        return value / base;
    }

    /**
     * Formats a ratio with two decimals and a multiplication sign: {@code 2.31×}.
     *
     * @param ratio the ratio
     * @return the text, or an em dash for NaN
     */
    public static String format(final double ratio)
    {
        if (!Double.isFinite(ratio))
        {
            return Numbers.MISSING;
        }
        return String.format(Locale.ROOT, "%.2f\u00D7", ratio);
    }

    /**
     * Returns the CSS class of a ratio: {@code worse} above 1 + {@link #TOLERANCE}, {@code better} below
     * 1 − {@link #TOLERANCE}, otherwise {@code same}.
     *
     * @param ratio the ratio
     * @return the class name
     */
    public static String cssClass(final double ratio)
    {
        if (!Double.isFinite(ratio))
        {
            return "same";
        }
        if (ratio > 1 + TOLERANCE)
        {
            return "worse";
        }
        return ratio < 1 - TOLERANCE ? "better" : "same";
    }
}
