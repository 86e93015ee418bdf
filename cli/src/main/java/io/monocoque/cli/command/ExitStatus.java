package io.monocoque.cli.command;

/**
 * The tool's exit statuses, which scripts test: every command returns one of these.
 */
public final class ExitStatus
{
    /** Success. */
    public static final int OK = 0;
    /** Runtime failure: timeout, no peer, unsupported feature, I/O error. */
    public static final int FAILURE = 1;
    /** Bad usage: unknown command or option, missing or malformed value. */
    public static final int USAGE = 2;

    private ExitStatus()
    {
    }
}
