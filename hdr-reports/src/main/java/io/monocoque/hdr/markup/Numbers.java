package io.monocoque.hdr.markup;

import java.util.Locale;

/**
 * Locale-independent number formatting for reports and plots.
 *
 * <p>All output uses {@link Locale#ROOT} so that a report written on a machine with a German or French default locale
 * still has {@code .} as its decimal separator (SVG coordinates require it).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Numbers
{
    /** Text shown where a value is missing or undefined (an em dash). */
    public static final String MISSING = "\u2014";

    private Numbers()
    {
    }

    /**
     * Formats an SVG coordinate with two decimals, e.g. {@code 123.46}.
     *
     * @param value the coordinate in pixels
     * @return the formatted coordinate
     */
    public static String coordinate(final double value)
    {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Formats a measured value for humans with about four significant digits: {@code 1234}, {@code 123.4},
     * {@code 12.35}, {@code 1.235}, {@code 0.123}; thousands are grouped ({@code 12,345}).
     *
     * @param value the value; NaN and infinities give {@link #MISSING}
     * @return the formatted value
     */
    public static String value(final double value)
    {
        if (!Double.isFinite(value))
        {
            return MISSING;
        }
        final double magnitude = Math.abs(value);
        final String pattern;
        if (magnitude >= 1000)
        {
            pattern = "%,.0f";
        }
        else if (magnitude >= 100)
        {
            pattern = "%.1f";
        }
        else if (magnitude >= 10 || magnitude == 0)
        {
            pattern = "%.2f";
        }
        else
        {
            pattern = "%.3f";
        }
        return String.format(Locale.ROOT, pattern, value);
    }

    /**
     * Formats a count with grouped thousands, e.g. {@code 1,000,000}.
     *
     * @param count the count
     * @return the formatted count
     */
    public static String count(final long count)
    {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * Formats an axis tick label with just enough decimals to tell ticks {@code step} apart, e.g. {@code 0},
     * {@code 1,500}, {@code 0.2}, {@code 0.05}. Meant for steps of the form 1, 2 or 5 times a power of ten, as
     * produced by {@code NiceScale}.
     *
     * @param value the tick value
     * @param step  the distance between ticks (positive)
     * @return the formatted tick label
     */
    public static String tick(final double value, final double step)
    {
        final int decimals = step >= 1 ? 0 : Math.min(9, (int)Math.ceil(-Math.log10(step) - 1e-9));
        final String text = String.format(Locale.ROOT, "%,." + decimals + "f", value);
        return "-0".equals(text) ? "0" : text;
    }
}
