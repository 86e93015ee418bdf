package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.CommandGroup;
import io.monocoque.cli.help.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque help [COMMAND...]}: the overview, or a command's help — {@code help bench latency} is
 * {@code bench latency -h}, nested commands included; {@code help report} and {@code help jmh} are their own
 * help. Runs on the
 * thread of {@link Cli#run}, which it calls again with the rewritten command line.
 */
@Command(name = HelpCommand.NAME,
    header = "this overview, or a command's help: help COMMAND (= COMMAND --help)",
    exitCodeList = {"0:help printed", "2:unknown command"})
public final class HelpCommand implements Callable<Integer>
{
    /** The command's name. */
    public static final String NAME = "help";
    private static final String SHORT_HELP = "-h";

    private final CommandIo io;
    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, e.g. recv or bench latency")
    private List<String> command = new ArrayList<>();

    /**
     * The command.
     *
     * @param io  the run's streams.
     * @param cli the tool, to run {@code COMMAND --help} with.
     */
    public HelpCommand(final CommandIo io, final Cli cli)
    {
        this.io = io;
        this.cli = cli;
    }

    /**
     * Print the help asked for.
     *
     * @return the exit status of {@code COMMAND --help}.
     */
    @Override
    public Integer call()
    {
        if (command.isEmpty())
        {
            spec.root().commandLine().usage(spec.root().commandLine().getOut());
            return ExitStatus.OK;
        }
        // Walk the tree first: an unknown word is bad usage of the group it was looked up in, as typed without help.
        CommandLine current = spec.root().commandLine();
        for (final String word : command)
        {
            if (!(current.getCommandSpec().userObject() instanceof CommandGroup))
            {
                break; // report and jmh take the rest as their own arguments
            }
            final CommandLine next = current.getSubcommands().get(word);
            if (next == null)
            {
                UsageErrors.report(current, ((CommandGroup)current.getCommandSpec().userObject()).unknownCommand(word),
                    () -> { }, io);
                return ExitStatus.USAGE;
            }
            current = next;
        }
        final List<String> argv = new ArrayList<>(command);
        argv.add(SHORT_HELP); // the one help flag every command understands, JMH's included
        return cli.dispatch(argv.toArray(new String[0]), io);
    }
}
