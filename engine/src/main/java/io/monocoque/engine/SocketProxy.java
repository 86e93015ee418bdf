package io.monocoque.engine;

import io.monocoque.engine.agent.EngineCommand;
import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.pub.PubConfig;
import io.monocoque.engine.pub.PubFanOut;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.EndpointInUseException;
import io.monocoque.engine.shared.HandOffSlots;
import io.monocoque.engine.shared.InvalidEndpointException;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import io.monocoque.engine.socket.SocketEngine;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The application side of one socket in an engine: the handle through which everything outside the engine
 * reaches a socket. It owns nothing the agent does; it holds the two rings the application writes and reads
 * (records laid out as {@link io.monocoque.engine.shared.MessageRecord} says), the status the agent publishes
 * ({@link SocketStatus}), and turns control operations (bind, connect, unbind, disconnect, close) into commands the
 * agent runs on its own thread, waiting for each. A PUB or XPUB socket's handle is a {@link PublisherProxy}.
 * <p>
 * Used by the application thread that owns the socket (control calls from any one thread at a time; in INVOKER
 * mode, the thread that drives the engine).
 */
public class SocketProxy
{
    private final Engine engine;
    private final SocketEngine socket;
    private final OneToOneRingBuffer sendRing;
    private final OneToOneRingBuffer receiveRing;
    private final SocketStatus status;

    SocketProxy(
        final Engine engine,
        final SocketEngine socket,
        final OneToOneRingBuffer sendRing,
        final OneToOneRingBuffer receiveRing,
        final SocketStatus status)
    {
        this.engine = engine;
        this.socket = socket;
        this.sendRing = sendRing;
        this.receiveRing = receiveRing;
        this.status = status;
    }

    /**
     * Create a socket in an engine: allocate its rings, build its agent half (and a PUB or XPUB socket's fan-out,
     * whose worker threads start now) and add it to the agent. Application thread.
     *
     * @param engine the engine.
     * @param spec   the socket's type, ring capacities and fan-out options.
     * @return the handle; a {@link PublisherProxy} for PUB and XPUB.
     * @throws IllegalArgumentException if a capacity is out of range ({@link Rings#effectiveCapacity(long)}).
     */
    public static SocketProxy open(final Engine engine, final SocketSpec spec)
    {
        final OneToOneRingBuffer sendRing = Rings.allocate(spec.sendRingBytes());
        final OneToOneRingBuffer receiveRing = Rings.allocate(spec.receiveRingBytes());
        final SocketStatus status = new SocketStatus();
        final PubFanOut fanOut = spec.isPublisher() ? newFanOut(engine, spec, receiveRing, status) : null;
        final SocketEngine socket = new SocketEngine(spec.type(), sendRing, receiveRing, status, fanOut);
        engine.execute(EngineCommand.of(agent ->
        {
            agent.addSocket(socket);
            return null;
        }));
        return fanOut == null ? new SocketProxy(engine, socket, sendRing, receiveRing, status) :
            new PublisherProxy(engine, socket, sendRing, receiveRing, status, fanOut);
    }

    private static PubFanOut newFanOut(
        final Engine engine, final SocketSpec spec, final OneToOneRingBuffer receiveRing, final SocketStatus status)
    {
        final PubFanOut fanOut = new PubFanOut(spec.type(), new PubConfig()
            .workers(spec.pubWorkers())
            .ringBytes(spec.pubRingBytes())
            .subscriberHwmBytes((int)spec.subscriberHwmBytes())
            .stallTimeoutMs(spec.subscriberStallTimeoutMs())
            .invokerMode(engine.isInvokerMode())
            .threadFactory(engine.context().workerThreadFactory())
            .idleStrategy(engine.context().workerIdleStrategy())
            .errorHandler(engine.context().errorHandler()),
            receiveRing, status);
        fanOut.xpubVerbose(spec.xpubVerbose());
        return fanOut;
    }

    /**
     * Check an endpoint string without using it, so a socket can refuse a bad one before it allocates anything.
     * Any thread.
     *
     * @param endpoint   the endpoint as the application wrote it.
     * @param forConnect true to also refuse what can be bound but not connected to (a wildcard host, port 0).
     * @throws InvalidEndpointException naming what is wrong.
     */
    public static void checkEndpoint(final String endpoint, final boolean forConnect)
    {
        final Endpoint parsed = Endpoint.parse(endpoint);
        if (forConnect)
        {
            parsed.checkConnectable();
        }
    }

