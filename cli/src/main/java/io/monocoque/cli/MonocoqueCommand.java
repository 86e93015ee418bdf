package io.monocoque.cli;

import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.CommandGroup;
import io.monocoque.cli.help.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque} itself: the group of every command, {@code --version}, and the overview its help prints.
 * Without a command it is bad usage: the reason and the overview go to stderr. Runs on the thread of
 * {@link Cli#run}.
 */
@Command(name = Cli.TOOL,
    customSynopsis = "monocoque COMMAND [OPTIONS]      (monocoque COMMAND --help explains every option)",
    versionProvider = VersionProvider.class,
    exitCodeList = {
        "0:success",
        "1:runtime failure (message on stderr)",
        "2:bad usage (reason on stderr)"},
    footer = {
        "Environment: MONOCOQUE_JVM_OPTS replaces the launcher's JVM options (default -Xms1g -Xmx1g);",
        "             MONOCOQUE_DEBUG=1 prints stack traces of failures.",
        "Completion:  source <(monocoque completion)   (bash)"})
public final class MonocoqueCommand implements Callable<Integer>, CommandGroup
{
    private static final List<Section> SECTIONS = List.of(
        new Section("ZeroMQ peer tools (interoperate with libzmq, JeroMQ and any ZMTP 3.x peer):",
            List.of("recv", "send", "echo")),
        new Section("Benchmarks and reports:",
            List.of("bench latency", "bench throughput", "bench engine", "report", "jmh")),
        new Section("Other:", List.of("selfcheck", "completion", "help")));

    private final CommandIo io;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    private boolean version;

    /**
     * The root of the tree.
     *
     * @param io the run's streams.
     */
    public MonocoqueCommand(final CommandIo io)
    {
        this.io = io;
    }

    @Override
    public List<Section> sections()
    {
        return SECTIONS;
    }

    @Override
    public String unknownCommand(final String word)
    {
        return "unknown command '" + word + "'";
    }

    /**
     * No command given: bad usage.
     *
     * @return {@link ExitStatus#USAGE}.
     */
    @Override
    public Integer call()
    {
        io.err().println(Cli.TOOL + ": no command given");
        io.err().flush();
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE;
    }
}
