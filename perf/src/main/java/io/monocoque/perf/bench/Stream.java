package io.monocoque.perf.bench;

/**
 * One one-way throughput scenario: a source thread sends {@code count} messages as fast as it can, the receiving
 * side counts them and times first to last. Used by one benchmark thread.
 */
public interface Stream extends AutoCloseable
{
    /**
     * Run the stream.
     *
     * @param size  message size in bytes.
     * @param count messages to send.
     * @return messages per second measured at the receiver, (count - 1) / (last - first).
     * @throws Exception if the run fails.
     */
    double run(int size, long count) throws Exception;

    /**
     * Short label for tables.
     *
     * @return the label.
     */
    String name();

    @Override
    default void close() throws Exception
    {
    }
}
