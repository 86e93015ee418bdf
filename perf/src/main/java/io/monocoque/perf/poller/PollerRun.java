package io.monocoque.perf.poller;

/**
 * One implementation's side of {@code bench poller}: the same two scenarios written with its own poller. Called by
 * the benchmark thread, which measures.
 */
interface PollerRun
{
    /**
     * Time {@code polls} calls of a zero-timeout poll over {@code sockets} bound PULL sockets of which one always has
     * a message waiting (never received), after as many calls of warm-up.
     *
     * @param sockets registered sockets, at least 1.
     * @param polls   measured calls.
     * @return nanoseconds per poll call.
     * @throws Exception if the run fails.
     */
    double nsPerPoll(int sockets, long polls) throws Exception;

    /**
     * The ZeroMQ Guide's request-reply broker (ROUTER frontend, DEALER backend, one message per ready socket per
     * poll) with {@code sockets - 2} more bound, idle sockets in its poller; a DEALER client keeps {@code window}
     * requests in flight through it to a DEALER worker that echoes them. The broker runs on the calling thread, the
     * client and the worker on one thread each.
     *
     * @param sockets    sockets in the broker's poller, at least 2.
     * @param roundTrips measured round trips (a tenth as many again of warm-up first).
     * @param window     requests in flight.
     * @param timeoutMs  longest the run may take.
     * @return round trips per second through the broker (each is two messages through it).
     * @throws Exception if the run fails or times out.
     */
    double brokerRoundTripsPerSecond(int sockets, long roundTrips, int window, long timeoutMs) throws Exception;
}
