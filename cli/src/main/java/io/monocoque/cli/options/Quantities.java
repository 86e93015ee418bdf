package io.monocoque.cli.options;

import java.util.Locale;

/**
 * How the command line writes numbers: an integer with underscores allowed ({@code 100_000}) and an optional
 * suffix, decimal for counts and times ({@code k} = 10^3, {@code m} = 10^6: {@code 100k}, {@code 10m}) and binary
 * for sizes ({@code k}/{@code KiB} = 1024, {@code m}/{@code MiB} = 1024²: {@code 64k}). Stateless; any thread.
 */
public final class Quantities
{
    /** The unit of the decimal suffixes. */
    public static final long DECIMAL = 1000;
    /** The unit of the binary suffixes. */
    public static final long BINARY = 1024;

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final int BINARY_SUFFIX_LENGTH = 3;

    private Quantities()
    {
    }

    /**
     * A count or a time: decimal suffixes.
     *
     * @param text e.g. {@code 100k}.
     * @return the value, e.g. 100,000.
     * @throws IllegalArgumentException saying what is wrong with the text, e.g. {@code 'ten' is not a number}.
     */
    public static long decimal(final String text)
    {
        return parse(text, DECIMAL);
    }

    /**
     * A size in bytes: binary suffixes.
     *
     * @param text e.g. {@code 64k} or {@code 1MiB}.
     * @return the value, e.g. 65,536.
     * @throws IllegalArgumentException saying what is wrong with the text.
     */
    public static long binary(final String text)
    {
        return parse(text, BINARY);
    }

    private static long parse(final String text, final long unit)
    {
        String digits = text.trim().replace("_", "");
        long scale = 1;
        final String lower = digits.toLowerCase(Locale.ROOT);
        if (lower.endsWith("kib") || lower.endsWith("mib"))
        {
            // KiB and MiB are binary whatever the option's unit.
            scale = lower.charAt(lower.length() - BINARY_SUFFIX_LENGTH) == 'k' ? KIB : MIB;
            digits = digits.substring(0, digits.length() - BINARY_SUFFIX_LENGTH);
        }
        else if (lower.endsWith("k") || lower.endsWith("m"))
        {
            scale = lower.endsWith("k") ? unit : unit * unit;
            digits = digits.substring(0, digits.length() - 1);
        }
        final long value;
        try
        {
            value = Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a number", ex);
        }
        if (value != 0 && Math.abs(value) > Long.MAX_VALUE / scale)
        {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value * scale;
    }
}
