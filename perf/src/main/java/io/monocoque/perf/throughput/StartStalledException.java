package io.monocoque.perf.throughput;

/**
 * The first message of a JeroMQ stream did not arrive in time: JeroMQ 0.6 occasionally leaves a new loopback
 * connection stuck in its handshake, and a fresh set-up gets going. {@link ThroughputBench} retries.
 */
final class StartStalledException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    StartStalledException(final String message)
    {
        super(message);
    }
}