    /**
     * Bind an endpoint and start accepting peers; waits until the agent has bound it.
     *
     * @param endpoint the endpoint, e.g. {@code tcp://*:0}.
     * @param config   the options its connections get.
     * @return the bound endpoint, e.g. with the real port.
     * @throws InvalidEndpointException if the endpoint is malformed or its host name does not resolve.
     * @throws EndpointInUseException   if the address is in use.
     * @throws IllegalStateException    if the socket is closing.
     */
    public String bind(final String endpoint, final EndpointConfig config)
    {
        // Resolved here, on the caller's thread: an unknown host fails this call, as zmq_bind does, and a slow name
        // service holds up only this caller, never the agent and the other sockets.
        final Endpoint parsed = Endpoint.parse(endpoint).resolvedWith(engine.context().hostResolver());
        return engine.execute(EngineCommand.of(agent -> socket.bind(parsed, endpoint, config)));
    }

    /**
     * Connect an endpoint; returns once the agent has taken it (the connection itself is made, and retried, in the
     * background).
     *
     * @param endpoint the endpoint, e.g. {@code tcp://127.0.0.1:5555}.
     * @param config   the options its connection gets.
     * @throws InvalidEndpointException if the endpoint is malformed or cannot be connected to.
     * @throws IllegalStateException    if the socket is closing.
     */
    public void connect(final String endpoint, final EndpointConfig config)
    {
        final Endpoint parsed = Endpoint.parse(endpoint);
        parsed.checkConnectable();
        engine.execute(EngineCommand.of(agent ->
        {
            socket.connect(parsed, endpoint, config);
            return null;
        }));
    }

    /**
     * Stop listening on a bound endpoint (connections accepted through it stay).
     *
     * @param endpoint as given to or returned by {@link #bind}.
     * @return true if it was bound.
     */
    public boolean unbind(final String endpoint)
    {
        return engine.execute(EngineCommand.of(agent -> socket.unbind(endpoint)));
    }

    /**
     * Close the connection to a connected endpoint and stop reconnecting to it.
     *
     * @param endpoint as given to {@link #connect}.
     * @return true if it was connected.
     */
    public boolean disconnect(final String endpoint)
    {
        return engine.execute(EngineCommand.of(agent -> socket.disconnect(endpoint)));
    }

    /**
     * Start closing: the agent flushes for up to {@code lingerMs}, then frees the rings ({@link #isReleased()}).
     *
     * @param lingerMs -1 until everything is sent, 0 drop at once, otherwise milliseconds.
     */
    public void close(final long lingerMs)
    {
        if (engine.failure() != null)
        {
            return; // the stopped agent released everything already; closing must still return
        }
        engine.execute(EngineCommand.of(agent ->
        {
            socket.close(lingerMs, agent.nowNs());
            return null;
        }));
    }

    /**
     * The ring the application writes messages into (one whole message per record).
     *
     * @return the send ring; freed once {@link #isReleased()}.
     */
    public OneToOneRingBuffer sendRing()
    {
        return sendRing;
    }

    /**
     * The ring the application reads messages from.
     *
     * @return the receive ring; freed once {@link #isReleased()}.
     */
    public OneToOneRingBuffer receiveRing()
    {
        return receiveRing;
    }

    /**
     * The slots the receive ring lends large messages through ({@code MessageRecord.MSG_TYPE_HAND_OFF} records name
     * them); the application thread reads a lent message and releases its slot.
     *
     * @return the slots.
     */
    public HandOffSlots handOffSlots()
    {
        return socket.handOffSlots();
    }

    /**
     * What the agent publishes about the socket (peers, drops, the ROUTER directory). Any thread.
     *
     * @return the status.
     */
    public SocketStatus status()
    {
        return status;
    }

    /**
     * Whether the agent has finished with the socket after close and freed its memory. Any thread.
     *
     * @return true once released.
     */
    public boolean isReleased()
    {
        return status.isReleased();
    }

    /**
     * Messages the engine dropped for this socket. Any thread.
     *
     * @return the count.
     */
    public long droppedMessages()
    {
        return status.droppedMessages();
    }

    /**
     * Peers connected now (handshake done). Any thread.
     *
     * @return the count.
     */
    public int connectedPeers()
    {
        return status.activePeers();
    }
}
