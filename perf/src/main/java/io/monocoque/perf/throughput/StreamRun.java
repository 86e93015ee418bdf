package io.monocoque.perf.throughput;

/**
 * One one-way stream of one implementation: a source thread sends warm-up plus measured messages as fast as it
 * can; the calling thread receives and times the measured ones.
 */
public interface StreamRun
{
    /**
     * Run the stream.
     *
     * @param config   the settings.
     * @param progress receives the number of messages received so far.
     * @return messages per second at the receiver, over the measured messages.
     * @throws Exception if the run fails.
     */
    double run(ThroughputConfig config, java.util.function.LongConsumer progress) throws Exception;
}
