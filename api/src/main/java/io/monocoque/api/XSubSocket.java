package io.monocoque.api;

import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A subscriber whose subscriptions are messages, as libzmq 4.3's XSUB: sending a one-frame message
 * {@code 0x01 prefix} subscribes, {@code 0x00 prefix} unsubscribes (counted, as on {@link SubSocket}); the socket
 * passes them on to every publisher in the form its ZMTP version expects, and again after every reconnect. Any
 * other message is sent to every connected publisher (an XPUB delivers it to its application). Receives every
 * message its publishers send, unfiltered. Typical use: the frontend of a {@link Proxy}.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class XSubSocket extends Socket
{
    XSubSocket(final Context context)
    {
        super(context, SocketType.XSUB);
    }

    /**
     * Send a subscribe message ({@code 0x01 prefix}), waiting as {@code send} does.
     *
     * @param prefix the prefix; empty subscribes to everything.
     * @return true if queued, false on send timeout.
     */
    public boolean subscribe(final byte[] prefix)
    {
        return send(subscriptionMessage(true, prefix));
    }

    /**
     * Send a subscribe message for a UTF-8 prefix.
     *
     * @param prefix the prefix.
     * @return true if queued, false on send timeout.
     */
    public boolean subscribe(final String prefix)
    {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Send an unsubscribe message ({@code 0x00 prefix}), waiting as {@code send} does.
     *
     * @param prefix the prefix.
     * @return true if queued, false on send timeout.
     */
    public boolean unsubscribe(final byte[] prefix)
    {
        return send(subscriptionMessage(false, prefix));
    }

    /**
     * Send an unsubscribe message for a UTF-8 prefix.
     *
     * @param prefix the prefix.
     * @return true if queued, false on send timeout.
     */
    public boolean unsubscribe(final String prefix)
    {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A message given as its body goes straight into the send ring, one record, one copy of the caller's bytes: the
     * engine reads a subscription from the record there and sends every message to every publisher.
     */
    @Override
    long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        return writeFrameRecord(MessageRecord.ANY_PEER, null, 0, body, offset, length);
    }

    /** As {@link #offerFrame}, for a message given as byte-array frames. */
    @Override
    long offerFrames(final byte[][] frames)
    {
        return writeFramesRecord(MessageRecord.ANY_PEER, null, 0, frames, 0);
    }

    private static byte[] subscriptionMessage(final boolean subscribe, final byte[] prefix)
    {
        final byte[] body = new byte[1 + prefix.length];
        body[0] = (byte)(subscribe ? 1 : 0);
        System.arraycopy(prefix, 0, body, 1, prefix.length);
        return body;
    }
}
