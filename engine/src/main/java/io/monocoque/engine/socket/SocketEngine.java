package io.monocoque.engine.socket;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.net.Transport;
import io.monocoque.engine.pattern.PeerSet;
import io.monocoque.engine.pattern.SocketPattern;
import io.monocoque.engine.pub.FanOutHost;
import io.monocoque.engine.pub.PubFanOut;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.ConnectionBufferSizing;
import io.monocoque.engine.session.ConnectionOwner;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.CallGate;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.HandOffSlots;
import io.monocoque.engine.shared.InboundWriter;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;

/**
 * The engine agent's half of one socket: its life cycle (bound and connected endpoints, the connections they
 * bring, close with linger, release), its share of the duty cycle, and the owner every connection reports to.
 * What the socket's type means (round-robin, routing ids, subscriptions...) is its {@link SocketPattern}; a PUB or
 * XPUB socket's subscribers live in its {@link PubFanOut}.
 * <p>
 * Created on an application thread, then owned by the engine agent thread: every method but the constructor runs
 * on the agent.
 */
public final class SocketEngine implements ConnectionOwner, FanOutHost
{
    /** How often a sleeping agent looks at what its PUB/XPUB fan-out's workers hand back. */
    private static final long FAN_OUT_POLL_NS = ConnectionDuty.BLOCKED_DELIVERY_POLL_NS;
    private static final long CALL_EXIT_POLL_NS = ConnectionDuty.BLOCKED_DELIVERY_POLL_NS;
    /** Up to this many connections, each is read directly every duty cycle instead of through the selector. */
    public static final int DIRECT_POLL_MAX_CONNECTIONS = 4;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SocketType type;
    private final OneToOneRingBuffer outbound;
    private final OneToOneRingBuffer inbound;
    private final SocketStatus status;
    private final WaiterWakeup waiterWakeup;
    private final ReadinessReporter readinessReporter;
    private final ConnectionDuty duty;
    private final PeerSet peers;
    private final InboundWriter writer;
    /**
     * Messages up to this long always fit one receive-ring record, whatever prefix frame the pattern adds (a ROUTER's
     * routing id of up to 255 bytes): only longer ones may be lent in the read buffer, so only they pay for the offer.
     */
    private final int largestNeverLent;
    /** A routing-id frame: a short header and up to 255 bytes. */
    private static final int MAX_PREFIX_FRAME_LENGTH = FrameDescriptor.SHORT_HEADER_LENGTH + 255;
    private final SocketPattern pattern;
    private final PubFanOut fanOut;
    private final int maxInboundMessage;
    private final int readBufferCapacity;
    private final int stagingCapacity;
    private final int peerHwmBytes;
    private final ArrayList<BoundEndpoint> bound = new ArrayList<>();
    private final ArrayList<ConnectedEndpoint> connected = new ArrayList<>();
    private final ArrayList<Connection> released = new ArrayList<>();
    private boolean readsDirectly = true;
    private NetContext net;
    private boolean closing;
    private long lingerDeadlineNs;
    private boolean releasedAll;
    /** Every connection is closed and freed; only the shared rings may be waiting for a call to leave. */
    private boolean connectionsReleased;

    /**
     * Create the agent half of a socket. Application thread; the rings are then shared with the agent.
     *
     * @param type     socket type.
     * @param outbound application → agent ring.
     * @param inbound  agent → application ring.
     * @param status   state published to the application.
     * @param fanOut   the fan-out of a PUB or XPUB socket (attached here), null for other types.
     */
    public SocketEngine(
        final SocketType type,
        final OneToOneRingBuffer outbound,
        final OneToOneRingBuffer inbound,
        final SocketStatus status,
        final PubFanOut fanOut)
    {
        this.type = type;
        this.outbound = outbound;
        this.inbound = inbound;
        this.status = status;
        this.waiterWakeup = new WaiterWakeup(status, inbound, outbound);
        this.readinessReporter = new ReadinessReporter(status, inbound, outbound);
        this.peers = new PeerSet(status);
        this.writer = new InboundWriter(inbound);
        this.largestNeverLent = writer.maxMessageLength(MAX_PREFIX_FRAME_LENGTH);
        this.duty = new ConnectionDuty(peers, this::fail, writer);
        this.pattern = SocketPattern.forType(type, peers, writer, status);
        this.maxInboundMessage = SocketPattern.maxInboundMessage(writer, type);
        // Each connection's buffers start from what it carries: a quarter of the ring on that side for messages
        // (256 KiB with the default HWM), a page for commands only, so small HWMs make small connections.
        this.readBufferCapacity = ConnectionBufferSizing.readBufferCapacity(type, inbound.capacity());
        this.stagingCapacity = ConnectionBufferSizing.stagingCapacity(type, outbound.capacity());
        this.peerHwmBytes = outbound.capacity();
        this.fanOut = fanOut;
        if (fanOut != null)
        {
            fanOut.attach(this);
        }
    }

