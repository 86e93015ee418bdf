package io.monocoque.cli.options;

/**
 * A runtime failure with a message meant for the user (timeout, no peer, unsupported feature): the tool prints
 * the message and exits with status {@value io.monocoque.cli.command.ExitStatus#FAILURE}.
 */
public final class CommandFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what failed.
     */
    public CommandFailedException(final String message)
    {
        super(message);
    }

    /**
     * Create the exception with a cause.
     *
     * @param message what failed.
     * @param cause   the underlying failure.
     */
    public CommandFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
