package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import org.agrona.DirectBuffer;

/**
 * What a {@link Connection} reports to the socket it belongs to. Called on the engine agent thread only.
 */
public interface ConnectionOwner
{
    /**
     * The socket type this side announces; the peer's type must be compatible with it.
     *
     * @return the local socket type.
     */
    SocketType socketType();

    /**
     * The handshake finished: the connection may now carry messages.
     *
     * @param connection the connection, with its peer's type and identity known.
     * @return null to accept the peer, or a reason to refuse it (e.g. a second peer on a PAIR socket).
     */
    String onConnectionReady(Connection connection);

    /**
     * A whole message arrived.
     *
     * @param connection where it came from.
     * @param buffer     holds the message in ZMTP encoding.
     * @param offset     first frame header.
     * @param length     encoded length.
     * @param frameCount number of frames.
     * @return true if taken; false if the socket cannot take it now (inbound ring full): the connection stops
     * reading and offers the same message again later.
     */
    boolean onMessage(Connection connection, DirectBuffer buffer, int offset, int length, int frameCount);

    /**
     * How many encoded bytes of consecutive messages {@link #onMessageRun} takes now, or 0 if the socket takes
     * messages one by one (its pattern looks at each, or its ring has no room).
     *
     * @return the largest run in bytes, or 0.
     */
    default int messageRunLimit()
    {
        return 0;
    }

    /**
     * Consecutive whole messages from one connection, at most {@link #messageRunLimit()} bytes, none a command:
     * added to the open batch together, as {@link #onMessage} would add them one by one.
     *
     * @param connection where they came from.
     * @param buffer     the connection's read buffer.
     * @param offset     first frame header of the first message.
     * @param length     encoded length of the run.
     * @return true if taken; false to be offered them again later.
     */
    default boolean onMessageRun(final Connection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        throw new UnsupportedOperationException("this owner takes messages one by one");
    }

    /**
     * Whether messages accepted by {@link #onMessage} are being gathered into a batch not yet handed to the
     * application. While one is open the connection stops decoding at the next command, so the batch stays one
     * contiguous run of messages.
     *
     * @return true if a batch is open.
     */
    boolean hasOpenBatch();

    /**
     * The connection finished a decode pass: hand the open batch (if any) to the application in one ring record.
     *
     * @param connection the connection the batch came from.
     * @return 0 if the batch was delivered or none was open; otherwise the batch's length in bytes, all of which
     * the connection must give back (un-consume) and offer again later.
     */
    int endBatch(Connection connection);

    /**
     * A SUBSCRIBE or CANCEL command arrived (ZMTP 3.1), or the connection translated a 3.0 subscription message.
     *
     * @param connection where it came from.
     * @param subscribe  true for SUBSCRIBE, false for CANCEL.
     * @param buffer     holds the prefix.
     * @param offset     first prefix byte.
     * @param length     prefix length.
     * @return true if taken; false to be offered it again later.
     */
    boolean onSubscription(Connection connection, boolean subscribe, DirectBuffer buffer, int offset, int length);

    /**
     * The connection stopped carrying messages (peer closed, I/O error, protocol error, refused).
     *
     * @param connection the connection; for a connected endpoint it may come back after a reconnect.
     */
    void onConnectionLost(Connection connection);
}
