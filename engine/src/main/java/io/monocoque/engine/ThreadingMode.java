package io.monocoque.engine;

/**
 * How the engine agent gets a thread, as Aeron's {@code ThreadingMode}.
 */
public enum ThreadingMode
{
    /** The agent runs on its own thread ({@code AgentRunner}) with the configured idle strategy. */
    DEDICATED,
    /**
     * No engine thread: the application drives the duty cycle ({@code AgentInvoker}) from the one thread that uses
     * the context's sockets; blocking calls drive it while they wait. Lowest latency, zero extra threads.
     */
    INVOKER
}
