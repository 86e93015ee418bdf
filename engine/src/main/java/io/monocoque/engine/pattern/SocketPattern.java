package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.InboundWriter;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * A socket type's semantics on the agent side, picked once when the socket is created (the only place that
 * switches on the type): how messages leave the send ring ({@link OutboundRouter}), how arriving messages reach
 * the receive ring ({@link InboundDelivery}), and what a peer's arrival and departure mean (PAIR admits one peer,
 * ROUTER gives each a routing id, SUB and XSUB re-send their subscriptions, REQ forgets a request to a peer that
 * left).
 * <table>
 *     <caption>Per type</caption>
 *     <tr><th>type</th><th>outbound</th><th>inbound</th></tr>
 *     <tr><td>DEALER, PAIR</td><td>round-robin</td><td>batched</td></tr>
 *     <tr><td>PUSH</td><td>round-robin</td><td>dropped</td></tr>
 *     <tr><td>REQ</td><td>round-robin, correlated</td><td>the awaited reply</td></tr>
 *     <tr><td>ROUTER</td><td>addressed</td><td>behind the routing id</td></tr>
 *     <tr><td>REP</td><td>addressed</td><td>batched</td></tr>
 *     <tr><td>PULL</td><td>none</td><td>batched</td></tr>
 *     <tr><td>SUB, XSUB</td><td>subscriptions (XSUB: and messages) to every publisher</td><td>batched (SUB
 *     filtered)</td></tr>
 *     <tr><td>PUB, XPUB</td><td>none (the fan-out publishes)</td><td>dropped (the fan-out reads subscribers)</td>
 *     </tr>
 * </table>
 * Owned by the engine agent thread.
 */
public final class SocketPattern
{
    private final SocketType type;
    private final PeerSet peers;
    private final OutboundRouter outbound;
    private final InboundDelivery inbound;
    private final RoutingIds routingIds;
    private final AddressedRouter addressed;
    private final RequestCorrelation correlation;
    private final Subscriber subscriber;

    private SocketPattern(
        final SocketType type,
        final PeerSet peers,
        final OutboundRouter outbound,
        final InboundDelivery inbound,
        final RoutingIds routingIds,
        final RequestCorrelation correlation,
        final Subscriber subscriber)
    {
        this.type = type;
        this.peers = peers;
        this.outbound = outbound;
        this.addressed = outbound instanceof AddressedRouter ? (AddressedRouter)outbound : null;
        this.inbound = inbound;
        this.routingIds = routingIds;
        this.correlation = correlation;
        this.subscriber = subscriber;
    }

    /**
     * The semantics of a socket type.
     *
     * @param type   the socket type.
     * @param peers  the socket's connections.
     * @param writer the socket's receive-ring writer.
     * @param status the socket's status (drops, routing directory).
     * @return the pattern.
     */
    public static SocketPattern forType(
        final SocketType type, final PeerSet peers, final InboundWriter writer, final SocketStatus status)
    {
        switch (type)
        {
            case DEALER:
            case PAIR:
                return new SocketPattern(type, peers, new RoundRobinRouter(peers, null),
                    new BatchDelivery(writer, null), null, null, null);
            case PUSH:
                return new SocketPattern(type, peers, new RoundRobinRouter(peers, null),
                    InboundDelivery.DROP, null, null, null);
            case REQ:
            {
                final RequestCorrelation correlation = new RequestCorrelation();
                return new SocketPattern(type, peers, new RoundRobinRouter(peers, correlation),
                    new ReplyDelivery(writer, correlation), null, correlation, null);
            }
            case ROUTER:
            {
                final AddressedRouter router = new AddressedRouter(peers, status, true);
                return new SocketPattern(type, peers, router,
                    new RoutingIdDelivery(writer), new RoutingIds(peers, status, router), null, null);
            }
            case REP:
                return new SocketPattern(type, peers, new AddressedRouter(peers, status, false),
                    new BatchDelivery(writer, null), null, null, null);
            case PULL:
                return new SocketPattern(type, peers, OutboundRouter.NONE,
                    new BatchDelivery(writer, null), null, null, null);
            case SUB:
            case XSUB:
            {
                final Subscriber subscriber = new Subscriber(type, peers, status);
                return new SocketPattern(type, peers, subscriber,
                    new BatchDelivery(writer, subscriber), null, null, subscriber);
            }
            case PUB:
            case XPUB:
                return new SocketPattern(type, peers, OutboundRouter.NONE, InboundDelivery.DROP, null, null, null);
            default:
                throw new IllegalArgumentException("no pattern for socket type " + type);
        }
    }