    private Connection newConnection(final EndpointConfig config, final String endpoint)
    {
        return fanOut != null ? fanOut.newConnection(config, endpoint, maxInboundMessage) :
            new Connection(this, config, endpoint, maxInboundMessage, readBufferCapacity, newStaging());
    }

    /** @return the slots the receive ring lends large messages' read buffers through, for the reader. Any thread. */
    public HandOffSlots handOffSlots()
    {
        return writer.handOffSlots();
    }

    private StagingBuffer newStaging()
    {
        // ROUTER and REP drop at a full peer, so the peer's staging buffer is its HWM: the socket's send HWM, as a
        // libzmq pipe's HWM is its socket's, grown only as a burst needs; the others keep messages in the ring until
        // there is room.
        return SocketPattern.dropsAtPeerHwm(type) ? StagingBuffer.withPeerHwm(stagingCapacity, peerHwmBytes) :
            new StagingBuffer(stagingCapacity);
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

    // ------------------------------------------------------------------ endpoints

    /**
     * Bind an endpoint. Agent thread.
     *
     * @param endpoint  the parsed endpoint.
     * @param requested the endpoint as the application wrote it.
     * @param config    endpoint options.
     * @return the bound endpoint, e.g. with the real port.
     */
    public String bind(final Endpoint endpoint, final String requested, final EndpointConfig config)
    {
        checkOpen();
        final BoundEndpoint binding = new BoundEndpoint(this, endpoint, requested, config, net);
        bound.add(binding);
        return binding.boundEndpoint();
    }

    /**
     * Stop listening on an endpoint and release its address. Connections already accepted through it stay open.
     * Agent thread.
     *
     * @param endpoint the endpoint as given to bind, or as returned by it.
     * @return true if it was bound.
     */
    public boolean unbind(final String endpoint)
    {
        for (int i = 0; i < bound.size(); i++)
        {
            final BoundEndpoint binding = bound.get(i);
            if (binding.matches(endpoint))
            {
                bound.remove(i);
                binding.close();
                return true;
            }
        }
        return false;
    }

    /**
     * Connect an endpoint; the connection is made asynchronously and retried. Agent thread.
     *
     * @param endpoint  the parsed endpoint.
     * @param requested the endpoint as the application wrote it.
     * @param config    endpoint options.
     */
    public void connect(final Endpoint endpoint, final String requested, final EndpointConfig config)
    {
        checkOpen();
        final Connection connection = newConnection(config, requested);
        final ConnectedEndpoint dialled;
        try
        {
            dialled = new ConnectedEndpoint(this, endpoint, requested, config, connection, net);
        }
        catch (final RuntimeException | Error ex)
        {
            connection.free(); // its buffers are nobody's now
            throw ex;
        }
        connected.add(dialled);
        peers.add(connection);
    }

    /**
     * Disconnect a connected endpoint: close its connection and drop what it had staged. Agent thread.
     *
     * @param endpoint the endpoint as given to connect.
     * @return true if it was connected.
     */
    public boolean disconnect(final String endpoint)
    {
        for (int i = 0; i < connected.size(); i++)
        {
            final ConnectedEndpoint dialled = connected.get(i);
            if (dialled.endpoint().equals(endpoint))
            {
                connected.remove(i);
                dialled.connector().close();
                final Connection connection = dialled.connection();
                if (fanOut != null && fanOut.disconnect(connection))
                {
                    return true; // a fan-out worker owns it: the worker closes it and hands it back for release
                }
                connection.close("disconnected by the application");
                peers.remove(connection);
                // Closing it queued it for the sweep of closed connections too (it is no longer a connected
                // endpoint's): release it once, here.
                released.remove(connection);
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

    void onAccepted(final BoundEndpoint binding, final SocketChannel channel)
    {
        if (closing)
        {
            CloseHelper.quietClose(channel); // refusing it: a failed close changes nothing
            return;
        }
        Connection connection = null;
        try
        {
            connection = newConnection(binding.config(), binding.boundEndpoint());
            peers.add(connection);
            startSession(connection, channel, null);
        }
        catch (final Throwable ex)
        {
            // E.g. direct memory ran out for its buffers: refuse this connection, and only this one.
            CloseHelper.quietClose(channel); // refusing it: a failed close changes nothing
            if (connection != null)
            {
                peers.remove(connection);
                connection.close("refused: " + ex);
                status.addDropped(connection.free());
            }
            net.onConnectionFailure("accepted connection on " + binding.boundEndpoint(), ex);
        }
    }

    /**
     * Handling a connection threw (whatever it was: even an Error such as direct memory running out): close that
     * connection only, count and report it; every other connection goes on.
     */
    private void fail(final Connection connection, final Throwable cause)
    {
        net.onConnectionFailure(connection.endpoint(), cause);
        connection.close("internal error: " + cause);
    }

    /**
     * Run a session on a connected channel: the connection starts its handshake and the channel is watched for
     * reads (its connect key re-attached, or a new registration).
     */
    void startSession(final Connection connection, final SocketChannel channel, final SelectionKey connectKey)
    {
        connection.start(channel, net.nextPeerId(), net.nowNs());
        final SelectionKey key;
        if (connectKey != null)
        {
            connectKey.attach(connection);
            connectKey.interestOps(SelectionKey.OP_READ);
            key = connectKey;
        }
        else
        {
            key = net.register(channel, SelectionKey.OP_READ, connection);
        }
        connection.transport().attachKey(key);
        // Send the greeting now, as libzmq does, not at the next duty cycle: a peer refused on its first bytes (an
        // incompatible socket type, a bad greeting) must still get ours before the close.
        try
        {
            connection.flush();
        }
        catch (final Throwable ex)
        {
            fail(connection, ex);
        }
    }

    private ConnectedEndpoint connectedEndpointOf(final Connection connection)
    {
        for (int i = 0; i < connected.size(); i++)
        {
            if (connected.get(i).connection() == connection)
            {
                return connected.get(i);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ duty cycle

    /**
     * One duty cycle's worth of work for this socket. Agent thread.
     *
     * @param nowNs         current time.
     * @param directAllowed whether the agent has few enough connections in all for this socket's to be read
     *                      directly, which they then are if the socket has at most
     *                      {@link #DIRECT_POLL_MAX_CONNECTIONS}.
     * @return work done.
     */
    public int doWork(final long nowNs, final boolean directAllowed)
    {
        if (connectionsReleased)
        {
            freeSharedMemory(); // an application call was inside the rings when they were released
            return 0;
        }
        int work = 0;
        for (int i = 0, size = connected.size(); i < size; i++)
        {
            work += connected.get(i).connector().onTimer(nowNs);
        }
        // Write before reading: a reply the application just queued leaves in this cycle, not after a read.
        peers.active(); // publishes connectedPeers() after a change, also for sockets that send nothing
        work += pattern.drainOutbound(outbound);
        final boolean direct = directAllowed && peers.size() <= DIRECT_POLL_MAX_CONNECTIONS;
        readsDirectly = direct;
        work += duty.serve(nowNs, direct);
        if (fanOut != null)
        {
            work += fanOut.doWork(nowNs);
        }
        sweepReleased();
        readinessReporter.reportIfMoved(); // before closing may free the rings; release raises the flag itself
        if (closing)
        {
            work += progressClose(nowNs);
        }
        return work;
    }

    /**
     * Tell the poller watching this socket, if any, that its rings moved: after a blocking select handed ready
     * channels to their connections, which may have delivered outside any {@link #doWork}. Agent thread.
     */
    public void reportReadiness()
    {
        if (!connectionsReleased) // the rings may be freed once the connections are
        {
            readinessReporter.reportIfMoved();
        }
    }

    /**
     * Whether this socket relies on the agent's selector to notice inbound data (it has more connections than
     * are read directly). Listeners and pending connects always use the selector, at a lower frequency.
     *
     * @return true if some connection needs the selector every cycle.
     */
    public boolean needsSelectorEveryCycle()
    {
        return !readsDirectly && peers.size() > 0;
    }

    /**
     * The agent is about to sleep in its selector: have the selector wake it for every connection with bytes the
     * kernel has not taken yet (and not for the others, which a level-triggered selector would report writable at
     * once). Agent thread.
     */
    public void prepareSleep()
    {
        duty.prepareSleep();
    }

    /**
     * How long the agent may sleep before this socket has time-driven work: reconnects and connect timeouts,
     * handshake deadlines, the linger deadline, and short polls for what no selector reports (a delivery waiting for
     * room in the receive ring, a fan-out whose workers hand connections back). Agent thread.
     *
     * @param nowNs current time.
     * @return nanoseconds (0 or less: due now), {@link Long#MAX_VALUE} if nothing is due.
     */
    public long nsUntilTimer(final long nowNs)
    {
        if (connectionsReleased)
        {
            // An application call still inside the rings leaves them without telling anyone (a release store,
            // nothing the hot path could afford to fence): look now and then until the memory is freed.
            return releasedAll ? Long.MAX_VALUE : CALL_EXIT_POLL_NS;
        }
        // The fan-out's workers hand connections back through a queue that wakes no selector: look now and then.
        long ns = Math.min(fanOut != null ? FAN_OUT_POLL_NS : Long.MAX_VALUE, duty.nsUntilTimer(nowNs));
        for (int i = 0, size = connected.size(); i < size; i++)
        {
            ns = Math.min(ns, connected.get(i).connector().nsUntilTimer(nowNs));
        }
        if (closing && lingerDeadlineNs != Long.MAX_VALUE)
        {
            ns = Math.min(ns, lingerDeadlineNs - nowNs);
        }
        return ns;
    }

    /**
     * Unpark the application thread parked on this socket, if any, when this socket's rings moved since the last
     * wake-up ({@link WaiterWakeup}). Agent thread, after a duty cycle that did work.
     */
    public void wakeWaiter()
    {
        waiterWakeup.wakeIfMoved();
    }

    /**
     * Connections this socket owns now (the agent totals them to choose between direct reads and its selector).
     *
     * @return the count.
     */
    public int connectionCount()
    {
        return peers.size();
    }

    // ------------------------------------------------------------------ what connections report

    @Override
    public SocketType socketType()
    {
        return type;
    }

    @Override
    public String onConnectionReady(final Connection connection)
    {
        final ConnectedEndpoint dialled = connectedEndpointOf(connection);
        if (closing && dialled == null)
        {
            return "socket is closing";
        }
        final String refusal = pattern.onConnectionReady(connection);
        if (refusal != null)
        {
            return refusal;
        }
        if (dialled != null)
        {
            dialled.connector().onHandshakeSucceeded();
        }
        return null;
    }

    @Override
    public boolean onMessage(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int frameCount)
    {
        if (length <= largestNeverLent)
        {
            // One record holds it (whatever prefix frame the pattern adds): it is batched or copied, never lent.
            return pattern.onMessage(connection, buffer, offset, length);
        }
        final Transport transport = connection.transport();
        offerReadBuffer(transport, buffer);
        final boolean accepted = pattern.onMessage(connection, buffer, offset, length);
        endReadBufferOffer(transport);
        return accepted;
    }

    /** The messages about to be delivered lie in {@code buffer}: it may be lent if it is the connection's own. */
    private void offerReadBuffer(final Transport transport, final DirectBuffer buffer)
    {
        writer.offerReadBuffer(transport.isReadBufferLent() || buffer != transport.readView() ? null :
            transport.readView());
    }

    /** After a delivery: lent or not, the buffer is not offered for the next one; if lent, the reader has it now. */
    private void endReadBufferOffer(final Transport transport)
    {
        final ByteBuffer replacement = writer.takeReadBufferReplacement();
        writer.offerReadBuffer(null);
        if (replacement != null)
        {
            transport.lendReadBuffer(replacement); // the connection reads into the replacement from now on
        }
    }

    @Override
    public int messageRunLimit()
    {
        return pattern.messageRunLimit();
    }

    @Override
    public boolean onMessageRun(final Connection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        return pattern.onMessageRun(connection, buffer, offset, length);
    }

    @Override
    public boolean hasOpenBatch()
    {
        return writer.hasOpenBatch();
    }

    @Override
    public int endBatch(final Connection connection)
    {
        if (!writer.hasOpenBatch())
        {
            return 0;
        }
        // The batch lies in the connection's read buffer: a large one may be lent rather than copied.
        final Transport transport = connection.transport();
        offerReadBuffer(transport, transport.readView());
        final int givenBack = writer.endBatch(connection.peerId());
        endReadBufferOffer(transport);
        return givenBack;
    }

    @Override
    public boolean onSubscription(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return true; // only publishers act on subscriptions, in their fan-out's sessions
    }

    @Override
    public void onConnectionLost(final Connection connection)
    {
        writer.abandon(connection.peerId()); // a message it was part-way through will never be finished
        pattern.onConnectionLost(connection);
        if (connection.closeReason() != null && net != null && !closing)
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
        final ConnectedEndpoint dialled = connectedEndpointOf(connection);
        if (dialled != null)
        {
            dialled.connector().scheduleReconnect(net.nowNs());
            return;
        }
        // An accepted connection ends with its channel; a bound endpoint accepts again instead.
        released.add(connection);
    }

    @Override
    public void detach(final Connection connection)
    {
        peers.remove(connection);
        net.deregister(connection.channel());
    }

    @Override
    public void reattach(final Connection connection)
    {
        peers.add(connection);
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
            peers.remove(connection);
            releaseConnection(connection);
        }
        released.clear();
    }

    private void releaseConnection(final Connection connection)
    {
        pattern.onReleased(connection);
        status.addDropped(connection.free());
    }

    // ------------------------------------------------------------------ close and linger

    /**
     * Start closing: stop accepting, keep flushing what is queued for up to {@code lingerMs} (negative: until all
     * is sent), then release everything. Agent thread.
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
        lingerDeadlineNs = lingerMs < 0 ? Long.MAX_VALUE : nowNs + lingerMs * NANOS_PER_MILLI;
        closeBound();
        // Connected endpoints keep (re)connecting while the socket lingers, as in libzmq: a message sent just
        // before close() to a peer that is not up yet still goes out if the peer comes within the linger time.
    }

    private void closeBound()
    {
        for (int i = 0; i < bound.size(); i++)
        {
            bound.get(i).close();
        }
        bound.clear();
    }

    private int progressClose(final long nowNs)
    {
        if (connectionsReleased)
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
        if (outbound.size() > 0 && (peers.active().length > 0 || !connected.isEmpty()))
        {
            return false;
        }
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            if (connection.staging().hasPending() &&
                (connection.isActive() || connectedEndpointOf(connection) != null))
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
        if (connectionsReleased)
        {
            freeSharedMemory();
            return;
        }
        connectionsReleased = true;
        closing = true;
        if (fanOut != null)
        {
            fanOut.releaseAll(); // stops the workers and frees the connections they own
        }
        closeBound();
        for (int i = 0; i < connected.size(); i++)
        {
            connected.get(i).connector().close();
        }
        for (int i = 0; i < peers.size(); i++)
        {
            peers.get(i).close("socket closed");
        }
        released.clear();
        for (int i = 0; i < peers.size(); i++)
        {
            releaseConnection(peers.get(i));
        }
        peers.clear();
        connected.clear();
        freeSharedMemory();
    }

    /**
     * Free the rings the application shares (the close protocol, {@link CallGate}): retired first, freed once no
     * call is inside them; until then this is retried every duty cycle, and the socket counts as released only
     * after.
     */
    private void freeSharedMemory()
    {
        final CallGate gate = status.callGate();
        gate.retire();
        if (releasedAll || gate.isInside())
        {
            return;
        }
        Rings.free(outbound);
        Rings.free(inbound);
        if (fanOut != null)
        {
            fanOut.ring().free();
        }
        releasedAll = true;
        status.markReleased();
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
     * @return the status.
     */
    public SocketStatus status()
    {
        return status;
    }
}
