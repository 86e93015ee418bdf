package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * ROUTER and REP outbound (RFC 28): each record names the session it goes to (the application resolved a routing
 * id, or REP answers the connection its request came from). A record for a session that has gone since is dropped
 * and counted, as libzmq drops it; one whose peer's staging buffer is full waits in the ring.
 * Owned by the engine agent thread.
 */
public final class AddressedRouter implements OutboundRouter, ControlledMessageHandler
{
    private final PeerSet peers;
    private final SocketStatus status;
    private final FragmentRoute fragments;

    /**
     * Create the router.
     *
     * @param peers  the socket's connections.
     * @param status where drops are counted.
     */
    public AddressedRouter(final PeerSet peers, final SocketStatus status)
    {
        this.peers = peers;
        this.status = status;
        this.fragments = new FragmentRoute(status);
    }

    @Override
    public int drain(final OneToOneRingBuffer ring)
    {
        return ring.controlledRead(this, DRAIN_LIMIT);
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN)
        {
            final Connection target = peers.byPeerId(buffer.getLong(index + MessageRecord.PEER_ID_OFFSET));
            return fragments.begin(target == null || !target.isActive() ? null : target, buffer, index, length);
        }
        if (FragmentRoute.isFragment(msgTypeId))
        {
            return fragments.next(msgTypeId, buffer, index, length);
        }
        if (fragments.inProgress())
        {
            fragments.abandon();
        }
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        final int framesLength = length - MessageRecord.FRAMES_OFFSET;
        final Connection connection = peers.byPeerId(peerId);
        if (connection == null || !connection.isActive())
        {
            status.addDropped(1); // peer gone since the application resolved it: libzmq drops too
            return Action.CONTINUE;
        }
        if (!connection.canStage(framesLength))
        {
            return Action.ABORT;
        }
        connection.stage(buffer, index + MessageRecord.FRAMES_OFFSET, framesLength);
        return Action.CONTINUE;
    }
}
