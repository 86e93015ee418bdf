package io.monocoque.cli.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small command-line parser: declare the options a command takes, then {@link #parse(String[])} its arguments.
 * Options are {@code --name value} or {@code --name=value}; flags take no value; repeatable options keep every
 * value in the order given. Anything else (unknown option, missing value, a single-valued option given twice, a
 * positional argument, a malformed number) is a {@link UsageException} whose message names the problem.
 * <pre>{@code
 * Args args = new Args("recv").single("--type").repeatable("--bind").flag("--hex").parse(argv);
 * long count = args.count("--count", 0);
 * }</pre>
 */
public final class Args
{
    private enum Kind
    {
        FLAG, SINGLE, REPEATABLE
    }

    /** One option occurrence, in command-line order. */
    public static final class Entry
    {
        private final String name;
        private final String value;

        Entry(final String name, final String value)
        {
            this.name = name;
            this.value = value;
        }

        /**
         * Option name with its dashes.
         *
         * @return e.g. {@code --bind}.
         */
        public String name()
        {
            return name;
        }

        /**
         * Its value ({@code null} for a flag).
         *
         * @return the value.
         */
        public String value()
        {
            return value;
        }
    }

    private final String command;
    private final Map<String, Kind> declared = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * Start declaring the options of a command.
     *
     * @param command the command's name, for messages.
     */
    public Args(final String command)
    {
        this.command = command;
    }

    /**
     * Declare a flag (no value).
     *
     * @param name e.g. {@code --hex}.
     * @return this.
     */
    public Args flag(final String name)
    {
        declared.put(name, Kind.FLAG);
        return this;
    }

    /**
     * Declare an option taking one value, given at most once.
     *
     * @param name e.g. {@code --count}.
     * @return this.
     */
    public Args single(final String name)
    {
        declared.put(name, Kind.SINGLE);
        return this;
    }

    /**
     * Declare an option taking one value, which may be given several times.
     *
     * @param name e.g. {@code --bind}.
     * @return this.
     */
    public Args repeatable(final String name)
    {
        declared.put(name, Kind.REPEATABLE);
        return this;
    }

    /**
     * Parse arguments against the declared options.
     *
     * @param argv the arguments after the command name.
     * @return this.
     * @throws UsageException naming the first problem.
     */
    public Args parse(final String[] argv)
    {
        for (int i = 0; i < argv.length; i++)
        {
            final String arg = argv[i];
            if (!arg.startsWith("--"))
            {
                throw new UsageException("unexpected argument '" + arg + "'" +
                    (arg.startsWith("-") && arg.length() > 1 ? " (options start with --)" : ""));
            }
            final int equals = arg.indexOf('=');
            final String name = equals < 0 ? arg : arg.substring(0, equals);
            final Kind kind = declared.get(name);
            if (kind == null)
            {
                throw new UsageException("unknown option '" + name + "'");
            }
            String value = null;
            if (kind == Kind.FLAG)
            {
                if (equals >= 0)
                {
                    throw new UsageException(name + " takes no value");
                }
            }
            else if (equals >= 0)
            {
                value = arg.substring(equals + 1);
            }
            else if (i + 1 < argv.length && !isOption(argv[i + 1]))
            {
                value = argv[++i];
            }
            else
            {
                throw new UsageException(name + " needs a value");
            }
            if (kind == Kind.SINGLE && has(name))
            {
                throw new UsageException(name + " given more than once");
            }
            entries.add(new Entry(name, value));
        }
        return this;
    }

    private boolean isOption(final String arg)
    {
        // "--x" is an option; "-5" or "-" is a value (e.g. a negative number).
        return arg.startsWith("--") && arg.length() > 2;
    }

    /**
     * The command name given at construction.
     *
     * @return the name.
     */
    public String command()
    {
        return command;
    }

    /**
     * Whether an option or flag was given.
     *
     * @param name the option.
     * @return true if present at least once.
     */
    public boolean has(final String name)
    {
        for (final Entry entry : entries)
        {
            if (entry.name.equals(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of a single-valued option.
     *
     * @param name the option.
     * @return its value, or null if absent.
     */
    public String get(final String name)
    {
        String value = null;
        for (final Entry entry : entries)
        {
            if (entry.name.equals(name))
            {
                value = entry.value;
            }
        }
        return value;
    }

    /**
     * The value of an option, or a default.
     *
     * @param name         the option.
     * @param defaultValue returned when absent.
     * @return the value.
     */
    public String get(final String name, final String defaultValue)
    {
        final String value = get(name);
        return value == null ? defaultValue : value;
    }

    /**
     * Every value of a repeatable option, in order.
     *
     * @param name the option.
     * @return the values (empty if absent).
     */
    public List<String> all(final String name)
    {
        final List<String> values = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if (entry.name.equals(name))
            {
                values.add(entry.value);
            }
        }
        return values;
    }

    /**
     * The occurrences of any of several options, in command-line order (e.g. {@code --bind} and {@code --connect}).
     *
     * @param names the options.
     * @return the entries.
     */
    public List<Entry> inOrder(final String... names)
    {
        final List<Entry> result = new ArrayList<>();
        for (final Entry entry : entries)
        {
            for (final String name : names)
            {
                if (entry.name.equals(name))
                {
                    result.add(entry);
                }
            }
        }
        return result;
    }

    /**
     * A count: a non-negative integer, optionally with a decimal suffix {@code k} (×1,000) or {@code m}
     * (×1,000,000), underscores allowed ({@code 100_000}, {@code 100k}).
     *
     * @param name         the option.
     * @param defaultValue returned when absent.
     * @param min          smallest accepted value.
     * @return the value.
     */
    public long count(final String name, final long defaultValue, final long min)
    {
        final String text = get(name);
        if (text == null)
        {
            return defaultValue;
        }
        final long value = parseScaled(name, text, 1000);
        return atLeast(name, value, min);
    }

    /**
     * A size in bytes: an integer, optionally with a binary suffix {@code k}/{@code KiB} (×1024) or
     * {@code m}/{@code MiB} (×1024²).
     *
     * @param name         the option.
     * @param defaultValue returned when absent.
     * @param min          smallest accepted value.
     * @param max          largest accepted value.
     * @return the value.
     */
    public int bytes(final String name, final int defaultValue, final int min, final int max)
    {
        final String text = get(name);
        if (text == null)
        {
            return defaultValue;
        }
        final long value = atLeast(name, parseScaled(name, text, 1024), min);
        if (value > max)
        {
            throw new UsageException(name + " must be at most " + max + ": " + text);
        }
        return (int)value;
    }

    /**
     * A number of milliseconds or another plain non-negative integer.
     *
     * @param name         the option.
     * @param defaultValue returned when absent.
     * @param min          smallest accepted value.
     * @return the value.
     */
    public long number(final String name, final long defaultValue, final long min)
    {
        final String text = get(name);
        if (text == null)
        {
            return defaultValue;
        }
        return atLeast(name, parseScaled(name, text, 1000), min);
    }

    /**
     * One of a fixed set of words, case-insensitive.
     *
     * @param name         the option.
     * @param defaultValue returned when absent.
     * @param choices      accepted values, lower case.
     * @return the value, lower case.
     */
    public String choice(final String name, final String defaultValue, final String... choices)
    {
        final String text = get(name);
        if (text == null)
        {
            return defaultValue;
        }
        final String lower = text.toLowerCase(Locale.ROOT);
        for (final String choice : choices)
        {
            if (choice.equals(lower))
            {
                return choice;
            }
        }
        throw new UsageException(name + ": unknown value '" + text + "' (" + String.join(", ", choices) + ")");
    }

    private static long atLeast(final String name, final long value, final long min)
    {
        if (value < min)
        {
            throw new UsageException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    static long parseScaled(final String name, final String text, final long unit)
    {
        String digits = text.trim().replace("_", "");
        long scale = 1;
        final String lower = digits.toLowerCase(Locale.ROOT);
        if (lower.endsWith("kib") || lower.endsWith("mib"))
        {
            scale = lower.charAt(lower.length() - 3) == 'k' ? 1024 : 1024 * 1024;
            digits = digits.substring(0, digits.length() - 3);
        }
        else if (lower.endsWith("k") || lower.endsWith("m"))
        {
            scale = lower.endsWith("k") ? unit : unit * unit;
            digits = digits.substring(0, digits.length() - 1);
        }
        try
        {
            final long value = Long.parseLong(digits);
            if (value != 0 && Math.abs(value) > Long.MAX_VALUE / scale)
            {
                throw new UsageException(name + ": '" + text + "' is too large");
            }
            return value * scale;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(name + ": '" + text + "' is not a number");
        }
    }
}
