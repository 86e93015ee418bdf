package io.monocoque.engine.pub;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.ConnectionBufferSizing;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.ArrayList;
import java.util.IdentityHashMap;

/**
 * The engine agent's side of a PUB or XPUB socket's fan-out: owns the publisher's {@link PubRing} and the
 * {@link PubWorker}s, hands each subscriber connection to the least-loaded worker once its handshake is done, and
 * takes dead ones back (to reconnect a {@code connect}ed endpoint, or release an accepted one). For XPUB it also
 * turns the workers' subscription reports into what the application receives ({@link XpubNotifier}).
 * <p>
 * Worker placement: worker 0 runs inside the engine agent's duty cycle, workers 1..N-1 on their own threads
 * ({@code AgentRunner}); in INVOKER mode every worker runs in the duty cycle, so the application's thread drives
 * everything and no thread is started. With the default worker count (half the cores) a 2-core machine runs one
 * worker and no extra thread: the publisher thread and the engine thread are the two busy threads.
 * <p>
 * Threads: created on the application thread (which then publishes through {@link #ring()}); every other method
 * runs on the engine agent thread, except the counters ({@link #droppedMessages()}, {@link #connectedPeers()},
 * {@link #subscriberSessions()}) and {@link #xpubVerbose(boolean)}, which any thread may call.
 */
public final class PubFanOut
{
    /** Event ring of each XPUB worker: subscription reports of up to 1/8 of it (32 KiB prefixes). */
    static final int EVENT_RING_BYTES = 256 * 1024;
    /** Reason given to the subscribers of a worker thread that died. */
    static final String WORKER_DIED = "the fan-out worker serving this subscriber died";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SocketType type;
    private final PubConfig config;
    private final PubRing ring;
    private final PubWorker[] workers;
    private final AgentRunner[] runners;
    private final int[] load;
    private final XpubNotifier notifier;
    private final SocketStatus status;
    private final ArrayList<PubSession> pending = new ArrayList<>();
    private final ArrayList<PubSession> returned = new ArrayList<>();
    private final ArrayList<PubSession> orphaned = new ArrayList<>();
    /** Sessions between a successful handshake and their connection's loss (agent-side index). */
    private final IdentityHashMap<Connection, PubSession> live = new IdentityHashMap<>();
    private FanOutHost host;
    private int handed;
    private boolean released;
    private volatile int subscriberSessions;
    private volatile int connectedPeers;
    /** Drops counted by workers that died and were replaced (their own counters went with them). */
    private volatile long retiredDropped;
    private volatile int workerRestarts;

    /**
     * Create the fan-out and start its worker threads. Application thread, before the socket is added to the
     * engine.
     *
     * @param type    PUB or XPUB.
     * @param config  options (concluded here).
     * @param inbound the socket's receive ring (XPUB delivers subscriptions there).
     * @param status  the socket's status.
     */
    public PubFanOut(
        final SocketType type, final PubConfig config, final OneToOneRingBuffer inbound, final SocketStatus status)
    {
        if (type != SocketType.PUB && type != SocketType.XPUB)
        {
            throw new IllegalArgumentException("fan-out is for PUB and XPUB, not " + type);
        }
        this.type = type;
        this.config = config.xpub(type == SocketType.XPUB).conclude();
        this.status = status;
        this.ring = new PubRing(config.ringBytes());
        this.notifier = type == SocketType.XPUB ? new XpubNotifier(inbound, status) : null;
        final int count = config.workers();
        this.workers = new PubWorker[count];
        this.runners = new AgentRunner[count];
        this.load = new int[count];
        for (int i = 0; i < count; i++)
        {
            workers[i] = newWorker(i);
        }
        for (int i = 1; i < count && !config.invokerMode(); i++)
        {
            startThread(i);
        }
    }

    private PubWorker newWorker(final int index)
    {
        return new PubWorker(index, "monocoque-pub-worker-" + index, ring,
            notifier != null ? Rings.allocate(EVENT_RING_BYTES) : null,
            config.stallTimeoutMs() * NANOS_PER_MILLI, config.errorHandler(), config.clock());
    }

