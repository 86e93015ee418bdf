package io.monocoque.engine.socket;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.net.Connection;
import io.monocoque.engine.net.ConnectionBufferSizing;
import io.monocoque.engine.net.ConnectionOwner;
import io.monocoque.engine.net.Connector;
import io.monocoque.engine.net.Listener;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.net.StagingBuffer;
import io.monocoque.engine.pub.PubFanOut;
import io.monocoque.engine.pub.Subscriber;
import io.monocoque.engine.ring.MessageRecord;
import io.monocoque.engine.ring.Rings;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;

/**
 * The engine agent's half of one socket: its listeners and connectors, its connections, and the routing between
 * them and the socket's two rings. Outbound it drains the application's ring and stages each message on a
 * connection (round-robin over connected peers skipping full ones for DEALER, PUSH and REQ; by peer id for ROUTER
 * and REP; the one peer for PAIR); a message no connection can take stays in the ring, which is how the ring's
 * capacity becomes the high-water mark. Inbound it appends each whole message to the application's ring (with the
 * routing id frame for ROUTER, without the delimiter for REQ), or stops reading when the ring is full.
 * <p>
 * Created on an application thread, then owned by the engine agent thread: every method but the constructor and
 * {@link #shared()} runs on the agent.
 */
public final class SocketEngine implements ConnectionOwner, Listener.AcceptHandler, ControlledMessageHandler
{
    private static final int OUTBOUND_DRAIN_LIMIT = 1024;
    /** Up to this many connections, each is read directly every duty cycle instead of through the selector. */
    public static final int DIRECT_POLL_MAX_CONNECTIONS = 4;
    private static final int ROUTING_ID_LENGTH = 5;
    /** Ring record header plus worst-case alignment and the 8 bytes Agrona keeps free: not usable by a batch. */
    private static final int RECORD_OVERHEAD = 32;
    private static final int MAX_ROUTING_FRAME = FrameDescriptor.SHORT_HEADER_LENGTH + 255;

    private final SocketType type;
    private final OneToOneRingBuffer outbound;
    private final OneToOneRingBuffer inbound;
    private final SocketShared shared;
    private final int inboundMaxRecord;
    private final int readBufferCapacity;
    private final int stagingCapacity;
    private final ArrayList<Listener> listeners = new ArrayList<>();
    private final ArrayList<Connector> connectors = new ArrayList<>();
    private final ArrayList<Connection> connections = new ArrayList<>();
    private final ArrayList<Connection> released = new ArrayList<>();
    private final Long2ObjectHashMap<Connection> byPeerId = new Long2ObjectHashMap<>();
    private final FrameCursor cursor = new FrameCursor();
    private final UnsafeBuffer routingIdBuffer = new UnsafeBuffer(new byte[ROUTING_ID_LENGTH]);
    private Connection[] active = new Connection[0];
    private boolean activeDirty;
    private int roundRobin;
    private int nextRoutingId = 0x12345678;
    private Connection requestConnection;
    private final boolean batchesInbound;
    private boolean readsDirectly = true;
    private DirectBuffer batchBuffer;
    private int batchOffset;
    private int batchLength;
    private int batchLimit;
    private NetContext net;
    private boolean closing;
    private long lingerDeadlineNs;
    private boolean releasedAll;
    private final Subscriber subscriber; // SUB, XSUB: subscriptions, filtering
    private PubFanOut fanOut; // PUB, XPUB: subscriber connections live in fan-out workers

    /**
     * Create the agent half of a socket. Application thread; the rings are then shared with the agent.
     *
     * @param type     socket type.
     * @param outbound application → agent ring.
     * @param inbound  agent → application ring.
     * @param shared   state published to the application.
     */
    public SocketEngine(
        final SocketType type,
        final OneToOneRingBuffer outbound,
        final OneToOneRingBuffer inbound,
        final SocketShared shared)
    {
        this.type = type;
        this.outbound = outbound;
        this.inbound = inbound;
        this.shared = shared;
        this.inboundMaxRecord = inbound.maxMsgLength();
        // Each connection's buffers start from what it carries: a quarter of the ring on that side for messages
        // (256 KiB with the default HWM), a page for commands only, so small HWMs make small connections.
        this.readBufferCapacity = ConnectionBufferSizing.readBufferCapacity(type, inbound.capacity());
        this.stagingCapacity = ConnectionBufferSizing.stagingCapacity(type, outbound.capacity());
        // Types that deliver messages untouched can put a whole read's worth of messages in one ring record;
        // ROUTER (prepends a routing id frame) and REQ (filters and strips) handle each message on its own.
        this.batchesInbound = type != SocketType.ROUTER && type != SocketType.REQ;
        this.subscriber = Subscriber.forType(type, shared);
    }

