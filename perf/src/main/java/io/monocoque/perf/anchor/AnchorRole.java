package io.monocoque.perf.anchor;

/**
 * The four roles of the shared anchors' harness. The server and the sink bind; the client and the source connect.
 */
public enum AnchorRole
{
    /** Binds a REP and echoes warm-up plus counted requests. */
    LAT_SERVER("lat-server"),
    /** Connects a REQ, runs the warm-up and the timed round trips, prints the percentile line. */
    LAT_CLIENT("lat-client"),
    /** Binds a PULL, times the first to the last of the counted messages, prints the rate line. */
    THR_SINK("thr-sink"),
    /** Connects a PUSH and sends the counted messages as fast as the socket takes them. */
    THR_SOURCE("thr-source");

    private final String label;

    AnchorRole(final String label)
    {
        this.label = label;
    }

    /**
     * The role named on the harness's command line.
     *
     * @param label e.g. {@code thr-sink}.
     * @return the role.
     * @throws IllegalArgumentException for any other word.
     */
    public static AnchorRole parse(final String label)
    {
        for (final AnchorRole role : values())
        {
            if (role.label.equals(label))
            {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "' (lat-server, lat-client, thr-sink, " +
            "thr-source)");
    }

    /**
     * Whether this is one of the two latency roles.
     *
     * @return true for lat-server and lat-client.
     */
    public boolean isLatency()
    {
        return this == LAT_SERVER || this == LAT_CLIENT;
    }

    /**
     * The name on the harness's command line.
     *
     * @return e.g. {@code lat-client}.
     */
    public String label()
    {
        return label;
    }
}