    private void startThread(final int index)
    {
        runners[index] = new AgentRunner(config.idleStrategy().get(), config.errorHandler(), null, workers[index]);
        AgentRunner.startOnThread(runners[index], config.threadFactory());
    }

    /**
     * Attach to the socket it serves, before the socket is added to the agent. Application thread.
     *
     * @param host the socket's engine half.
     */
    public void attach(final FanOutHost host)
    {
        this.host = host;
    }

    /**
     * A new connection for this socket, owned by a {@link PubSession}, whose staging buffer is the subscriber's HWM
     * (sized by need: small while idle, growing for a burst up to half as large again as the HWM) and whose read
     * buffer starts at {@link ConnectionBufferSizing#COMMAND_BUFFER_CAPACITY}: a subscriber sends
     * subscriptions and commands (and, to an XPUB, the odd upstream message, for which the buffer grows), so a
     * page is enough, and a thousand subscribers do not each hold an idle 256 KiB. Agent thread.
     *
     * @param endpointConfig  options of the endpoint.
     * @param endpoint        endpoint text.
     * @param maxRecordLength largest inbound message.
     * @return the connection.
     */
    public Connection newConnection(
        final EndpointConfig endpointConfig, final String endpoint, final int maxRecordLength)
    {
        final PubSession session = new PubSession(this);
        final int hwm = config.subscriberHwmBytes();
        final Connection connection = new Connection(session, endpointConfig, endpoint, maxRecordLength,
            ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY,
            StagingBuffer.withPeerHwm(ConnectionBufferSizing.messageBufferCapacity(hwm), hwm));
        session.connection = connection;
        return connection;
    }

    /**
     * The application disconnects an endpoint whose connection a worker may own: ask that worker to close it (it
     * comes back through the worker's outbox and is released then). Agent thread.
     *
     * @param connection the endpoint's connection.
     * @return true if a worker owns it and was asked; false if the agent owns it (close it directly).
     */
    public boolean disconnect(final Connection connection)
    {
        final PubSession session = live.get(connection);
        if (session == null || session.workerIndex < 0)
        {
            return false;
        }
        workers[session.workerIndex].closeRequests.offer(session);
        return true;
    }

    SocketType socketType()
    {
        return type;
    }

    // ------------------------------------------------------------------ agent-phase callbacks of sessions

    String onSessionReady(final PubSession session)
    {
        final String refusal = host.onConnectionReady(session.connection);
        if (refusal == null)
        {
            live.put(session.connection, session);
            session.pendingHandoff = true;
            pending.add(session);
            publishCounts();
        }
        return refusal;
    }

    void onSessionLostOnAgent(final PubSession session)
    {
        live.remove(session.connection);
        if (session.pendingHandoff)
        {
            session.pendingHandoff = false;
            pending.remove(session);
        }
        if (notifier != null)
        {
            notifier.onSessionLost(session.connection.peerId(), session.subscriptions);
        }
        session.subscriptions.clear();
        host.onConnectionLost(session.connection);
        publishCounts();
    }

    /** A subscription change from a session, on whichever thread owns it. */
    boolean report(
        final PubSession session,
        final boolean subscribe,
        final boolean changed,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (notifier == null)
        {
            return true;
        }
        if (session.worker != null)
        {
            return session.worker.report(
                subscribe ? SubscriptionEventDescriptor.TYPE_SUBSCRIBE : SubscriptionEventDescriptor.TYPE_CANCEL,
                session.connection.peerId(), changed, buffer, offset, length);
        }
        notifier.onSubscription(session.connection.peerId(), subscribe, changed, buffer, offset, length);
        return true;
    }

    /** An ordinary message from a subscriber, on whichever thread owns the session. */
    boolean onUpstreamMessage(final PubSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (notifier == null)
        {
            return true; // PUB ignores messages from subscribers, as libzmq does
        }
        if (session.worker != null)
        {
            return session.worker.report(SubscriptionEventDescriptor.TYPE_MESSAGE, session.connection.peerId(),
                false, buffer, offset, length);
        }
        notifier.onUpstreamMessage(session.connection.peerId(), buffer, offset, length);
        return true;
    }

