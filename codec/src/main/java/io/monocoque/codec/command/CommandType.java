package io.monocoque.codec.command;

/**
 * The ZMTP 3.x commands Monocoque understands (RFC 23, RFC 37). Any other name decodes as {@link #UNKNOWN}, which
 * RFC 37 says a peer should ignore after the handshake.
 */
public enum CommandType
{
    /** NULL/PLAIN mechanism READY, carrying metadata. */
    READY("READY"),
    /** Handshake failure with a reason. */
    ERROR("ERROR"),
    /** Subscribe to a prefix (RFC 37). */
    SUBSCRIBE("SUBSCRIBE"),
    /** Cancel a subscription (RFC 37). */
    CANCEL("CANCEL"),
    /** Heartbeat request with TTL and context (RFC 37). */
    PING("PING"),
    /** Heartbeat reply echoing the context (RFC 37). */
    PONG("PONG"),
    /** A command name not in this list. */
    UNKNOWN("");

    private static final CommandType[] KNOWN = {READY, ERROR, SUBSCRIBE, CANCEL, PING, PONG};

    private final String wireName;
    private final byte[] nameBytes;

    CommandType(final String wireName)
    {
        this.wireName = wireName;
        this.nameBytes = wireName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The command name on the wire.
     *
     * @return the name, empty for {@link #UNKNOWN}.
     */
    public String wireName()
    {
        return wireName;
    }

    int nameLength()
    {
        return nameBytes.length;
    }

    byte nameByte(final int index)
    {
        return nameBytes[index];
    }

    static CommandType lookup(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        for (final CommandType type : KNOWN)
        {
            if (type.nameBytes.length == length && matches(type, buffer, offset))
            {
                return type;
            }
        }
        return UNKNOWN;
    }

    private static boolean matches(final CommandType type, final org.agrona.DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < type.nameBytes.length; i++)
        {
            if (buffer.getByte(offset + i) != type.nameBytes[i])
            {
                return false;
            }
        }
        return true;
    }
}
