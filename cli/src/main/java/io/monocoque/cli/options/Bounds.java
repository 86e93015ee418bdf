package io.monocoque.cli.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.util.List;

/**
 * Range checks on converted option values, failing with a {@link UsageException} that names the option, the limit
 * and the value as typed. The limits depend on the command (a count of 0 makes sense for a warm-up, not for a
 * run), so they are checked by the command once parsing is done, on the command's thread.
 */
public final class Bounds
{
    private Bounds()
    {
    }

    /**
     * A value that must be at least a minimum, or a default when the option was not given.
     *
     * @param option       the option's name, e.g. {@code --count}.
     * @param value        the converted value, or null when absent.
     * @param defaultValue returned when absent (not checked).
     * @param min          the smallest accepted value.
     * @return the value.
     * @throws UsageException e.g. {@code --count must be at least 1: 0}.
     */
    public static long atLeast(final String option, final Long value, final long defaultValue, final long min)
    {
        if (value == null)
        {
            return defaultValue;
        }
        if (value < min)
        {
            throw new UsageException(option + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /**
     * A value within a range, or a default when the option was not given.
     *
     * @param spec         the command, whose parse result holds the value as typed.
     * @param option       the option's name, e.g. {@code --size}.
     * @param value        the converted value, or null when absent.
     * @param defaultValue returned when absent (not checked).
     * @param min          the smallest accepted value.
     * @param max          the largest accepted value.
     * @return the value.
     * @throws UsageException e.g. {@code --size must be at most 100: 1k}.
     */
    public static long within(final CommandSpec spec, final String option, final Long value, final long defaultValue,
        final long min, final long max)
    {
        final long checked = atLeast(option, value, defaultValue, min);
        if (value != null && checked > max)
        {
            throw new UsageException(option + " must be at most " + max + ": " + typed(spec, option, value));
        }
        return checked;
    }

    private static String typed(final CommandSpec spec, final String option, final long value)
    {
        final ParseResult parsed = spec.commandLine().getParseResult();
        final List<String> texts = parsed == null || !parsed.hasMatchedOption(option) ?
            List.of() : parsed.matchedOption(option).originalStringValues();
        return texts.isEmpty() ? Long.toString(value) : texts.get(texts.size() - 1);
    }
}
