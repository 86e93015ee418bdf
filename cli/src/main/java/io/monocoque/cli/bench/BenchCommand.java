package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.CommandGroup;
import io.monocoque.cli.help.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque bench}: the group of the benchmarks. Without a benchmark it is bad usage: the question and the
 * list go to stderr. Runs on the thread of {@link Cli#run}.
 */
@Command(name = "bench",
    header = "benchmarks: latency, throughput, engine, anchor, poller",
    customSynopsis = "monocoque bench latency|throughput|engine|anchor|poller [OPTIONS]",
    footer = "'monocoque bench NAME --help' explains every option.")
public final class BenchCommand implements Callable<Integer>, CommandGroup
{
    private static final String NAMES = "(latency, throughput, engine, anchor, poller)";
    private static final List<Section> SECTIONS =
        List.of(new Section("", List.of("latency", "throughput", "engine", "anchor", "poller")));

    private final CommandIo io;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    /**
     * The group.
     *
     * @param io the run's streams.
     */
    public BenchCommand(final CommandIo io)
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
        return "unknown benchmark '" + word + "' " + NAMES;
    }

    /**
     * No benchmark given: bad usage.
     *
     * @return {@link ExitStatus#USAGE}.
     */
    @Override
    public Integer call()
    {
        io.err().println(spec.qualifiedName() + ": which benchmark? " + NAMES);
        io.err().flush();
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE;
    }
}
