package io.monocoque.perf.latency;

import java.util.Locale;

/**
 * The request/reply pattern of a latency run: which socket the client uses and which the in-process echo side.
 */
public enum Pattern
{
    /** DEALER client, ROUTER echo: asynchronous, several requests may be in flight (needed for open loop). */
    DEALER("DEALER", "ROUTER"),
    /** REQ client, REP echo: strictly one request at a time (closed loop only). */
    REQ("REQ", "REP"),
    /**
     * DEALER client, DEALER echo: the symmetric shape of a raw ping-pong (no routing-id frame on either side),
     * which {@code bench engine} puts beside raw NIO. Not offered by {@code bench latency --pattern}.
     */
    DEALER_DEALER("DEALER", "DEALER");

    private final String clientType;
    private final String echoType;

    Pattern(final String clientType, final String echoType)
    {
        this.clientType = clientType;
        this.echoType = echoType;
    }

    /**
     * Socket type of the measuring client.
     *
     * @return e.g. "DEALER".
     */
    public String clientType()
    {
        return clientType;
    }

    /**
     * Socket type of the in-process echo side.
     *
     * @return e.g. "ROUTER".
     */
    public String echoType()
    {
        return echoType;
    }

    /**
     * Command-line name.
     *
     * @return "dealer" or "req".
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
