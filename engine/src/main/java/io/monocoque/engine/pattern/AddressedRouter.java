package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.PeerOutbound;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * ROUTER and REP outbound (RFC 28): each record names the session it goes to (the application resolved a routing
 * id, or REP answers the connection its request came from). As libzmq's ROUTER (on which its REP is built) does,
 * a message is dropped and counted when its session has gone since, and when its peer is at its high-water mark:
 * the peer's staging buffer ({@code StagingBuffer.withPeerHwm}, up to the socket's {@code sndHwmBytes}) cannot
 * admit it now. The ring goes on with the next record, so one stalled peer never holds up the others (no
 * head-of-line blocking). A large message is admitted or dropped whole at its begin fragment ({@link
 * FragmentRoute}), so none ever waits in the ring for its peer.
 * <p>
 * For ROUTER each active peer has a {@link PeerOutbound} account, which the application thread reads through the
 * routing directory to refuse a message to a full peer at the call ({@code routerMandatory}); this router counts
 * what it takes from the ring per peer and publishes, once per drain, what has left each peer's account.
 * <p>
 * Owned by the engine agent thread.
 */
public final class AddressedRouter implements OutboundRouter, ControlledMessageHandler
{
    private final PeerSet peers;
    private final SocketStatus status;
    private final FragmentRoute fragments;
    private final Long2ObjectHashMap<PeerOutbound> accounts;

    /**
     * Create the router.
     *
     * @param peers    the socket's connections.
     * @param status   where drops are counted.
     * @param accounts true to keep a {@link PeerOutbound} account per peer for the application (ROUTER).
     */
    public AddressedRouter(final PeerSet peers, final SocketStatus status, final boolean accounts)
    {
        this.peers = peers;
        this.status = status;
        this.fragments = new FragmentRoute(status, true);
        this.accounts = accounts ? new Long2ObjectHashMap<>() : null;
    }

    @Override
    public int drain(final OneToOneRingBuffer ring)
    {
        final int work = Rings.controlledRead(ring, this, DRAIN_LIMIT);
        if (accounts != null)
        {
            publishAccounts();
        }
        return work;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        final Action action = route(msgTypeId, peerId, buffer, index, length);
        if (action == Action.CONTINUE && accounts != null)
        {
            final PeerOutbound account = accounts.get(peerId);
            if (account != null)
            {
                account.onTaken(length - (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN ?
                    MessageRecord.BEGIN_FRAMES_OFFSET : MessageRecord.FRAMES_OFFSET));
            }
        }
        return action;
    }

    private Action route(
        final int msgTypeId, final long peerId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN)
        {
            final Connection target = peers.byPeerId(peerId);
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
        final int framesLength = length - MessageRecord.FRAMES_OFFSET;
        final Connection connection = peers.byPeerId(peerId);
        if (connection == null || !connection.isActive())
        {
            status.addDropped(1); // peer gone since the application resolved it: libzmq drops too
            return Action.CONTINUE;
        }
        if (!connection.canStage(framesLength))
        {
            status.addDropped(1); // peer at its HWM: libzmq's ROUTER drops too, and serves the others
            return Action.CONTINUE;
        }
        connection.stage(buffer, index + MessageRecord.FRAMES_OFFSET, framesLength);
        return Action.CONTINUE;
    }

    /**
     * A peer became active (after {@link PeerSet#onReady}): open its account, with its connection's HWM.
     *
     * @param connection the peer.
     */
    public void onReady(final Connection connection)
    {
        if (accounts != null)
        {
            accounts.put(connection.peerId(), new PeerOutbound(connection.peerId(), connection.staging().hwmBytes()));
        }
    }

    /**
     * A peer stopped carrying messages: close its account (records still naming it are dropped).
     *
     * @param connection the peer.
     */
    public void onLost(final Connection connection)
    {
        if (accounts != null)
        {
            accounts.remove(connection.peerId());
        }
    }

    /**
     * The account of an active peer.
     *
     * @param peerId the peer's session id.
     * @return its account, or null if it has none (not active, or a REP socket).
     */
    public PeerOutbound account(final long peerId)
    {
        return accounts == null ? null : accounts.get(peerId);
    }

    private void publishAccounts()
    {
        final Connection[] active = peers.active();
        for (final Connection connection : active)
        {
            final PeerOutbound account = accounts.get(connection.peerId());
            if (account != null)
            {
                account.publish(connection.staging().pending());
            }
        }
    }
}
