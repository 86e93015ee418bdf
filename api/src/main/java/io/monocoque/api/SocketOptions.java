package io.monocoque.api;

import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.Rings;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The options of one socket: their values and defaults, their validation, and the table that sets any option by
 * name ({@link Socket#option(String, String)}, the command-line tools' {@code --option NAME=VALUE}). Options every
 * socket has live here; an option of one type (ROUTER's {@code routerMandatory}, a publisher's {@code pubWorkers})
 * keeps its value on that type's socket and has its row in the same table.
 * <p>
 * Owned by the socket's application thread, like the socket.
 */
final class SocketOptions
{
    /** Default high-water mark of each ring: 4 MiB, about 4,000 messages of 1 KiB; largest message 512 KiB. */
    static final long DEFAULT_HWM_BYTES = 4L * 1024 * 1024;
    /** Default linger: try to flush for up to 30 s after close, then drop. */
    static final long DEFAULT_LINGER_MS = 30_000;
    /** Blocking calls wait forever, and linger lasts until everything is sent. */
    static final long INFINITE = -1;
    private static final int MAX_IDENTITY_LENGTH = 255;

    /** Sets one option from its text form; the socket is of the type the option belongs to. */
    @FunctionalInterface
    private interface Setter<S extends Socket>
    {
        void set(S socket, String value);
    }

    /** A row of the table: the socket class the option belongs to, and how to set it. */
    private static final class Row<S extends Socket>
    {
        private final Class<S> type;
        private final Setter<S> setter;

        Row(final Class<S> type, final Setter<S> setter)
        {
            this.type = type;
            this.setter = setter;
        }

        boolean appliesTo(final Socket socket)
        {
            return type.isInstance(socket);
        }

        void set(final Socket socket, final String value)
        {
            setter.set(type.cast(socket), value);
        }
    }

    private static final Map<String, Row<?>> TABLE = new HashMap<>();

    static
    {
        row("sndHwmBytes", Socket.class, (s, v) -> s.sndHwmBytes(Long.parseLong(v)));
        row("rcvHwmBytes", Socket.class, (s, v) -> s.rcvHwmBytes(Long.parseLong(v)));
        row("lingerMs", Socket.class, (s, v) -> s.lingerMs(Long.parseLong(v)));
        row("reconnectIvlMs", Socket.class, (s, v) -> s.reconnectIvlMs(Long.parseLong(v)));
        row("reconnectIvl", Socket.class, (s, v) -> s.reconnectIvlMs(Long.parseLong(v)));
        row("reconnectIvlMaxMs", Socket.class, (s, v) -> s.reconnectIvlMaxMs(Long.parseLong(v)));
        row("reconnectIvlMax", Socket.class, (s, v) -> s.reconnectIvlMaxMs(Long.parseLong(v)));
        row("maxMsgSize", Socket.class, (s, v) -> s.maxMsgSize(Long.parseLong(v)));
        row("handshakeIvlMs", Socket.class, (s, v) -> s.handshakeIvlMs(Long.parseLong(v)));
        row("sndTimeoutMs", Socket.class, (s, v) -> s.sndTimeoutMs(Long.parseLong(v)));
        row("rcvTimeoutMs", Socket.class, (s, v) -> s.rcvTimeoutMs(Long.parseLong(v)));
        row("identity", Socket.class, Socket::identity);
        row("routerMandatory", RouterSocket.class, (s, v) -> s.routerMandatory(parseBoolean("routerMandatory", v)));
        row("reqRelaxed", ReqSocket.class, (s, v) -> s.reqRelaxed(parseBoolean("reqRelaxed", v)));
        row("reqCorrelate", ReqSocket.class, (s, v) -> s.reqCorrelate(parseBoolean("reqCorrelate", v)));
        row("subscribe", SubSocket.class, SubSocket::subscribe);
        row("unsubscribe", SubSocket.class, SubSocket::unsubscribe);
        row("xpubVerbose", XPubSocket.class, (s, v) -> s.xpubVerbose(parseBoolean("xpubVerbose", v)));
        row("pubWorkers", PublisherSocket.class, (s, v) -> s.pubWorkers(Integer.parseInt(v)));
        row("pubRingBytes", PublisherSocket.class, (s, v) -> s.pubRingBytes(Long.parseLong(v)));
        row("subscriberStallTimeoutMs", PublisherSocket.class,
            (s, v) -> s.subscriberStallTimeoutMs(Long.parseLong(v)));
    }

    private static <S extends Socket> void row(final String name, final Class<S> type, final Setter<S> setter)
    {
        TABLE.put(name, new Row<>(type, setter));
    }

    private long sndHwmBytes = DEFAULT_HWM_BYTES;
    private boolean sndHwmBytesSet;
    private long rcvHwmBytes = DEFAULT_HWM_BYTES;
    private long lingerMs = DEFAULT_LINGER_MS;
    private long reconnectIvlMs = EndpointConfig.DEFAULT_RECONNECT_IVL_MS;
    private long reconnectIvlMaxMs;
    private long maxMsgSize = INFINITE;
    private long handshakeIvlMs = EndpointConfig.DEFAULT_HANDSHAKE_IVL_MS;
    private long sndTimeoutMs = INFINITE;
    private long rcvTimeoutMs = INFINITE;
    private byte[] identity = new byte[0];

    /**
     * Set an option of a socket by name.
     *
     * @param socket the socket.
     * @param name   the option's name.
     * @param value  its value as text.
     * @throws IllegalArgumentException naming the option if it is unknown for the socket's type or the value is
     *                                  malformed (or out of range).
     */
    static void set(final Socket socket, final String name, final String value)
    {
        final Row<?> row = TABLE.get(name);
        if (row == null || !row.appliesTo(socket))
        {
            throw new IllegalArgumentException("unknown option '" + name + "' for a " + socket.type() + " socket");
        }
        try
        {
            row.set(socket, value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a number");
        }
    }

    /**
     * Refuse a value below a minimum.
     *
     * @param option  the option's name, for the message.
     * @param value   the value.
     * @param minimum the smallest value allowed.
     * @throws IllegalArgumentException naming the option.
     */
    static void checkAtLeast(final String option, final long value, final long minimum)
    {
        if (value < minimum)
        {
            throw new IllegalArgumentException(option + " must be >= " + minimum + ": " + value);
        }
    }

    /**
     * Refuse a ring capacity the engine cannot allocate.
     *
     * @param bytes the requested capacity.
     * @throws IllegalArgumentException naming the limits.
     */
    static void checkRingBytes(final long bytes)
    {
        Rings.effectiveCapacity(bytes);
    }

    /**
     * Parse a boolean option the way the tools write it: true/false or 1/0.
     *
     * @param name  the option's name, for the message.
     * @param value the text.
     * @return the value.
     * @throws IllegalArgumentException if it is neither.
     */
    static boolean parseBoolean(final String name, final String value)
    {
        if ("true".equalsIgnoreCase(value) || "1".equals(value))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value) || "0".equals(value))
        {
            return false;
        }
        throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a boolean");
    }

    /**
     * The options that govern an endpoint, captured now (as libzmq applies most options at bind/connect time).
     *
     * @param type the socket type.
     * @return the endpoint options.
     */
    EndpointConfig endpointConfig(final SocketType type)
    {
        return new EndpointConfig(type.wire(), identity, reconnectIvlMs, reconnectIvlMaxMs, maxMsgSize,
            handshakeIvlMs);
    }

    long sndHwmBytes()
    {
        return sndHwmBytes;
    }

    void sndHwmBytes(final long bytes)
    {
        checkRingBytes(bytes);
        sndHwmBytes = bytes;
        sndHwmBytesSet = true;
    }

    boolean sndHwmBytesSet()
    {
        return sndHwmBytesSet;
    }

    long rcvHwmBytes()
    {
        return rcvHwmBytes;
    }

    void rcvHwmBytes(final long bytes)
    {
        checkRingBytes(bytes);
        rcvHwmBytes = bytes;
    }

    long lingerMs()
    {
        return lingerMs;
    }

    void lingerMs(final long ms)
    {
        checkAtLeast("lingerMs", ms, INFINITE);
        lingerMs = ms;
    }

    long reconnectIvlMs()
    {
        return reconnectIvlMs;
    }

    void reconnectIvlMs(final long ms)
    {
        checkAtLeast("reconnectIvlMs", ms, INFINITE);
        reconnectIvlMs = ms;
    }

    long reconnectIvlMaxMs()
    {
        return reconnectIvlMaxMs;
    }

    void reconnectIvlMaxMs(final long ms)
    {
        checkAtLeast("reconnectIvlMaxMs", ms, 0);
        reconnectIvlMaxMs = ms;
    }

    long maxMsgSize()
    {
        return maxMsgSize;
    }

    void maxMsgSize(final long bytes)
    {
        checkAtLeast("maxMsgSize", bytes, INFINITE);
        maxMsgSize = bytes;
    }

    long handshakeIvlMs()
    {
        return handshakeIvlMs;
    }

    void handshakeIvlMs(final long ms)
    {
        checkAtLeast("handshakeIvlMs", ms, 0);
        handshakeIvlMs = ms;
    }

    long sndTimeoutMs()
    {
        return sndTimeoutMs;
    }

    void sndTimeoutMs(final long ms)
    {
        checkAtLeast("sndTimeoutMs", ms, INFINITE);
        sndTimeoutMs = ms;
    }

    long rcvTimeoutMs()
    {
        return rcvTimeoutMs;
    }

    void rcvTimeoutMs(final long ms)
    {
        checkAtLeast("rcvTimeoutMs", ms, INFINITE);
        rcvTimeoutMs = ms;
    }

    byte[] identity()
    {
        return identity.clone();
    }

    void identity(final byte[] value)
    {
        if (value.length > MAX_IDENTITY_LENGTH)
        {
            throw new IllegalArgumentException("identity must be at most 255 bytes: " + value.length);
        }
        if (value.length > 0 && value[0] == 0)
        {
            throw new IllegalArgumentException("identity may not start with a zero byte (reserved by ZeroMQ)");
        }
        identity = value.clone();
    }

    void identity(final String value)
    {
        identity(value.getBytes(StandardCharsets.UTF_8));
    }
}
