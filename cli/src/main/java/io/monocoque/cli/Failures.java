package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.BenchmarkFailedException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.io.PrintStream;

/**
 * What a command threw, reported the tool's way: a {@link UsageException} is bad usage ({@link UsageErrors}, exit
 * status {@value ExitStatus#USAGE}); an expected failure ({@link CommandFailedException}, a benchmark's
 * {@link BenchmarkFailedException}) prints {@code monocoque COMMAND: MESSAGE}; anything else prints
 * {@code monocoque COMMAND: failed: ...} with its causes. Those exit with {@value ExitStatus#FAILURE}, with a stack
 * trace when {@code MONOCOQUE_DEBUG} is set. Runs on the thread of {@link Cli#run}.
 */
final class Failures implements IExecutionExceptionHandler
{
    private static final String DEBUG = "MONOCOQUE_DEBUG";

    private final CommandIo io;

    Failures(final CommandIo io)
    {
        this.io = io;
    }

    @Override
    public int handleExecutionException(final Exception ex, final CommandLine command, final ParseResult parsed)
    {
        if (ex instanceof UsageException)
        {
            UsageErrors.report(command, ex.getMessage(), () -> { }, io);
            return ExitStatus.USAGE;
        }
        final PrintStream err = io.err();
        final String prefix = command.getCommandSpec().qualifiedName() + ": ";
        final boolean debug = System.getenv(DEBUG) != null;
        if (ex instanceof CommandFailedException || ex instanceof BenchmarkFailedException)
        {
            err.println(prefix + ex.getMessage());
            if (ex.getCause() != null && debug)
            {
                ex.getCause().printStackTrace(err);
            }
        }
        else if (ex instanceof UnsupportedOperationException)
        {
            err.println(prefix + "not supported: " + ex.getMessage());
        }
        else
        {
            err.println(prefix + "failed: " + Cli.describe(ex));
            if (debug)
            {
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return ExitStatus.FAILURE;
    }
}