    /**
     * Give a PUB/XPUB socket its fan-out. Application thread, before the socket is added to the agent.
     *
     * @param fanOut the fan-out.
     */
    public void fanOut(final PubFanOut fanOut)
    {
        this.fanOut = fanOut;
        fanOut.attach(this);
    }

    private Connection newConnection(final EndpointConfig config, final String endpoint)
    {
        return fanOut != null ? fanOut.newConnection(config, endpoint, maxInboundMessage()) :
            new Connection(this, config, endpoint, maxInboundMessage(), readBufferCapacity,
                new StagingBuffer(stagingCapacity));
    }

    /**
     * Attach to the agent. Agent thread.
     *
     * @param net the agent.
     */
    public void attach(final NetContext net)
    {
        this.net = net;
    }

    /**
     * Bind an endpoint. Agent thread.
     *
     * @param endpoint endpoint string.
     * @param config   endpoint options.
     * @return the bound endpoint with the real port.
     */
    public String bind(final String endpoint, final EndpointConfig config)
    {
        checkOpen();
        final Listener listener = Listener.bind(endpoint, config, this, net);
        listeners.add(listener);
        return listener.boundEndpoint();
    }

    /**
     * Stop listening on an endpoint and release its port. Connections already accepted through it stay open.
     * Agent thread.
     *
     * @param endpoint the endpoint as given to bind, or as returned by it.
     * @return true if it was bound.
     */
    public boolean unbind(final String endpoint)
    {
        for (int i = 0; i < listeners.size(); i++)
        {
            final Listener listener = listeners.get(i);
            if (listener.requestedEndpoint().equals(endpoint) || listener.boundEndpoint().equals(endpoint))
            {
                listeners.remove(i);
                listener.close();
                return true;
            }
        }
        return false;
    }

    /**
     * Connect an endpoint; the TCP connection is made asynchronously and retried. Agent thread.
     *
     * @param endpoint endpoint string.
     * @param config   endpoint options.
     */
    public void connect(final String endpoint, final EndpointConfig config)
    {
        checkOpen();
        final Connection connection = newConnection(config, endpoint);
        final Connector connector = new Connector(endpoint, connection, net);
        connectors.add(connector);
        connections.add(connection);
    }

    /**
     * Disconnect a connected endpoint: close its connection and drop what it had staged. Agent thread.
     *
     * @param endpoint the endpoint as given to connect.
     * @return true if it was connected.
     */
    public boolean disconnect(final String endpoint)
    {
        for (int i = 0; i < connectors.size(); i++)
        {
            final Connector connector = connectors.get(i);
            if (connector.endpoint().equals(endpoint))
            {
                connectors.remove(i);
                connector.close();
                final Connection connection = connector.connection();
                if (fanOut != null && fanOut.disconnect(connection))
                {
                    return true; // a fan-out worker owns it: the worker closes it and hands it back for release
                }
                connection.close("disconnected by the application");
                connections.remove(connection);
                releaseConnection(connection);
                return true;
            }
        }
        return false;
    }

    private void checkOpen()
    {
        if (closing)
        {
            throw new IllegalStateException("socket is closing");
        }
    }

    private int maxInboundMessage()
    {
        // Leave room in a record for the peer id, and on a ROUTER for the routing id frame deliver() prepends
        // (other types prepend nothing: reserving it there halved the largest message of a 4 KiB ring).
        return inboundMaxRecord - MessageRecord.FRAMES_OFFSET - (type == SocketType.ROUTER ? MAX_ROUTING_FRAME : 0);
    }

