package io.monocoque.cli.help;

import picocli.CommandLine.Option;

/**
 * The {@code -h, --help} option every command mixes in: picocli prints the command's generated help on stdout and
 * the tool exits with status 0. Set by picocli on the command's thread.
 */
public final class HelpOption
{
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;
}
