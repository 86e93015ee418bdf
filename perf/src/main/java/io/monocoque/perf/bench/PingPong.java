package io.monocoque.perf.bench;

/**
 * One round-trip scenario for the latency benchmark: the far side echoes each message on its own thread.
 * Used by one benchmark thread.
 */
public interface PingPong extends AutoCloseable
{
    /**
     * Set up both sides over loopback.
     *
     * @param size message size in bytes.
     * @throws Exception if set-up fails.
     */
    void open(int size) throws Exception;

    /**
     * Send one message and wait for its echo.
     *
     * @throws Exception if the round trip fails.
     */
    void roundTrip() throws Exception;

    /**
     * Short label for tables, e.g. "monocoque dealer busy".
     *
     * @return the label.
     */
    String name();

    @Override
    void close() throws Exception;
}
