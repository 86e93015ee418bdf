package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.CommandGroup;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Bad usage, reported the tool's way: {@code monocoque COMMAND: REASON} on stderr, picocli's typo suggestions if
 * it has any, then {@code Try 'monocoque COMMAND --help'.}, exit status {@value ExitStatus#USAGE}. picocli's
 * parse errors are put in the tool's words ({@code unknown option '--nope'}, {@code --count needs a value},
 * {@code --idle: unknown value 'spin' (busy, yield, backoff)}); a command's own checks throw
 * {@link io.monocoque.cli.options.UsageException} and come here through {@link Failures}.
 * <p>
 * {@code --help} anywhere on a leaf command's line wins over its errors: the help is printed and the exit status
 * is 0, so that a half-typed command line can always ask for help. Runs on the thread of {@link Cli#run}.
 */
final class UsageErrors implements IParameterExceptionHandler
{
    private final CommandIo io;

    UsageErrors(final CommandIo io)
    {
        this.io = io;
    }

    @Override
    public int handleParseException(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        if (!isGroup(command) && Arrays.stream(args).anyMatch(UsageErrors::isHelp))
        {
            command.usage(command.getOut());
            command.getOut().flush();
            return ExitStatus.OK;
        }
        final PrintWriter suggestions = command.getErr();
        report(command, reason(ex), () -> UnmatchedArgumentException.printSuggestions(ex, suggestions));
        return ExitStatus.USAGE;
    }

    /**
     * Print a usage error of a command.
     *
     * @param command     the command whose usage was wrong.
     * @param reason      what was wrong.
     * @param suggestions prints typo suggestions, if any, on the command's error writer.
     * @param io          the run's streams.
     */
    static void report(final CommandLine command, final String reason, final Runnable suggestions, final CommandIo io)
    {
        final PrintStream err = io.err();
        err.println(command.getCommandSpec().qualifiedName() + ": " + reason);
        err.flush();
        suggestions.run();
        command.getErr().flush();
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
    }

    private void report(final CommandLine command, final String reason, final Runnable suggestions)
    {
        report(command, reason, suggestions, io);
    }

    /**
     * Whether an argument asks for help.
     *
     * @param arg the argument.
     * @return true for {@code --help} and {@code -h}.
     */
    static boolean isHelp(final String arg)
    {
        return "--help".equals(arg) || "-h".equals(arg);
    }

    private static boolean isGroup(final CommandLine command)
    {
        return command.getCommandSpec().userObject() instanceof CommandGroup;
    }

    private static String reason(final ParameterException ex)
    {
        if (ex instanceof UnmatchedArgumentException)
        {
            return unmatched((UnmatchedArgumentException)ex);
        }
        if (ex instanceof MissingParameterException)
        {
            final MissingParameterException missing = (MissingParameterException)ex;
            if (!missing.getMissing().isEmpty() && missing.getMissing().get(0) instanceof OptionSpec)
            {
                return name(missing.getMissing().get(0)) + " needs a value";
            }
        }
        if (ex instanceof OverwrittenOptionException)
        {
            return name(((OverwrittenOptionException)ex).getOverwritten()) + " given more than once";
        }
        final ArgSpec arg = ex.getArgSpec();
        if (arg instanceof OptionSpec)
        {
            final OptionSpec option = (OptionSpec)arg;
            if (option.arity().max() == 0)
            {
                return option.longestName() + " takes no value"; // picocli would take --hex=true, but not 'yes'
            }
            if (ex.getCause() instanceof TypeConversionException)
            {
                return option.longestName() + ": " + ex.getCause().getMessage();
            }
        }
        return ex.getMessage();
    }

    private static String unmatched(final UnmatchedArgumentException ex)
    {
        final String first = ex.getUnmatched().isEmpty() ? "" : ex.getUnmatched().get(0);
        final Object command = ex.getCommandLine().getCommandSpec().userObject();
        if (first.startsWith("--"))
        {
            final int equals = first.indexOf('=');
            return "unknown option '" + (equals < 0 ? first : first.substring(0, equals)) + "'";
        }
        if (command instanceof CommandGroup)
        {
            return ((CommandGroup)command).unknownCommand(first);
        }
        return "unexpected argument '" + first + "'" +
            (first.startsWith("-") && first.length() > 1 ? " (options start with --)" : "");
    }

    private static String name(final ArgSpec arg)
    {
        return arg instanceof OptionSpec ? ((OptionSpec)arg).longestName() : arg.paramLabel();
    }
}
