package io.monocoque.cli.options;

/**
 * Bad command-line usage: unknown option, missing or malformed value, impossible combination. The message is the
 * reason shown to the user; the tool exits with status {@value io.monocoque.cli.command.ExitStatus#USAGE}.
 */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param reason what is wrong, e.g. "--count needs a value".
     */
    public UsageException(final String reason)
    {
        super(reason);
    }
}
