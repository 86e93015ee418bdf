package io.monocoque.cli;

import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;

/**
 * One subcommand of the {@code monocoque} tool.
 */
public interface Command
{
    /**
     * The name as typed, e.g. {@code recv} or {@code bench latency}.
     *
     * @return the name.
     */
    String name();

    /**
     * One line for the tool's overview.
     *
     * @return the summary.
     */
    String summary();

    /**
     * Full help: synopsis, every option, exit status, examples.
     *
     * @return the text, lines separated by {@code \n}.
     */
    String usage();

    /**
     * Run the command.
     *
     * @param args its arguments (after the name); {@code --help} is handled by {@link Cli} before this is called.
     * @param io   streams and stop request.
     * @return the exit status: 0 on success, {@value Cli#EXIT_FAILURE} on a runtime failure.
     * @throws UsageException          for bad usage (exit status {@value Cli#EXIT_USAGE}).
     * @throws CommandFailedException  for an expected runtime failure with a message for the user.
     * @throws Exception               for anything else (reported, exit status {@value Cli#EXIT_FAILURE}).
     */
    int run(String[] args, CommandIo io) throws Exception;
}