    @Override
    public void onAccepted(final Listener listener, final SocketChannel channel)
    {
        if (closing)
        {
            closeQuietly(channel);
            return;
        }
        final Connection connection = newConnection(listener.config(), listener.boundEndpoint());
        connection.start(channel, net.nextPeerId(), net.nowNs());
        connection.attachKey(net.register(channel, SelectionKey.OP_READ, connection));
        connections.add(connection);
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final java.io.IOException ignore)
        {
            // Refusing a connection while closing.
        }
    }

    /**
     * One duty cycle's worth of work for this socket. Agent thread.
     *
     * @param nowNs         current time.
     * @param directAllowed whether the agent has few enough connections in all (at most
     *                      {@code EngineAgent.DIRECT_POLL_MAX_TOTAL}) for this socket's to be read directly, which
     *                      they then are if the socket has at most {@link #DIRECT_POLL_MAX_CONNECTIONS}.
     * @return work done.
     */
    public int doWork(final long nowNs, final boolean directAllowed)
    {
        int work = 0;
        for (int i = 0, size = connectors.size(); i < size; i++)
        {
            work += connectors.get(i).onTimer(nowNs);
        }
        // Write before reading: a reply the application just queued leaves in this cycle, not after a read.
        work += drainOutbound();
        final boolean direct = directAllowed && connections.size() <= DIRECT_POLL_MAX_CONNECTIONS;
        readsDirectly = direct;
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            connection.pollDirectly(direct);
            work += Math.max(0, connection.flush());
            work += connection.retryBlockedInbound();
            if (connection.isHandshakeExpired(nowNs))
            {
                connection.close("handshake did not complete within " +
                    connection.config().handshakeIvlMs() + " ms");
            }
        }
        if (direct)
        {
            work += pollDirectly();
        }
        if (fanOut != null)
        {
            work += fanOut.doWork(nowNs);
        }
        sweepReleased();
        if (closing)
        {
            work += progressClose(nowNs);
        }
        return work;
    }

    private int pollDirectly()
    {
        int work = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            if (connection.isPolledDirectly())
            {
                final int bytes = connection.onReadable();
                if (bytes > 0)
                {
                    work++;
                }
            }
        }
        return work;
    }

    /**
     * Whether this socket relies on the agent's selector to notice inbound data (it has more connections than
     * are read directly). Listeners and pending connects always use the selector, at a lower frequency.
     *
     * @return true if some connection needs the selector every cycle.
     */
    public boolean needsSelectorEveryCycle()
    {
        return !readsDirectly && !connections.isEmpty();
    }

    /**
     * Connections this socket owns now (the agent totals them to choose between direct reads and its selector).
     *
     * @return the count.
     */
    public int connectionCount()
    {
        return connections.size();
    }

    private int drainOutbound()
    {
        if (activeDirty)
        {
            rebuildActive(); // before the receive-only return: it also publishes connectedPeers()
        }
        if (subscriber != null)
        {
            return subscriber.drainOutbound(outbound, active);
        }
        if (type == SocketType.PULL || type == SocketType.SUB)
        {
            return 0;
        }
        if (active.length == 0 && type != SocketType.ROUTER && type != SocketType.REP)
        {
            return 0;
        }
        return outbound.controlledRead(this, OUTBOUND_DRAIN_LIMIT);
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        final int framesOffset = index + MessageRecord.FRAMES_OFFSET;
        final int framesLength = length - MessageRecord.FRAMES_OFFSET;

        if (peerId != MessageRecord.ANY_PEER)
        {
            final Connection connection = byPeerId.get(peerId);
            if (connection == null || !connection.isActive())
            {
                shared.addDropped(1); // peer gone since the application resolved it: libzmq drops too
                return Action.CONTINUE;
            }
            if (!connection.canStage(framesLength))
            {
                return Action.ABORT;
            }
            stage(connection, buffer, framesOffset, framesLength);
            return Action.CONTINUE;
        }

        final Connection[] peers = active;
        final int count = peers.length;
        int slot = roundRobin >= count ? 0 : roundRobin;
        for (int i = 0; i < count; i++, slot = slot + 1 == count ? 0 : slot + 1)
        {
            final Connection connection = peers[slot];
            if (connection.canStage(framesLength))
            {
                stage(connection, buffer, framesOffset, framesLength);
                roundRobin = slot + 1;
                if (type == SocketType.REQ)
                {
                    requestConnection = connection;
                }
                return Action.CONTINUE;
            }
        }
        return Action.ABORT;
    }

    private static void stage(
        final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        final StagingBuffer staging = connection.staging();
        staging.buffer().putBytes(staging.fill(), buffer, offset, length);
        staging.commit(length);
    }

    private void rebuildActive()
    {
        int count = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive())
            {
                count++;
            }
        }
        final Connection[] result = new Connection[count];
        int j = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive())
            {
                result[j++] = connections.get(i);
            }
        }
        active = result;
        activeDirty = false;
        shared.activePeers(count);
    }

    @Override
    public SocketType socketType()
    {
        return type;
    }

    /** The connector that owns a connection, or null for an accepted connection. */
    private Connector connectorOf(final Connection connection)
    {
        for (int i = 0; i < connectors.size(); i++)
        {
            if (connectors.get(i).connection() == connection)
            {
                return connectors.get(i);
            }
        }
        return null;
    }

    @Override
    public String onConnectionReady(final Connection connection)
    {
        if (closing && connectorOf(connection) == null)
        {
            return "socket is closing";
        }
        if (type == SocketType.PAIR)
        {
            for (int i = 0; i < connections.size(); i++)
            {
                final Connection other = connections.get(i);
                if (other != connection && other.isActive())
                {
                    return "PAIR socket already has a peer";
                }
            }
        }
        if (type == SocketType.ROUTER)
        {
            final String refusal = assignRoutingId(connection);
            if (refusal != null)
            {
                return refusal;
            }
        }
        byPeerId.put(connection.peerId(), connection);
        final Connector connector = connectorOf(connection);
        if (connector != null)
        {
            connector.onHandshakeSucceeded();
        }
        activeDirty = true;
        rebuildActive();
        if (type == SocketType.ROUTER)
        {
            publishDirectory();
        }
        if (subscriber != null)
        {
            subscriber.onConnectionReady(connection); // re-send every subscription
        }
        return null;
    }

    private String assignRoutingId(final Connection connection)
    {
        final byte[] identity = connection.peerIdentity();
        if (identity.length > 0)
        {
            if (identity[0] == 0)
            {
                return "peer identity may not start with a zero byte (reserved for generated ids)";
            }
            for (int i = 0; i < connections.size(); i++)
            {
                final Connection other = connections.get(i);
                if (other != connection && other.isActive() && java.util.Arrays.equals(other.routingId(), identity))
                {
                    return "identity already in use by another peer";
                }
            }
            connection.routingId(identity);
        }
        else
        {
            // libzmq's generated ids: a zero byte then a 32-bit counter, so they never clash with user identities.
            final byte[] generated = new byte[ROUTING_ID_LENGTH];
            final int id = nextRoutingId++;
            generated[1] = (byte)(id >>> 24);
            generated[2] = (byte)(id >>> 16);
            generated[3] = (byte)(id >>> 8);
            generated[4] = (byte)id;
            connection.routingId(generated);
        }
        return null;
    }

    private void publishDirectory()
    {
        int count = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isActive() && connections.get(i).routingId() != null)
            {
                count++;
            }
        }
        final byte[][] ids = new byte[count][];
        final long[] peers = new long[count];
        int j = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            if (connection.isActive() && connection.routingId() != null)
            {
                ids[j] = connection.routingId();
                peers[j] = connection.peerId();
                j++;
            }
        }
        shared.directory(new RoutingDirectory(ids, peers));
    }

    @Override
    public boolean onMessage(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int frameCount)
    {
        if (subscriber != null && !subscriber.accepts(buffer, offset, length))
        {
            return batchLength == 0; // drop it; with a batch open, stop so the batch stays contiguous first
        }
        switch (type)
        {
            case PUSH:
            case PUB:
            case XPUB:
                return true; // these sockets do not receive messages; drop, as libzmq does

            case REQ:
                return deliverReply(connection, buffer, offset, length);

            case ROUTER:
                return deliver(connection, buffer, offset, length, connection.routingId());

            default:
                return batchesInbound ? addToBatch(connection, buffer, offset, length) :
                    deliver(connection, buffer, offset, length, null);
        }
    }

    private boolean addToBatch(
        final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (batchLength == 0)
        {
            if (MessageRecord.FRAMES_OFFSET + length > inboundMaxRecord)
            {
                return deliver(connection, buffer, offset, length, null); // closes it with the reason
            }
            // Free bytes in the ring now: it can only grow until the batch is claimed, since only we produce.
            final int free = inbound.capacity() - inbound.size() - RECORD_OVERHEAD;
            batchLimit = Math.min(inboundMaxRecord, free) - MessageRecord.FRAMES_OFFSET;
            if (length > batchLimit)
            {
                return false; // not even this one message fits: back-pressure
            }
            batchBuffer = buffer;
            batchOffset = offset;
        }
        else if (batchLength + length > batchLimit)
        {
            return false; // batch full: the connection delivers it and goes on
        }
        batchLength += length;
        return true;
    }

    @Override
    public boolean hasOpenBatch()
    {
        return batchLength > 0;
    }

    @Override
    public int endBatch(final Connection connection)
    {
        final int length = batchLength;
        if (length == 0)
        {
            return 0;
        }
        batchLength = 0;
        final int index = inbound.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, MessageRecord.FRAMES_OFFSET + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return length;
        }
        final org.agrona.concurrent.AtomicBuffer ring = inbound.buffer();
        ring.putLong(index + MessageRecord.PEER_ID_OFFSET, connection.peerId());
        ring.putBytes(index + MessageRecord.FRAMES_OFFSET, batchBuffer, batchOffset, length);
        inbound.commit(index);
        return 0;
    }

    private boolean deliverReply(
        final Connection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (connection != requestConnection)
        {
            return true; // not the peer the request went to: drop, as libzmq's REQ does
        }
        cursor.wrap(buffer, offset, length);
        if (!cursor.next() || cursor.bodyLength() != 0 || !cursor.hasMore())
        {
            return true; // a reply must start with an empty delimiter; drop malformed ones
        }
        final int bodyStart = cursor.nextFrameOffset();
        if (!deliver(connection, buffer, bodyStart, offset + length - bodyStart, null))
        {
            return false;
        }
        requestConnection = null;
        return true;
    }

    private boolean deliver(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final byte[] routingId)
    {
        final int routingLength = routingId == null ? 0 : FrameDescriptor.frameLength(routingId.length);
        final int recordLength = MessageRecord.FRAMES_OFFSET + routingLength + length;
        if (recordLength > inboundMaxRecord)
        {
            connection.close("message of " + length + " encoded bytes exceeds the largest message the receive " +
                "ring holds (" + maxInboundMessage() + " bytes = rcvHwmBytes/8 less record overhead); " +
                "raise rcvHwmBytes");
            return false;
        }
        final int index = inbound.tryClaim(MessageRecord.MSG_TYPE_MESSAGE, recordLength);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer ring = inbound.buffer();
        ring.putLong(index + MessageRecord.PEER_ID_OFFSET, connection.peerId());
        int position = index + MessageRecord.FRAMES_OFFSET;
        if (routingId != null)
        {
            routingIdBuffer.wrap(routingId);
            position += FrameEncoder.encodeFrame(ring, position, true, routingIdBuffer, 0, routingId.length);
        }
        ring.putBytes(position, buffer, offset, length);
        inbound.commit(index);
        return true;
    }

    @Override
    public boolean onSubscription(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return true; // publishers are not implemented yet: subscriptions are ignored
    }

    @Override
    public void onConnectionLost(final Connection connection)
    {
        if (subscriber != null)
        {
            subscriber.onConnectionLost(connection);
        }
        final boolean wasKnown = byPeerId.remove(connection.peerId()) != null;
        activeDirty = true;
        if (wasKnown && type == SocketType.ROUTER)
        {
            publishDirectory();
        }
        if (connection.closeReason() != null && net != null && !closing && !connection.closedWhileConnecting())
        {
            final String event = type + " connection " + connection.endpoint() + " closed: " +
                connection.closeReason();
            if (connection.closedOrdinarily())
            {
                net.logOrdinary(event);
            }
            else
            {
                net.log(event);
            }
        }
        final Connector connector = connectorOf(connection);
        if (connector != null)
        {
            connector.scheduleReconnect(net.nowNs());
            return;
        }
        // An accepted connection ends with its channel; a bound endpoint accepts again instead.
        released.add(connection);
    }

    /**
     * Hand a ready connection over to a PUB/XPUB fan-out worker: the agent stops reading, flushing and counting
     * it. Agent thread.
     *
     * @param connection an ACTIVE connection of this socket.
     */
    public void detach(final Connection connection)
    {
        connections.remove(connection);
        activeDirty = true;
        net.deregister(connection.channel());
    }

    /**
     * Take back a connection a fan-out worker closed: reconnect it if it was connected, release it otherwise.
     * Agent thread.
     *
     * @param connection a CLOSED connection previously {@link #detach detached}.
     */
    public void reattach(final Connection connection)
    {
        connections.add(connection);
        onConnectionLost(connection);
    }

    private void sweepReleased()
    {
        if (released.isEmpty())
        {
            return;
        }
        for (int i = 0; i < released.size(); i++)
        {
            final Connection connection = released.get(i);
            connections.remove(connection);
            releaseConnection(connection);
        }
        released.clear();
        activeDirty = true;
    }

    private void releaseConnection(final Connection connection)
    {
        if (requestConnection == connection)
        {
            requestConnection = null;
        }
        shared.addDropped(connection.free());
    }

    /**
     * Start closing: stop accepting and reconnecting, keep flushing what is queued for up to {@code lingerMs}
     * (negative: until all is sent), then release everything. Agent thread.
     *
     * @param lingerMs linger period in milliseconds.
     * @param nowNs    current time.
     */
    public void close(final long lingerMs, final long nowNs)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        lingerDeadlineNs = lingerMs < 0 ? Long.MAX_VALUE : nowNs + lingerMs * 1_000_000L;
        for (int i = 0; i < listeners.size(); i++)
        {
            listeners.get(i).close();
        }
        listeners.clear();
        // Connected endpoints keep (re)connecting while the socket lingers, as in libzmq: a message sent just
        // before close() to a peer that is not up yet still goes out if the peer comes within the linger time.
    }

    private int progressClose(final long nowNs)
    {
        if (releasedAll)
        {
            return 0;
        }
        final boolean expired = lingerDeadlineNs != Long.MAX_VALUE && lingerDeadlineNs - nowNs <= 0;
        if (!expired && !isFlushed())
        {
            return 0;
        }
        releaseAll();
        return 1;
    }

    private boolean isFlushed()
    {
        if (fanOut != null && !fanOut.isFlushed())
        {
            return false;
        }
        // Queued messages count as unsent while some peer can still take them: a connected one, or one a
        // connector is still trying to reach. With neither, nothing could ever send them.
        if (outbound.size() > 0 && (active.length > 0 || !connectors.isEmpty()))
        {
            return false;
        }
        for (int i = 0; i < connections.size(); i++)
        {
            final Connection connection = connections.get(i);
            if (connection.staging().hasPending() && (connection.isActive() || connectorOf(connection) != null))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Close every connection and free every buffer now, regardless of linger (context shutdown). Agent thread.
     */
    public void releaseAll()
    {
        if (releasedAll)
        {
            return;
        }
        closing = true;
        if (fanOut != null)
        {
            fanOut.releaseAll(); // stops the workers and frees the connections they own
        }
        for (int i = 0; i < listeners.size(); i++)
        {
            listeners.get(i).close();
        }
        listeners.clear();
        for (int i = 0; i < connectors.size(); i++)
        {
            connectors.get(i).close();
        }
        for (int i = 0; i < connections.size(); i++)
        {
            connections.get(i).close("socket closed");
        }
        released.clear();
        for (int i = 0; i < connections.size(); i++)
        {
            releaseConnection(connections.get(i));
        }
        connections.clear();
        connectors.clear();
        byPeerId.clear();
        active = new Connection[0];
        Rings.free(outbound);
        Rings.free(inbound);
        releasedAll = true;
        shared.markReleased();
    }

    /**
     * Whether the socket finished closing and freed its memory.
     *
     * @return true once released.
     */
    public boolean isReleased()
    {
        return releasedAll;
    }

    /**
     * State shared with the application thread.
     *
     * @return the shared state.
     */
    public SocketShared shared()
    {
        return shared;
    }
}
