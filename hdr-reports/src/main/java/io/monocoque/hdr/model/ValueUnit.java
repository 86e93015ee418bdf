package io.monocoque.hdr.model;

import java.util.Locale;

/**
 * The time unit in which a histogram file's values were recorded or written. Reports always show microseconds, so
 * every reader converts with {@link #toMicros(double)}.
 *
 * <p>The conversion divides or multiplies by an exact power of ten, so nanoseconds become microseconds exactly as
 * HdrHistogram's {@code outputPercentileDistribution(out, 1000.0)} computes them ({@code value / 1000.0}).
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public enum ValueUnit
{
    /** Nanoseconds: divided by 1000 to give microseconds. */
    NANOSECONDS("ns", 1, 1000),
    /** Microseconds: taken as they are. */
    MICROSECONDS("\u00B5s", 1, 1),
    /** Milliseconds: multiplied by 1000 to give microseconds. */
    MILLISECONDS("ms", 1000, 1),
    /** Seconds: multiplied by 1,000,000 to give microseconds. */
    SECONDS("s", 1_000_000, 1);

    /** The unit label that reports use for every value ({@code "µs"}). */
    public static final String REPORT_UNIT = "\u00B5s";

    private final String symbol;
    private final double multiplier;
    private final double divisor;

    ValueUnit(final String symbol, final double multiplier, final double divisor)
    {
        this.symbol = symbol;
        this.multiplier = multiplier;
        this.divisor = divisor;
    }

    /**
     * Returns the unit's short symbol: {@code ns}, {@code µs}, {@code ms} or {@code s}.
     *
     * @return the symbol
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * Converts a value in this unit to microseconds.
     *
     * @param value a value in this unit
     * @return the same duration in microseconds
     */
    public double toMicros(final double value)
    {
        if (divisor != 1)
        {
            return value / divisor;
        }
        return multiplier == 1 ? value : value * multiplier;
    }

    /**
     * Parses a unit name as typed on a command line: {@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, or
     * the enum name / its singular ({@code nanoseconds}, {@code microsecond}, ...), case-insensitively.
     *
     * @param text the unit name
     * @return the unit
     * @throws IllegalArgumentException if {@code text} names no unit
     */
    public static ValueUnit parse(final String text)
    {
        final String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (key)
        {
            case "ns", "nanos", "nanosecond", "nanoseconds" -> NANOSECONDS;
            case "us", "\u00B5s", "\u03BCs", "micros", "microsecond", "microseconds" -> MICROSECONDS;
            case "ms", "millis", "millisecond", "milliseconds" -> MILLISECONDS;
            case "s", "sec", "second", "seconds" -> SECONDS;
            default -> throw new IllegalArgumentException("unknown unit '" + text + "' (expected ns, us, ms or s)");
        };
    }
}
