package io.monocoque.api;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a {@link Proxy} has moved so far: libzmq's eight {@code zmq_proxy_steerable} STATISTICS counters (messages
 * and bytes received and sent, on the frontend and on the backend), plus what libzmq does not count: messages the
 * proxy received but could not forward (the other side has no endpoint, a ROUTER side with {@code routerMandatory}
 * has no peer of that routing id, or the message exceeds the other side's {@code maxMsgSize}), and copies the
 * capture socket could not take.
 * <p>
 * As in libzmq 4.3, a multipart message counts once and its bytes are the sum of its frames' bodies; a message is
 * counted as received when the proxy takes it and as sent when the other side has queued it. (libzmq after 4.3.5
 * counts each frame as a message.)
 * <p>
 * The proxy's thread is the only writer (ordered stores, no lock, nothing allocated); any thread may read, and sees
 * each counter as of some recent moment (the counters are not a consistent snapshot of one instant).
 */
public final class ProxyStatistics
{
    /** Number of counters in libzmq's STATISTICS reply, each sent as one 8-byte frame. */
    public static final int LIBZMQ_COUNTERS = 8;
    /** Bytes of each STATISTICS frame: a uint64 in the host's byte order, as libzmq copies it. */
    public static final int COUNTER_BYTES = Long.BYTES;

    static final int FRONTEND_MESSAGES_IN = 0;
    static final int FRONTEND_BYTES_IN = 1;
    static final int FRONTEND_MESSAGES_OUT = 2;
    static final int FRONTEND_BYTES_OUT = 3;
    static final int BACKEND_MESSAGES_IN = 4;
    static final int BACKEND_BYTES_IN = 5;
    static final int BACKEND_MESSAGES_OUT = 6;
    static final int BACKEND_BYTES_OUT = 7;
    static final int UNFORWARDED_TO_BACKEND = 8;
    static final int UNFORWARDED_TO_FRONTEND = 9;
    static final int CAPTURE_DROPPED = 10;
    private static final int COUNTERS = 11;
    /** Offset from a side's "messages in" counter to the same side's "messages out". */
    private static final int OUT = FRONTEND_MESSAGES_OUT - FRONTEND_MESSAGES_IN;

    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);

    ProxyStatistics()
    {
    }

    // ------------------------------------------------------------------ written by the proxy's thread

    /** A side (its {@code ..._MESSAGES_IN} index) received a message. Proxy thread. */
    void received(final int side, final long bytes)
    {
        add(side, 1);
        add(side + 1, bytes);
    }

    /** A side (its {@code ..._MESSAGES_IN} index) sent a message. Proxy thread. */
    void sent(final int side, final long bytes)
    {
        add(side + OUT, 1);
        add(side + OUT + 1, bytes);
    }

    /** Count one more at a counter. Proxy thread (the single writer). */
    void increment(final int counter)
    {
        add(counter, 1);
    }

    private void add(final int counter, final long delta)
    {
        counters.lazySet(counter, counters.get(counter) + delta);
    }

    /**
     * Write libzmq's eight counters as eight uint64 in the host's byte order, in libzmq's order (frontend messages
     * in, bytes in, messages out, bytes out, then the same for the backend). Proxy thread.
     *
     * @param buffer where.
     * @param index  first byte; {@link #LIBZMQ_COUNTERS} x {@link #COUNTER_BYTES} bytes are written.
     */
    void writeLibzmqCounters(final MutableDirectBuffer buffer, final int index)
    {
        for (int i = 0; i < LIBZMQ_COUNTERS; i++)
        {
            buffer.putLong(index + i * COUNTER_BYTES, counters.get(i), ByteOrder.nativeOrder());
        }
    }

    // ------------------------------------------------------------------ read by anyone

    /**
     * Messages received on the frontend. Any thread.
     *
     * @return the count.
     */
    public long frontendMessagesIn()
    {
        return counters.get(FRONTEND_MESSAGES_IN);
    }

    /**
     * Bytes (frame bodies) received on the frontend. Any thread.
     *
     * @return the count.
     */
    public long frontendBytesIn()
    {
        return counters.get(FRONTEND_BYTES_IN);
    }

    /**
     * Messages sent on the frontend (forwarded from the backend). Any thread.
     *
     * @return the count.
     */
    public long frontendMessagesOut()
    {
        return counters.get(FRONTEND_MESSAGES_OUT);
    }

    /**
     * Bytes (frame bodies) sent on the frontend. Any thread.
     *
     * @return the count.
     */
    public long frontendBytesOut()
    {
        return counters.get(FRONTEND_BYTES_OUT);
    }

    /**
     * Messages received on the backend. Any thread.
     *
     * @return the count.
     */
    public long backendMessagesIn()
    {
        return counters.get(BACKEND_MESSAGES_IN);
    }

    /**
     * Bytes (frame bodies) received on the backend. Any thread.
     *
     * @return the count.
     */
    public long backendBytesIn()
    {
        return counters.get(BACKEND_BYTES_IN);
    }

    /**
     * Messages sent on the backend (forwarded from the frontend). Any thread.
     *
     * @return the count.
     */
    public long backendMessagesOut()
    {
        return counters.get(BACKEND_MESSAGES_OUT);
    }

    /**
     * Bytes (frame bodies) sent on the backend. Any thread.
     *
     * @return the count.
     */
    public long backendBytesOut()
    {
        return counters.get(BACKEND_BYTES_OUT);
    }

    /**
     * Messages received on the frontend that the backend could not take and never will: it has no endpoint, it
     * is a ROUTER with {@code routerMandatory} and no peer has the message's routing id, or the message exceeds
     * its {@code maxMsgSize}. They are dropped, not retried. Any thread.
     *
     * @return the count.
     */
    public long unforwardedToBackend()
    {
        return counters.get(UNFORWARDED_TO_BACKEND);
    }

    /**
     * Messages received on the backend that the frontend could not take and never will (as
     * {@link #unforwardedToBackend()}). Any thread.
     *
     * @return the count.
     */
    public long unforwardedToFrontend()
    {
        return counters.get(UNFORWARDED_TO_FRONTEND);
    }

    /**
     * Copies the capture socket could not take at once (its send ring was full, it had no endpoint, or the message
     * is too large for it): the proxy never waits for its capture socket. Any thread.
     *
     * @return the count.
     */
    public long captureDropped()
    {
        return counters.get(CAPTURE_DROPPED);
    }

    @Override
    public String toString()
    {
        return "ProxyStatistics{frontend in " + frontendMessagesIn() + " msgs/" + frontendBytesIn() + " B, out " +
            frontendMessagesOut() + "/" + frontendBytesOut() + " B; backend in " + backendMessagesIn() + "/" +
            backendBytesIn() + " B, out " + backendMessagesOut() + "/" + backendBytesOut() + " B; unforwarded " +
            unforwardedToBackend() + " to backend, " + unforwardedToFrontend() + " to frontend; capture dropped " +
            captureDropped() + "}";
    }
}
