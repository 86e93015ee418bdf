package io.monocoque.perf.throughput;

import java.util.function.LongConsumer;

/**
 * One PUB fan-out run of one implementation: a publisher thread publishes warm-up plus measured messages as fast
 * as its socket takes them (never blocking: a full subscriber is dropped for), and the calling thread receives on
 * every subscriber and times the aggregate.
 */
public interface PubStreamRun
{
    /**
     * Run the fan-out.
     *
     * @param config      the settings.
     * @param subscribers number of subscriber sockets that read.
     * @param stalled     number of further subscribers that subscribe and then never read: their buffers fill
     *                    and the publisher drops for them, which must not slow the others.
     * @param progress    receives the number of messages received so far by all subscribers together.
     * @return what was measured at the reading subscribers.
     * @throws Exception if the run fails.
     */
    PubStreamResult run(ThroughputConfig config, int subscribers, int stalled, LongConsumer progress)
        throws Exception;
}
