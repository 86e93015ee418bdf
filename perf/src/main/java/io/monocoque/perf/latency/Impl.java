package io.monocoque.perf.latency;

import io.monocoque.perf.Idle;

import java.util.Locale;

/**
 * The implementations a benchmark can run: Monocoque, JeroMQ 0.6 as the ZeroMQ reference, and raw Java NIO as the
 * floor of this machine (length-prefixed frames on plain socket channels, no messaging library at all).
 * <p>
 * Idle strategies mean the same across implementations where they can: busy and yield poll without blocking and
 * wait with that strategy; backoff is each implementation's natural way to wait, which for JeroMQ is its blocking
 * receive and for raw NIO blocking channels (the kernel wakes the thread when data arrives). Immutable; any thread.
 */
public enum Impl
{
    /** This library. */
    MONOCOQUE,
    /** JeroMQ 0.6 (org.zeromq), pure-Java ZeroMQ. */
    JEROMQ,
    /**
     * Raw NIO: {@code [4-byte big-endian length][payload]} on {@code SocketChannel}s with direct buffers and
     * TCP_NODELAY. It speaks no ZMTP, so it only runs against its own in-process far side.
     */
    NIO;

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
     * Whether this implementation speaks ZMTP, so that it can run against any ZeroMQ peer (an external echo peer,
     * a libzmq program); raw NIO cannot.
     *
     * @return true for Monocoque and JeroMQ.
     */
    public boolean speaksZmtp()
    {
        return this != NIO;
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
     * The idle strategy used when the command line does not choose one (or says {@code auto}): busy spinning only
     * when the machine has a CPU for every thread that would spin and one to spare for the JIT, the GC and the OS
     * (Monocoque: client and echo, 2; JeroMQ: those two plus its 2 I/O threads, 4; raw NIO 2), otherwise the
     * kernel-sleeping strategy: two spinners on two CPUs lose the CPU to every JIT and GC thread for a whole
     * scheduler slice, which is what their tail then measures. For JeroMQ and raw NIO, selector means their own
     * blocking calls.
     *
     * @return the default.
     */
    public Idle defaultIdle()
    {
        return Idle.auto(spinningThreads());
    }

    /**
     * Why {@link #defaultIdle()} chose what it did, for the report.
     *
     * @return e.g. "auto: 2 CPUs for 2 spinning threads, none to spare".
     */
    public String defaultIdleReason()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        return "auto: " + cpus + " CPUs for " + spinningThreads() + " threads that would spin" +
            (cpus > spinningThreads() ? ", one to spare" : ", none to spare");
    }

    private int spinningThreads()
    {
        return this == JEROMQ ? 4 : 2;
    }

    /**
     * A measuring client for a run.
     *
     * @param config the run.
     * @return the client, not yet open.
     */
    public LatencyClient newClient(final LatencyConfig config)
    {
        switch (this)
        {
            case MONOCOQUE:
                return new MonocoqueClient(config);
            case JEROMQ:
                return new JeromqClient(config);
            default:
                return new NioClient(config);
        }
    }

    /**
     * An in-process echo side for a run.
     *
     * @param config the run.
     * @return the server, not yet started.
     */
    public EchoServer newEchoServer(final LatencyConfig config)
    {
        switch (this)
        {
            case MONOCOQUE:
                return new MonocoqueEchoServer(config);
            case JEROMQ:
                return new JeromqEchoServer(config);
            default:
                return new NioEchoServer(config);
        }
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
        final String why = config.idleIsAuto() ? " (" + defaultIdleReason() + ")" : "";
        if (this == MONOCOQUE)
        {
            if (config.invoker())
            {
                return "INVOKER mode (each side's thread drives its engine), idle " + idle.label() + why + ", " +
                    (echo ? "2 threads (client, echo)" : "1 thread (client)");
            }
            return "DEDICATED mode (engine threads), idle " + idle.label() + why + " for all threads, " +
                (echo ? "4 threads (client, client engine, echo, echo engine)" : "2 threads (client, engine)");
        }
        if (this == NIO)
        {
            return "raw NIO, length-prefixed frames, " + (NioClient.blocking(config) ? "blocking channels" :
                "non-blocking channels polled with idle " + idle.label()) + why + ", 2 threads (client, echo)";
        }
        final String waiting = JeromqClient.blocking(config) ?
            "idle backoff = JeroMQ's blocking receive" + (config.openLoop() ? " (echo side; the open-loop client " +
                "polls with DONTWAIT and backs off)" : "") :
            "application threads poll with DONTWAIT, idle " + idle.label();
        return "JeroMQ 0.6.0, 1 I/O thread per context, " + waiting + why + ", " +
            (echo ? "4 threads (client, echo, 2 I/O)" : "2 threads (client, I/O)");
    }

    /**
     * Threading mode name for the summary.
     *
     * @param config the run.
     * @return "INVOKER", "DEDICATED", "JeroMQ I/O threads" or "raw NIO".
     */
    public String threadingMode(final LatencyConfig config)
    {
        switch (this)
        {
            case MONOCOQUE:
                return config.invoker() ? "INVOKER" : "DEDICATED";
            case JEROMQ:
                return "JeroMQ I/O threads";
            default:
                return "raw NIO";
        }
    }
}
