package io.monocoque.hdr.io;

import java.io.IOException;

/**
 * Thrown when a file is not a well-formed {@code .hgrm} or {@code .hlog} file. The message names the file (when
 * known) and the line at fault.
 *
 * <p>Thread-safety: immutable after construction, like any exception.
 */
public class HdrFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public HdrFormatException(final String message)
    {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong and where
     * @param cause   the underlying failure
     */
    public HdrFormatException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