    /**
     * Move what can go from the send ring to connections now.
     *
     * @param ring the socket's send ring.
     * @return work done.
     */
    public int drainOutbound(final OneToOneRingBuffer ring)
    {
        return outbound.drain(ring);
    }

    /**
     * A whole message arrived on a connection; see {@link InboundDelivery#onMessage}.
     *
     * @param connection where it came from.
     * @param buffer     the connection's read buffer.
     * @param offset     first frame header.
     * @param length     encoded length.
     * @return true if taken or dropped, false to be offered it again.
     */
    public boolean onMessage(final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        return inbound.onMessage(connection, buffer, offset, length);
    }

    /**
     * How many bytes of consecutive messages {@link #onMessageRun} takes now; see
     * {@link InboundDelivery#messageRunLimit}.
     *
     * @return bytes, or 0 for one message at a time.
     */
    public int messageRunLimit()
    {
        return inbound.messageRunLimit();
    }

    /**
     * Consecutive whole messages arrived on a connection; see {@link InboundDelivery#onMessageRun}.
     *
     * @param connection where they came from.
     * @param buffer     the connection's read buffer.
     * @param offset     first frame header.
     * @param length     encoded length of the run.
     * @return true if taken, false to be offered them again.
     */
    public boolean onMessageRun(final Connection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        return inbound.onMessageRun(connection, buffer, offset, length);
    }

    /**
     * A peer finished its handshake: admit it or say why not, then make it active.
     *
     * @param connection the peer.
     * @return null if admitted, or the reason it is refused.
     */
    public String onConnectionReady(final Connection connection)
    {
        if (type == SocketType.PAIR)
        {
            for (int i = 0; i < peers.size(); i++)
            {
                final Connection other = peers.get(i);
                if (other != connection && other.isActive())
                {
                    return "PAIR socket already has a peer";
                }
            }
        }
        if (routingIds != null)
        {
            final String refusal = routingIds.assign(connection);
            if (refusal != null)
            {
                return refusal;
            }
        }
        // The routing directory before the peer count: an application that saw the count grow (connectedPeers)
        // must find the new peer's routing id (the connection is active already, so the directory lists it).
        if (addressed != null)
        {
            addressed.onReady(connection);
        }
        if (routingIds != null)
        {
            routingIds.publish();
        }
        peers.onReady(connection);
        if (subscriber != null)
        {
            subscriber.onConnectionReady(connection); // re-send every subscription
        }
        return null;
    }

    /**
     * A peer stopped carrying messages.
     *
     * @param connection the peer.
     */
    public void onConnectionLost(final Connection connection)
    {
        if (subscriber != null)
        {
            subscriber.onConnectionLost(connection);
        }
        final boolean wasKnown = peers.onLost(connection);
        if (addressed != null)
        {
            addressed.onLost(connection);
        }
        if (wasKnown && routingIds != null)
        {
            routingIds.publish();
        }
    }

    /**
     * A connection is about to be freed: nothing may refer to it any more.
     *
     * @param connection the connection.
     */
    public void onReleased(final Connection connection)
    {
        if (correlation != null)
        {
            correlation.forget(connection);
        }
    }

    /**
     * Whether a socket type drops a message at its addressed peer's HWM (ROUTER, and REP built on it as in
     * libzmq), so that its connections' staging buffers are HWMs ({@code StagingBuffer.withPeerHwm}) rather than
     * batching buffers that a message waits for.
     *
     * @param type the socket type.
     * @return true for ROUTER and REP.
     */
    public static boolean dropsAtPeerHwm(final SocketType type)
    {
        return type == SocketType.ROUTER || type == SocketType.REP;
    }

    /**
     * Largest encoded message a connection of this socket may deliver (what one receive-ring record holds, less
     * ROUTER's routing id frame): the connections' decoders refuse larger ones.
     *
     * @param writer the socket's receive-ring writer.
     * @param type   the socket type.
     * @return bytes.
     */
    public static int maxInboundMessage(final InboundWriter writer, final SocketType type)
    {
        // Other types prepend nothing: reserving the routing frame there halved the largest message of a 4 KiB ring.
        return writer.maxMessageLength(type == SocketType.ROUTER ? RoutingIdDelivery.MAX_ROUTING_FRAME : 0);
    }
}
