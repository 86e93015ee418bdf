package io.monocoque.perf.latency;

/**
 * Receives each reply of a latency run.
 */
@FunctionalInterface
public interface ReplySink
{
    /** Passed as the stamp when the message is too short (under 8 bytes) to carry one. */
    long NO_STAMP = Long.MIN_VALUE;

    /**
     * One reply arrived.
     *
     * @param stampNs the {@code System.nanoTime()} value the request carried in its first 8 bytes, or
     *                {@link #NO_STAMP}.
     */
    void onReply(long stampNs);
}
