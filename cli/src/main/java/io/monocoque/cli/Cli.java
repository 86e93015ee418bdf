package io.monocoque.cli;

import io.monocoque.cli.bench.BenchEngineCommand;
import io.monocoque.cli.bench.BenchLatencyCommand;
import io.monocoque.cli.bench.BenchThroughputCommand;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.cli.options.UsageException;
import io.monocoque.cli.peer.EchoCommand;
import io.monocoque.cli.peer.RecvCommand;
import io.monocoque.cli.peer.SendCommand;
import io.monocoque.cli.report.ReportCommandAdapter;
import io.monocoque.cli.selfcheck.SelfCheckCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code monocoque} tool's dispatcher: finds the subcommand, answers {@code --help}, runs it and turns what
 * happened into the exit status — {@value #EXIT_OK} success, {@value #EXIT_FAILURE} runtime failure (message on
 * stderr), {@value #EXIT_USAGE} bad usage (reason on stderr).
 * <p>
 * {@code jmh} is not dispatched here: JMH parses its own arguments and exits by itself (see
 * {@link Main}).
 */
public final class Cli
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** Runtime failure: timeout, no peer, unsupported feature, I/O error. */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage: unknown command or option, missing or malformed value. */
    public static final int EXIT_USAGE = 2;

    private static final String TOOL = "monocoque";

    private final List<Command> commands;

    /**
     * A dispatcher over the given commands.
     *
     * @param commands every subcommand.
     */
    public Cli(final List<Command> commands)
    {
        this.commands = new ArrayList<>(commands);
    }

    /**
     * The tool with all its commands.
     *
     * @return the dispatcher.
     */
    public static Cli standard()
    {
        return new Cli(List.of(
            new RecvCommand(),
            new SendCommand(),
            new EchoCommand(),
            new BenchLatencyCommand(),
            new BenchThroughputCommand(),
            new BenchEngineCommand(),
            new ReportCommandAdapter(),
            new SelfCheckCommand()));
    }

    /**
     * Run one command line.
     *
     * @param argv the arguments after the tool name.
     * @param io   streams and stop request.
     * @return the exit status.
     */
    public int run(final String[] argv, final CommandIo io)
    {
        try
        {
            return dispatch(argv, io);
        }
        finally
        {
            io.out().flush();
            io.err().flush();
            io.markFinished();
        }
    }

    private int dispatch(final String[] argv, final CommandIo io)
    {
        final PrintStream err = io.err();
        if (argv.length == 0)
        {
            err.println(TOOL + ": no command given");
            overview(err);
            return EXIT_USAGE;
        }
        if (isHelp(argv[0]) || "help".equals(argv[0]))
        {
            if (argv.length > 1 && !isHelp(argv[1]))
            {
                // "monocoque help recv" = "monocoque recv --help"
                return dispatch(withHelp(Arrays.copyOfRange(argv, 1, argv.length)), io);
            }
            overview(io.out());
            return EXIT_OK;
        }
        Command command = null;
        int consumed = 0;
        for (final Command candidate : commands)
        {
            final String[] words = candidate.name().split(" ");
            if (argv.length >= words.length && Arrays.equals(words, Arrays.copyOf(argv, words.length)))
            {
                if (command == null || words.length > consumed)
                {
                    command = candidate;
                    consumed = words.length;
                }
            }
        }
        if (command == null)
        {
            return unknownCommand(argv, io);
        }
        final String[] args = Arrays.copyOfRange(argv, consumed, argv.length);
        if (!(command instanceof PassThroughHelp) && Arrays.stream(args).anyMatch(Cli::isHelp))
        {
            io.out().print(command.usage());
            return EXIT_OK;
        }
        return execute(command, args, io);
    }

    private int unknownCommand(final String[] argv, final CommandIo io)
    {
        final PrintStream err = io.err();
        if ("bench".equals(argv[0]))
        {
            if (argv.length == 1 || isHelp(argv[1]))
            {
                final PrintStream stream = argv.length == 1 ? err : io.out();
                if (argv.length == 1)
                {
                    err.println(TOOL + " bench: which benchmark? (latency, throughput, engine)");
                }
                benchOverview(stream);
                return argv.length == 1 ? EXIT_USAGE : EXIT_OK;
            }
            err.println(TOOL + " bench: unknown benchmark '" + argv[1] + "' (latency, throughput, engine)");
            err.println("Try '" + TOOL + " bench --help'.");
            return EXIT_USAGE;
        }
        err.println(TOOL + ": unknown command '" + argv[0] + "'");
        err.println("Try '" + TOOL + " --help'.");
        return EXIT_USAGE;
    }

    private static int execute(final Command command, final String[] args, final CommandIo io)
    {
        final PrintStream err = io.err();
        final String prefix = TOOL + " " + command.name() + ": ";
        try
        {
            return command.run(args, io);
        }
        catch (final UsageException ex)
        {
            err.println(prefix + ex.getMessage());
            err.println("Try '" + TOOL + " " + command.name() + " --help'.");
            return EXIT_USAGE;
        }
        catch (final CommandFailedException | BenchmarkFailedException ex)
        {
            err.println(prefix + ex.getMessage());
            if (ex.getCause() != null && System.getenv("MONOCOQUE_DEBUG") != null)
            {
                ex.getCause().printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
        catch (final UnsupportedOperationException ex)
        {
            err.println(prefix + "not supported: " + ex.getMessage());
            return EXIT_FAILURE;
        }
        catch (final Exception ex)
        {
            err.println(prefix + "failed: " + describe(ex));
            if (System.getenv("MONOCOQUE_DEBUG") != null)
            {
                ex.printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
    }

    /**
     * A throwable as one line: its message, or its class when it has none, and the causes' messages.
     *
     * @param failure the throwable.
     * @return the description.
     */
    public static String describe(final Throwable failure)
    {
        final StringBuilder text = new StringBuilder();
        Throwable current = failure;
        while (current != null && text.length() < 1000)
        {
            if (text.length() > 0)
            {
                text.append(": ");
            }
            final String message = current.getMessage();
            text.append(message == null || message.isEmpty() ? current.getClass().getSimpleName() : message);
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }

    private static boolean isHelp(final String arg)
    {
        return "--help".equals(arg) || "-h".equals(arg);
    }

    private static String[] withHelp(final String[] args)
    {
        final String[] result = Arrays.copyOf(args, args.length + 1);
        result[args.length] = "--help";
        return result;
    }

    private void overview(final PrintStream out)
    {
        out.println("usage: " + TOOL + " COMMAND [OPTIONS]      (" + TOOL + " COMMAND --help explains every option)");
        out.println();
        out.println("ZeroMQ peer tools (interoperate with libzmq, JeroMQ and any ZMTP 3.x peer):");
        print(out, "recv", "send", "echo");
        out.println();
        out.println("Benchmarks and reports:");
        print(out, "bench latency", "bench throughput", "bench engine", "report");
        out.printf("  %-18s %s%n", "jmh [ARGS]", "run the JMH micro-benchmarks (jmh -h: JMH's options; jmh -l: list)");
        out.println();
        out.println("Other:");
        print(out, "selfcheck");
        out.printf("  %-18s %s%n", "--help", "this text");
        out.println();
        out.println("Exit status: 0 success, 1 runtime failure (message on stderr), 2 bad usage (reason on stderr).");
        out.println("Environment: MONOCOQUE_JVM_OPTS replaces the launcher's JVM options (default -Xms1g -Xmx1g);");
        out.println("             MONOCOQUE_DEBUG=1 prints stack traces of failures.");
    }

    private void benchOverview(final PrintStream out)
    {
        out.println("usage: " + TOOL + " bench latency|throughput|engine [OPTIONS]");
        print(out, "bench latency", "bench throughput", "bench engine");
        out.println("'" + TOOL + " bench NAME --help' explains every option.");
    }

    private void print(final PrintStream out, final String... names)
    {
        for (final String name : names)
        {
            for (final Command command : commands)
            {
                if (command.name().equals(name))
                {
                    out.printf("  %-18s %s%n", name, command.summary());
                }
            }
        }
    }

    /**
     * Marks a command that handles {@code --help} itself (it receives its arguments untouched).
     */
    public interface PassThroughHelp
    {
    }
}
