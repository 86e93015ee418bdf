package io.monocoque.cli;

import io.monocoque.cli.bench.JmhCommand;
import io.monocoque.cli.command.CommandIo;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the executable jar ({@code cli/target/monocoque-cli.jar}), run by the {@code monocoque}
 * launcher at the repository root: {@code monocoque --help} lists the commands, {@code monocoque COMMAND --help}
 * explains each. {@link Cli} runs them; {@code jmh} hands its arguments to JMH before anything else is set up,
 * since JMH exits by itself.
 * <p>
 * Exit status: 0 success, 1 runtime failure, 2 bad usage. SIGTERM and Ctrl-C ask a running command to stop: it
 * flushes its output and closes its sockets (the shutdown hook waits up to {@value #STOP_GRACE_MS} ms for it).
 */
public final class Main
{
    private static final long STOP_GRACE_MS = 3_000;
    private static final int STDOUT_BUFFER = 64 * 1024;

    private Main()
    {
    }

    /**
     * Run a command line and exit with its status.
     *
     * @param args the command and its arguments.
     * @throws Exception if JMH fails in a way it does not report itself.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && JmhCommand.NAME.equals(args[0]))
        {
            JmhCommand.runJmh(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // Buffered stdout: the commands flush when a message or a table is complete, not per write.
        final PrintStream out = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), STDOUT_BUFFER), false);
        final CommandIo io = new CommandIo(System.in, out, System.err);
        final Thread hook = new Thread(() -> stop(io), "monocoque-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final int status = Cli.standard().run(args, io);
        out.flush();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // Already shutting down (SIGTERM): the hook is waiting for us; exit below blocks until it is done.
        }
        System.exit(status);
    }

    private static void stop(final CommandIo io)
    {
        io.requestStop();
        try
        {
            io.awaitFinished(STOP_GRACE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        io.out().flush();
    }
}
