package io.monocoque.engine.pattern;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;
import org.agrona.DirectBuffer;

/**
 * ROUTER inbound (RFC 28): each message is delivered in its own record behind a frame holding the routing id of
 * the peer it came from ({@link RoutingIds}), in fragments if no record holds it. Owned by the engine agent thread.
 */
public final class RoutingIdDelivery implements InboundDelivery
{
    /** A routing id frame: a short header and up to 255 bytes of id. */
    public static final int MAX_ROUTING_FRAME = FrameDescriptor.SHORT_HEADER_LENGTH + 255;

    private final InboundWriter writer;

    /**
     * Create the delivery.
     *
     * @param writer the socket's receive-ring writer.
     */
    public RoutingIdDelivery(final InboundWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public boolean onMessage(final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        return writer.deliver(connection.peerId(), connection.routingId(), buffer, offset, length) ==
            InboundWriter.DELIVERED;
    }
}
