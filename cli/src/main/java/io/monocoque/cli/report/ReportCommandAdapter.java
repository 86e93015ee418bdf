package io.monocoque.cli.report;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.hdr.ReportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque report}: module hdr-reports' command ({@link ReportCommand}), which parses its own arguments,
 * answers {@code --help} and returns the same exit statuses as the rest of the tool; picocli hands it every
 * argument untouched. Runs on the thread of {@link Cli#run}.
 */
@Command(name = "report",
    header = "HTML report (percentile spectrum, latency over time) from .hgrm / .hlog files",
    customSynopsis = "monocoque report FILE... [OPTIONS]   (monocoque report --help explains every option)")
public final class ReportCommandAdapter implements Callable<Integer>
{
    private final CommandIo io;

    @Unmatched
    private List<String> args = new ArrayList<>();

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public ReportCommandAdapter(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run hdr-reports' command.
     *
     * @return its exit status.
     */
    @Override
    public Integer call()
    {
        return ReportCommand.run(args.toArray(new String[0]), io.out(), io.err());
    }
}