    // ------------------------------------------------------------------ duty cycle

    /**
     * The agent's share of the fan-out: run the workers that live in the duty cycle, hand ready connections to
     * workers, take dead ones back, deliver XPUB notifications. Agent thread.
     *
     * @param nowNs current time.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        if (released)
        {
            return 0;
        }
        int work = 0;
        for (int i = 0; i < workers.length; i++)
        {
            if (runners[i] == null)
            {
                try
                {
                    work += workers[i].doWork();
                }
                catch (final Throwable ex)
                {
                    config.errorHandler().onError(ex);
                }
            }
        }
        work += replaceDeadWorkers();
        work += handOff();
        work += takeBack();
        if (notifier != null)
        {
            work += notifier.drainOverflow();
        }
        return work;
    }

    private int handOff()
    {
        if (pending.isEmpty())
        {
            return 0;
        }
        int work = 0;
        for (int i = 0; i < pending.size(); i++)
        {
            final PubSession session = pending.get(i);
            final Connection connection = session.connection;
            if (!connection.isActive())
            {
                continue; // its loss callback removes it
            }
            final PubWorker worker = leastLoaded();
            if (worker == null)
            {
                break; // every inbox is full: try again next cycle
            }
            pending.remove(i--);
            session.pendingHandoff = false;
            host.detach(connection);
            session.joinSequence = ring.cursor(); // a late joiner gets only messages published from now on
            session.workerIndex = worker.index;
            load[worker.index]++;
            handed++;
            session.worker = worker; // from here the worker owns the session and its connection
            worker.inbox.offer(session);
            work++;
        }
        publishCounts();
        return work;
    }

    private PubWorker leastLoaded()
    {
        PubWorker best = null;
        for (int i = 0; i < workers.length; i++)
        {
            if (workers[i].inbox.remainingCapacity() > 0 && (best == null || load[i] < load[best.index]))
            {
                best = workers[i];
            }
        }
        return best;
    }

    private int takeBack()
    {
        int work = 0;
        for (final PubWorker worker : workers)
        {
            PubSession session;
            while ((session = worker.outbox.poll()) != null)
            {
                returned.add(session);
            }
            // Everything the worker reported before returning a session is in its event ring now: process it
            // first, so a subscriber's last SUBSCRIBEs are counted before its departure cancels them.
            if (notifier != null)
            {
                work += notifier.drain(worker.events);
            }
            for (int i = 0; i < returned.size(); i++)
            {
                takeBack(returned.get(i));
                work++;
            }
            if (!returned.isEmpty())
            {
                returned.clear();
                publishCounts();
            }
        }
        return work;
    }

    /** A session a worker gave back (its connection closed): reconnect or release it, and forget its subscriptions. */
    private void takeBack(final PubSession lost)
    {
        load[lost.workerIndex]--;
        lost.workerIndex = -1;
        handed--;
        if (notifier != null)
        {
            notifier.onSessionLost(lost.connection.peerId(), lost.subscriptions);
        }
        lost.subscriptions.clear();
        live.remove(lost.connection);
        host.reattach(lost.connection);
    }

    /**
     * Replace every worker whose thread died (an Error escaped its duty cycle; Agrona's runner ends the thread then):
     * once its thread has terminated, stop its sequence gating the publisher, close its subscribers' connections and
     * take them back as if each had died (a {@code connect}ed endpoint reconnects, an accepted subscriber is
     * released and, like any ZeroMQ subscriber, reconnects itself), and start a new worker in its place. Without
     * this, the dead worker's sequence would pin the ring and every send would wait forever.
     */
    private int replaceDeadWorkers()
    {
        int work = 0;
        for (int i = 1; i < workers.length; i++)
        {
            // The runner marks itself closed as the thread's last act (a volatile write), so once it reads closed
            // here, without the agent having asked, everything the dead thread did to its worker is visible.
            if (runners[i] == null || !runners[i].isClosed())
            {
                continue;
            }
            final PubWorker worker = workers[i];
            runners[i].close();
            if (notifier != null)
            {
                notifier.drain(worker.events); // what it reported before it died comes before the departures
            }
            worker.surrender(orphaned);
            for (int j = 0; j < orphaned.size(); j++)
            {
                final PubSession session = orphaned.get(j);
                if (session.connection.isActive())
                {
                    session.connection.close(WORKER_DIED); // its loss callback only marks it on the dead worker
                }
                session.worker = null;
                takeBack(session);
            }
            orphaned.clear();
            if (worker.events != null)
            {
                Rings.free(worker.events);
            }
            retiredDropped += worker.dropped();
            workerRestarts++;
            workers[i] = newWorker(i);
            startThread(i);
            publishCounts();
            work++;
        }
        return work;
    }

