package io.monocoque.cli.command;

import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line a user typed, rebuilt for result files and reports: the tool's name and the original arguments,
 * each quoted for a POSIX shell where it needs it, so the line can be pasted to run the same thing again.
 * Stateless; any thread.
 */
public final class CommandLines
{
    /** Arguments made only of these characters need no quotes in a shell. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandLines()
    {
    }

    /**
     * The command line of the invocation being run.
     *
     * @param spec the running command's spec (picocli fills it in).
     * @return e.g. {@code monocoque bench latency --impl monocoque,jeromq}.
     */
    public static String of(final CommandSpec spec)
    {
        return of(spec.root().name(), spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * A command line from arguments.
     *
     * @param tool the tool's name.
     * @param args the arguments after it.
     * @return the line.
     */
    public static String of(final String tool, final List<String> args)
    {
        final StringBuilder line = new StringBuilder(tool);
        for (final String arg : args)
        {
            line.append(' ').append(quoted(arg));
        }
        return line.toString();
    }

    private static String quoted(final String arg)
    {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
