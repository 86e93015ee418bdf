package io.monocoque.api;

/**
 * How a {@link Context}'s engine gets a thread, as Aeron's {@code ThreadingMode}. Chosen once with
 * {@link Context.Builder#threadingMode(ThreadingMode)}.
 */
public enum ThreadingMode
{
    /** The engine runs on its own thread ({@code AgentRunner}) with the configured idle strategy. */
    DEDICATED,
    /**
     * No engine thread: the application drives the duty cycle ({@code AgentInvoker}) from the one thread that uses
     * the context's sockets ({@link Context#invoke()}); blocking calls drive it while they wait. Lowest latency,
     * zero extra threads.
     */
    INVOKER
}
