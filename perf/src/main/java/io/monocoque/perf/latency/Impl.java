package io.monocoque.perf.latency;

import io.monocoque.perf.bench.Idle;

import java.util.Locale;

/**
 * The implementations a benchmark can run: Monocoque, or JeroMQ 0.6 as the reference.
 */
public enum Impl
{
    /** This library. */
    MONOCOQUE,
    /** JeroMQ 0.6 (org.zeromq), pure-Java ZeroMQ. */
    JEROMQ;

    /**
     * Command-line name.
     *
     * @return "monocoque" or "jeromq".
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parse a command-line name.
     *
     * @param name case-insensitive.
     * @return the value, or null if unknown.
     */
    public static Impl parse(final String name)
    {
        for (final Impl impl : values())
        {
            if (impl.label().equalsIgnoreCase(name.trim()))
            {
                return impl;
            }
        }
        return null;
    }

    /**
     * The idle strategy used when the command line does not choose one: busy spinning when the machine has a
     * core for every thread that would spin (Monocoque: client and echo, 2; JeroMQ: those two plus its 2 I/O
     * threads, 4), backoff otherwise, since spinning threads would starve the others (JeroMQ's I/O threads,
     * above all). For JeroMQ, backoff means its own blocking calls.
     *
     * @return the default.
     */
    public Idle defaultIdle()
    {
        final int threads = this == MONOCOQUE ? 2 : 4;
        return Runtime.getRuntime().availableProcessors() >= threads ? Idle.BUSY : Idle.BACKOFF;
    }

    /**
     * A measuring client for a run.
     *
     * @param config the run.
     * @return the client, not yet open.
     */
    public LatencyClient newClient(final LatencyConfig config)
    {
        return this == MONOCOQUE ? new MonocoqueClient(config) : new JeromqClient(config);
    }

    /**
     * An in-process echo side for a run.
     *
     * @param config the run.
     * @return the server, not yet started.
     */
    public EchoServer newEchoServer(final LatencyConfig config)
    {
        return this == MONOCOQUE ? new MonocoqueEchoServer(config) : new JeromqEchoServer(config);
    }

    /**
     * How this implementation runs, for the output: threading mode, idle strategy, threads.
     *
     * @param config the run.
     * @return e.g. "INVOKER mode, idle busy, 2 threads (client, echo)".
     */
    public String threading(final LatencyConfig config)
    {
        final boolean echo = config.inProcess();
        final Idle idle = config.idleFor(this);
        if (this == MONOCOQUE)
        {
            if (config.invoker)
            {
                return "INVOKER mode (each side's thread drives its engine), idle " + idle.label() + ", " +
                    (echo ? "2 threads (client, echo)" : "1 thread (client)");
            }
            return "DEDICATED mode (engine threads), idle " + idle.label() + " for all threads, " +
                (echo ? "4 threads (client, client engine, echo, echo engine)" : "2 threads (client, engine)");
        }
        final String waiting = JeromqClient.blocking(config) ?
            "idle backoff = JeroMQ's blocking receive" + (config.openLoop() ? " (echo side; the open-loop client " +
                "polls with DONTWAIT and backs off)" : "") :
            "application threads poll with DONTWAIT, idle " + idle.label();
        return "JeroMQ 0.6.0, 1 I/O thread per context, " + waiting + ", " +
            (echo ? "4 threads (client, echo, 2 I/O)" : "2 threads (client, I/O)");
    }

    /**
     * Threading mode name for the summary.
     *
     * @param config the run.
     * @return "INVOKER", "DEDICATED" or "JeroMQ I/O threads".
     */
    public String threadingMode(final LatencyConfig config)
    {
        if (this == MONOCOQUE)
        {
            return config.invoker ? "INVOKER" : "DEDICATED";
        }
        return "JeroMQ I/O threads";
    }
}