    private void publishCounts()
    {
        subscriberSessions = handed;
        connectedPeers = handed + pending.size();
    }

    /**
     * Whether everything published has been written to the kernel for every connected subscriber (linger).
     * Agent thread.
     *
     * @return true when flushed.
     */
    public boolean isFlushed()
    {
        final long cursor = ring.cursor();
        for (final PubWorker worker : workers)
        {
            if (worker.drainedThrough() < cursor)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Stop the workers (joining their threads), close and free the connections they own, free the workers' rings.
     * Agent thread; idempotent.
     */
    public void releaseAll()
    {
        if (released)
        {
            return;
        }
        released = true;
        for (int i = 0; i < workers.length; i++)
        {
            if (runners[i] != null && runners[i].isClosed())
            {
                releaseOrphans(workers[i]); // died and not yet replaced
            }
            workers[i].requestStop();
            if (runners[i] != null)
            {
                runners[i].close();
            }
            else
            {
                workers[i].onClose();
            }
        }
        for (final PubWorker worker : workers)
        {
            PubSession session;
            while ((session = worker.outbox.poll()) != null)
            {
                status.addDropped(session.connection.free());
            }
            if (worker.events != null)
            {
                Rings.free(worker.events);
            }
        }
        handed = 0;
        pending.clear();
        live.clear();
        publishCounts();
        // The publisher ring is the application's too: its socket frees it once no call is inside (CallGate).
    }

    private void releaseOrphans(final PubWorker dead)
    {
        dead.surrender(orphaned);
        for (int j = 0; j < orphaned.size(); j++)
        {
            final Connection connection = orphaned.get(j).connection;
            connection.close("socket closed");
            status.addDropped(connection.free());
        }
        orphaned.clear();
    }

    // ------------------------------------------------------------------ for the application

    /**
     * The ring the application publishes into.
     *
     * @return the ring.
     */
    public PubRing ring()
    {
        return ring;
    }

    /**
     * Messages dropped for subscribers whose buffer was full, or left staged on connections that closed. Any
     * thread.
     *
     * @return the count.
     */
    public long droppedMessages()
    {
        long total = retiredDropped;
        for (final PubWorker worker : workers)
        {
            total += worker.dropped();
        }
        return total;
    }

    /**
     * Subscriber connections owned by workers now: when 0, a published message would reach no one. Any thread.
     *
     * @return the count.
     */
    public int subscriberSessions()
    {
        return subscriberSessions;
    }

    /**
     * Subscribers that finished the handshake and are connected now. Any thread.
     *
     * @return the count.
     */
    public int connectedPeers()
    {
        return connectedPeers;
    }

    /**
     * Deliver every SUBSCRIBE to an XPUB application, duplicates included (libzmq's ZMQ_XPUB_VERBOSE). Any thread.
     *
     * @param verbose true to see duplicates.
     */
    public void xpubVerbose(final boolean verbose)
    {
        if (notifier != null)
        {
            notifier.verbose(verbose);
        }
    }

    /**
     * Workers replaced because their thread died, since the socket opened. Any thread.
     *
     * @return the count.
     */
    public int workerRestarts()
    {
        return workerRestarts;
    }

    /**
     * Number of workers.
     *
     * @return the count.
     */
    public int workerCount()
    {
        return workers.length;
    }
}
