package io.monocoque.cli;

import io.monocoque.cli.bench.BenchCommand;
import io.monocoque.cli.bench.BenchAnchorCommand;
import io.monocoque.cli.bench.BenchEngineCommand;
import io.monocoque.cli.bench.BenchPollerCommand;
import io.monocoque.cli.bench.BenchLatencyCommand;
import io.monocoque.cli.bench.BenchThroughputCommand;
import io.monocoque.cli.bench.JmhCommand;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.help.HelpLayout;
import io.monocoque.cli.peer.EchoCommand;
import io.monocoque.cli.peer.RecvCommand;
import io.monocoque.cli.peer.SendCommand;
import io.monocoque.cli.report.ReportCommandAdapter;
import io.monocoque.cli.selfcheck.SelfCheckCommand;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code monocoque} tool's command tree on picocli: builds it for one run, parses the command line, runs the
 * command and turns what happened into the exit status ({@link io.monocoque.cli.command.ExitStatus}): success,
 * runtime failure (message on stderr) or bad usage (reason on stderr, see {@link UsageErrors}). Help,
 * {@code --version}, typo suggestions and the completion script are generated from the command classes'
 * annotations.
 * <p>
 * {@code jmh} is not run here when the tool runs as a process: JMH parses its own arguments and exits by itself
 * (see {@link Main}). One run per instance at a time, on the calling thread.
 */
public final class Cli
{
    /** The tool's name, as typed and as messages begin. */
    public static final String TOOL = "monocoque";

    private Cli()
    {
    }

    /**
     * The tool with all its commands.
     *
     * @return the dispatcher.
     */
    public static Cli standard()
    {
        return new Cli();
    }

    /**
     * Run one command line on the calling thread.
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
            io.markFinished();
        }
    }

    /**
     * Run one command line on a fresh tree, without marking the run finished: for {@link HelpCommand}, which
     * runs {@code COMMAND --help} inside a run.
     *
     * @param argv the arguments after the tool name.
     * @param io   streams and stop request.
     * @return the exit status.
     */
    int dispatch(final String[] argv, final CommandIo io)
    {
        final PrintWriter out = writer(io.out());
        final PrintWriter err = writer(io.err());
        try
        {
            return tree(io, out, err).execute(helpFirst(argv));
        }
        finally
        {
            out.flush();
            err.flush();
            io.out().flush();
            io.err().flush();
        }
    }

    private CommandLine tree(final CommandIo io, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine root = new CommandLine(new MonocoqueCommand(io));
        root.addSubcommand(new RecvCommand(io));
        root.addSubcommand(new SendCommand(io));
        root.addSubcommand(new EchoCommand(io));
        final CommandLine bench = new CommandLine(new BenchCommand(io));
        bench.addSubcommand(new BenchLatencyCommand(io));
        bench.addSubcommand(new BenchThroughputCommand(io));
        bench.addSubcommand(new BenchEngineCommand(io));
        bench.addSubcommand(new BenchAnchorCommand(io));
        bench.addSubcommand(new BenchPollerCommand(io));
        root.addSubcommand(bench);
        // report and jmh parse their own arguments, --help included: picocli hands them everything untouched.
        root.addSubcommand(new CommandLine(new ReportCommandAdapter(io)).setStopAtUnmatched(true));
        root.addSubcommand(new CommandLine(new JmhCommand()).setStopAtUnmatched(true));
        root.addSubcommand(new SelfCheckCommand(io));
        root.addSubcommand(new CompletionCommand(io));
        root.addSubcommand(new HelpCommand(io, this));

        // Arguments are taken as typed: '@file' is a value (a subscription prefix may start with '@'), not a file
        // of arguments.
        root.setExpandAtFiles(false);
        root.setOut(out);
        root.setErr(err);
        root.setParameterExceptionHandler(new UsageErrors(io));
        root.setExecutionExceptionHandler(new Failures(io));
        HelpLayout.apply(root);
        return root;
    }

    /** {@code --help COMMAND...} asks for that command's help, as {@code help COMMAND...} does. */
    private static String[] helpFirst(final String[] argv)
    {
        if (argv.length > 1 && UsageErrors.isHelp(argv[0]) && !UsageErrors.isHelp(argv[1]))
        {
            final String[] rewritten = new String[argv.length];
            rewritten[0] = HelpCommand.NAME;
            System.arraycopy(argv, 1, rewritten, 1, argv.length - 1);
            return rewritten;
        }
        return Arrays.copyOf(argv, argv.length);
    }

    private static PrintWriter writer(final PrintStream stream)
    {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
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
}
