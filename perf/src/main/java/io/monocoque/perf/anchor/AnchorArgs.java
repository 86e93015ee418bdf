package io.monocoque.perf.anchor;

import java.util.Locale;

/**
 * The command line every implementation of the shared anchors' harness ({@code ../shared/anchors}) takes:
 * {@code ROLE HOST:PORT [SIZE] [COUNT] [WARMUP] [HGRM]}, parsed with the harness's defaults so that a Monocoque run
 * is the same experiment as the libzmq, JeroMQ and raw NIO runs beside it. Immutable.
 */
public final class AnchorArgs
{
    /** Message size when none is given, in bytes. */
    public static final int DEFAULT_SIZE = 64;
    private static final int DEFAULT_LATENCY_COUNT = 100_000;
    private static final int DEFAULT_LATENCY_WARMUP = 20_000;
    private static final int DEFAULT_THROUGHPUT_COUNT = 1_000_000;
    private static final String TCP = "tcp://";

    private final AnchorRole role;
    private final String endpoint;
    private final int size;
    private final int count;
    private final int warmup;
    private final String hgrm;

    private AnchorArgs(
        final AnchorRole role, final String endpoint, final int size, final int count, final int warmup,
        final String hgrm)
    {
        this.role = role;
        this.endpoint = endpoint;
        this.size = size;
        this.count = count;
        this.warmup = warmup;
        this.hgrm = hgrm;
    }

    /**
     * Parse the harness's positional arguments.
     *
     * @param role     lat-server, lat-client, thr-sink or thr-source.
     * @param hostPort HOST:PORT, with or without {@code tcp://}.
     * @param size     message size in bytes, or null for the default.
     * @param count    measured messages or round trips, or null for the role's default.
     * @param warmup   round trips before measuring (latency), or null for the default.
     * @param hgrm     where lat-client writes its percentile distribution, or null/empty for nowhere.
     * @return the arguments.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static AnchorArgs parse(
        final String role, final String hostPort, final Integer size, final Integer count, final Integer warmup,
        final String hgrm)
    {
        final AnchorRole parsedRole = AnchorRole.parse(role);
        final String address = hostPort.startsWith(TCP) ? hostPort.substring(TCP.length()) : hostPort;
        final int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1)
        {
            throw new IllegalArgumentException("bad endpoint '" + hostPort + "' (want HOST:PORT)");
        }
        final boolean latency = parsedRole.isLatency();
        final int actualSize = size == null ? DEFAULT_SIZE : size;
        final int actualCount = count == null ?
            (latency ? DEFAULT_LATENCY_COUNT : DEFAULT_THROUGHPUT_COUNT) : count;
        final int actualWarmup = warmup == null ? (latency ? DEFAULT_LATENCY_WARMUP : 0) : warmup;
        if (actualSize < 0 || actualCount < (latency ? 1 : 2) || actualWarmup < 0)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "bad size/count/warmup: %d/%d/%d (size >= 0, count >= %d, warmup >= 0)",
                actualSize, actualCount, actualWarmup, latency ? 1 : 2));
        }
        return new AnchorArgs(parsedRole, TCP + address, actualSize, actualCount, actualWarmup,
            hgrm == null || hgrm.isEmpty() ? null : hgrm);
    }

    /**
     * The role.
     *
     * @return the role.
     */
    public AnchorRole role()
    {
        return role;
    }

    /**
     * The endpoint as a ZeroMQ address.
     *
     * @return {@code tcp://HOST:PORT}.
     */
    public String endpoint()
    {
        return endpoint;
    }

    /**
     * Message size.
     *
     * @return bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * Measured messages (throughput) or round trips (latency).
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Round trips before measuring (latency only).
     *
     * @return the count.
     */
    public int warmup()
    {
        return warmup;
    }

    /**
     * Where lat-client writes its HdrHistogram percentile distribution.
     *
     * @return a path, or null.
     */
    public String hgrm()
    {
        return hgrm;
    }
}
