package io.monocoque.perf;

/**
 * A benchmark could not run or finish, for a reason its user should read: no echo peer answered, a stream stalled,
 * a run was too short to time. Front ends print the message as it is (the command line exits with status 1);
 * anything else a scenario throws is a bug or an environment failure and is reported with its type.
 * <p>
 * Thrown by whichever benchmark thread met the problem; scenarios that run a second thread hand its failure to the
 * calling thread wrapped in this exception.
 */
public final class BenchmarkFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what failed, written for the person running the benchmark.
     */
    public BenchmarkFailedException(final String message)
    {
        super(message);
    }

    /**
     * Create the exception with a cause.
     *
     * @param message what failed, written for the person running the benchmark.
     * @param cause   the underlying failure.
     */
    public BenchmarkFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
