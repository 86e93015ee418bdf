package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import org.agrona.DirectBuffer;

/**
 * How a socket type hands a whole inbound message to its application: batched as it is ({@link BatchDelivery}),
 * behind its routing id ({@link RoutingIdDelivery}, ROUTER), only as the awaited reply ({@link ReplyDelivery}, REQ),
 * or not at all ({@link #DROP}: PUSH, PUB and XPUB do not receive from their peers).
 * <p>
 * Called by the engine agent thread while a connection decodes.
 */
@FunctionalInterface
public interface InboundDelivery
{
    /** Sockets that receive nothing: a message from a peer is dropped, as libzmq drops it. */
    InboundDelivery DROP = (connection, buffer, offset, length) -> true;

    /**
     * A whole message arrived.
     *
     * @param connection where it came from.
     * @param buffer     the connection's read buffer.
     * @param offset     first frame header.
     * @param length     encoded length.
     * @return true if taken (or dropped); false if it cannot be taken now: the connection stops, ends the open batch
     * and offers the message again (TCP back-pressure when the ring is full), unless it was closed.
     */
    boolean onMessage(Connection connection, DirectBuffer buffer, int offset, int length);

    /**
     * How many encoded bytes of consecutive messages the delivery takes at once through {@link #onMessageRun}: 0
     * (the default) where each message must be looked at (a routing id put in front, a reply awaited, a
     * subscription filter), or while the ring has no room.
     *
     * @return bytes, or 0.
     */
    default int messageRunLimit()
    {
        return 0;
    }

    /**
     * Consecutive whole messages from one connection, at most {@link #messageRunLimit()} bytes, none larger than a
     * record: taken all together or not at all.
     *
     * @param connection where they came from.
     * @param buffer     the connection's read buffer.
     * @param offset     first frame header of the first message.
     * @param length     encoded length of the run.
     * @return true if taken; false if not now (as {@link #onMessage} refusing the first of them).
     */
    default boolean onMessageRun(final Connection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        throw new UnsupportedOperationException("this delivery looks at messages one by one");
    }
}
