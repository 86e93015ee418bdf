package io.monocoque.cli.report;

import io.monocoque.cli.Cli;
import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.hdr.ReportCommand;

/**
 * {@code monocoque report}: module hdr-reports' command ({@link ReportCommand}), which parses its own arguments,
 * answers {@code --help} and returns the same exit statuses as the rest of the tool.
 */
public final class ReportCommandAdapter implements Command, Cli.PassThroughHelp
{
    @Override
    public String name()
    {
        return "report";
    }

    @Override
    public String summary()
    {
        return "HTML report (percentile spectrum, latency over time) from .hgrm / .hlog files";
    }

    @Override
    public String usage()
    {
        return ReportCommand.USAGE;
    }

    @Override
    public int run(final String[] args, final CommandIo io)
    {
        return ReportCommand.run(args, io.out(), io.err());
    }
}
