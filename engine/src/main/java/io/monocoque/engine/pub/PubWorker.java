package io.monocoque.engine.pub;

import com.lmax.disruptor.EventPoller;
import io.monocoque.engine.net.SelectorPoller;
import io.monocoque.engine.session.Connection;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * One fan-out worker of a PUB/XPUB socket: a Disruptor consumer of the publisher's {@link PubRing} that owns a
 * partition of the subscriber connections. Each duty cycle it adopts connections the agent handed over (registering
 * their channels with its own selector), reads what subscribers send (SUBSCRIBE/CANCEL, PING), takes a batch of
 * published messages and, for each, stages it on every connection whose subscriptions match the first frame, then
 * writes each touched connection once (batching). A connection whose staging buffer (its HWM in bytes) is full is
 * dropped for and the drop counted: the worker never waits for a subscriber, so a stalled one costs the others
 * nothing but a failed copy attempt. Connections whose kernel buffer is full wait for {@code OP_WRITE}; one that
 * makes no progress for {@code stallTimeoutNs} is disconnected. Dead connections go back to the agent.
 * <p>
 * Runs on its own thread ({@code AgentRunner}) or inside the engine agent's duty cycle; in either case only that
 * thread touches its state. The agent talks to it through {@link #inbox} and {@link #outbox}; counters are published
 * with release semantics for any thread to read.
 */
final class PubWorker implements Agent, EventPoller.Handler<PubEvent>
{
    /** Most messages taken from the ring between two rounds of writes. */
    static final int BATCH_LIMIT = 4096;
    /**
     * Most message bytes taken from the ring between two rounds of writes. Sized like the writes a point-to-point
     * socket makes: large enough that system calls are few per message, small enough that the subscriber is
     * reading one batch while the worker prepares the next (a batch of hundreds of kilobytes leaves the reader
     * idle, then floods it).
     */
    static final int BATCH_BYTES = 64 * 1024;
    /** Capacity of the hand-over queues. */
    static final int QUEUE_CAPACITY = 1024;
    /**
     * Longest time between two polls of the selector. Subscribers send little (subscriptions, PINGs) and a full
     * kernel buffer takes far longer than this to drain, so a {@code selectNow} system call every duty cycle
     * would cost a busy publisher more than it gains; an idle worker still polls this often.
     */
    static final long SELECT_INTERVAL_NS = 50_000;

    private static final VarHandle DROPPED;
    private static final VarHandle DRAINED_THROUGH;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            DROPPED = lookup.findVarHandle(PubWorker.class, "dropped", long.class);
            DRAINED_THROUGH = lookup.findVarHandle(PubWorker.class, "drainedThrough", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final int index;
    final OneToOneConcurrentArrayQueue<PubSession> inbox = new OneToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    final OneToOneConcurrentArrayQueue<PubSession> outbox = new OneToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    /** Sessions the application disconnected (agent to worker); unbounded since disconnects are rare. */
    final ManyToOneConcurrentLinkedQueue<PubSession> closeRequests = new ManyToOneConcurrentLinkedQueue<>();
    /** XPUB only: subscription changes and upstream messages for the agent; null for PUB. */
    final OneToOneRingBuffer events;
    private final SubscriptionReportWriter reports;

    private final PubRing ring;
    private final UnsafeBuffer data;
    private final EventPoller<PubEvent> poller;
    private final SelectorPoller selector;
    private final ErrorHandler errorHandler;
    private final NanoClock clock;
    private final long stallTimeoutNs;
    private final String roleName;
    private final ArrayList<PubSession> returning = new ArrayList<>();
    private final LargeMessageFanOut large = new LargeMessageFanOut(this);
    private PubSession[] sessions = new PubSession[16];
    private int sessionCount;
    private PubSession[] dirty = new PubSession[16];
    private int dirtyCount;
    private int blockedCount;
    private int deadCount;
    private int batch;
    private int batchBytes;
    private long nowNs;
    private boolean closing;
    @SuppressWarnings("unused") // accessed through DROPPED
    private long dropped;
    @SuppressWarnings("unused") // accessed through DRAINED_THROUGH
    private long drainedThrough = -1;
    /** Set by the agent before it stops this worker: an {@link #onClose()} without it means the thread is ending. */
    private volatile boolean stopRequested;

    PubWorker(
        final int index,
        final String roleName,
        final PubRing ring,
        final OneToOneRingBuffer events,
        final long stallTimeoutNs,
        final ErrorHandler errorHandler,
        final NanoClock clock)
    {
        this.index = index;
        this.roleName = roleName;
        this.ring = ring;
        this.data = ring.data();
        this.poller = ring.newPoller();
        this.events = events;
        this.reports = events == null ? null : new SubscriptionReportWriter(events, errorHandler);
        this.stallTimeoutNs = stallTimeoutNs;
        this.errorHandler = errorHandler;
        this.clock = clock;
        this.selector = new SelectorPoller(this::onSelected, errorHandler);
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = adopt();
        work += closeRequested();
        work += pollSubscribers();
        work += fanOut();
        work += flushDirty();
        work += housekeeping();
        work += sweep();
        if (blockedCount == 0 && dirtyCount == 0)
        {
            DRAINED_THROUGH.setRelease(this, poller.getSequence().get());
        }
        return work;
    }

    // ------------------------------------------------------------------ adoption and hand-back

    private int adopt()
    {
        int work = 0;
        PubSession session;
        while ((session = inbox.poll()) != null)
        {
            work++;
            session.dead = false; // flags of a previous session of the same (reconnected) connection
            session.dirty = false;
            session.writeBlocked = false;
            session.runLength = 0;
            session.runMessages = 0;
            session.lastProgressNs = nowNs;
            addSession(session);
            final Connection connection = session.connection;
            if (!connection.isActive())
            {
                onSessionLost(session); // closed between hand-over and now: straight back
                continue;
            }
            try
            {
                connection.transport().pollDirectly(false);
                connection.transport().attachKey(
                    selector.register(connection.channel(), SelectionKey.OP_READ, session));
            }
            catch (final ClosedChannelException ex)
            {
                connection.close("channel closed during hand-over to a fan-out worker"); // -> onSessionLost
                continue;
            }
            markDirty(session); // the handshake's tail or a PONG may be waiting
        }
        return work;
    }

    private int closeRequested()
    {
        int work = 0;
        PubSession session;
        while ((session = closeRequests.poll()) != null)
        {
            if (session.worker == this && !session.dead)
            {
                session.connection.close("disconnected by the application");
            }
            work++;
        }
        return work;
    }

    private void addSession(final PubSession session)
    {
        if (sessionCount == sessions.length)
        {
            sessions = Arrays.copyOf(sessions, sessionCount * 2);
            dirty = Arrays.copyOf(dirty, sessionCount * 2);
        }
        sessions[sessionCount++] = session;
    }

    /**
     * The session's connection closed (read or write error, protocol error, stall). Worker thread, from the
     * connection's callback.
     *
     * @param session the session.
     */
    void onSessionLost(final PubSession session)
    {
        if (!session.dead)
        {
            session.dead = true;
            deadCount++;
        }
    }

    private int sweep()
    {
        int work = 0;
        for (int i = 0; i < returning.size(); i++)
        {
            if (outbox.offer(returning.get(i)))
            {
                returning.remove(i--);
                work++;
            }
        }
        if (deadCount == 0)
        {
            return work;
        }
        int kept = 0;
        for (int i = 0; i < sessionCount; i++)
        {
            final PubSession session = sessions[i];
            if (!session.dead)
            {
                sessions[kept++] = session;
                continue;
            }
            if (session.writeBlocked)
            {
                blockedCount--;
                session.writeBlocked = false;
            }
            session.dirty = false;
            session.worker = null; // from here the agent owns it
            if (!outbox.offer(session))
            {
                returning.add(session);
            }
            work++;
        }
        Arrays.fill(sessions, kept, sessionCount, null);
        sessionCount = kept;
        deadCount = 0;
        return work;
    }

    // ------------------------------------------------------------------ reading subscribers

    private int pollSubscribers()
    {
        return sessionCount == 0 ? 0 : selector.poll(nowNs, SELECT_INTERVAL_NS);
    }

    private int onSelected(final SelectionKey key)
    {
        final PubSession session = (PubSession)key.attachment();
        final Connection connection = session.connection;
        int work = 0;
        try
        {
            final int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0)
            {
                flush(session);
                work++;
            }
            if (key.isValid() && (ready & SelectionKey.OP_READ) != 0)
            {
                if (connection.onReadable() != 0)
                {
                    work++;
                }
                if (!session.dead && connection.staging().hasPending())
                {
                    markDirty(session); // a PONG
                }
            }
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
            connection.close("internal error: " + ex);
        }
        return work;
    }

    // ------------------------------------------------------------------ fan-out

    private int fanOut()
    {
        batch = 0;
        batchBytes = 0;
        try
        {
            poller.poll(this);
        }
        catch (final Exception ex)
        {
            // The poller has released the batch's slots: a run not yet copied may point at overwritten bytes.
            errorHandler.onError(ex);
            discardRuns();
        }
        return batch;
    }

    private void discardRuns()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final PubSession session = dirty[i];
            if (session.runLength > 0)
            {
                session.dropped += session.runMessages;
                addDropped(session.runMessages);
                session.runLength = 0;
                session.runMessages = 0;
            }
        }
    }

    @Override
    public boolean onEvent(final PubEvent event, final long sequence, final boolean endOfBatch)
    {
        final int offset = ring.offsetOf(event.position);
        final int length = event.length;
        if (event.kind != PubEvent.WHOLE || large.inProgress())
        {
            large.onFragment(event, sequence, offset, length);
        }
        else
        {
            fanOutWhole(event, sequence, offset, length);
        }
        batchBytes += length;
        final boolean more = ++batch < BATCH_LIMIT && batchBytes < BATCH_BYTES;
        if (endOfBatch || !more)
        {
            copyRuns(); // the poller releases these slots to the publisher when this batch ends
        }
        return more;
    }

    void fanOutWhole(final PubEvent event, final long sequence, final int offset, final int length)
    {
        final int topicOffset = offset + event.topicOffset;
        final int topicLength = event.topicLength;
        final DirectBuffer data = this.data;
        final PubSession[] sessions = this.sessions;
        for (int i = 0, count = sessionCount; i < count; i++)
        {
            final PubSession session = sessions[i];
            if (!session.dead && sequence > session.joinSequence)
            {
                try
                {
                    if (session.subscriptions.matches(data, topicOffset, topicLength))
                    {
                        stage(session, offset, length);
                    }
                }
                catch (final Throwable ex)
                {
                    // One connection's failure (even an Error) must not abort the batch (the poller would replay it).
                    errorHandler.onError(ex);
                    session.connection.close("internal error: " + ex);
                }
            }
        }
    }

    /**
     * Stage a message for a session. Consecutive messages lie back to back in the ring's data, so a run of them
     * is copied to the staging buffer in one go (at the end of the batch, or when the run breaks): one small copy
     * per message would cost more than the message. A message the staging buffer has no room for, even after a
     * write to the kernel, is dropped for this session.
     */
    private void stage(final PubSession session, final int offset, final int length)
    {
        final Connection connection = session.connection;
        if (session.runLength > 0)
        {
            // Never grow the buffer for a run: only a single message larger than the HWM may do that.
            if (session.runOffset + session.runLength == offset &&
                connection.canStageWithoutGrowing(session.runLength + length))
            {
                session.runLength += length;
                session.runMessages++;
                return;
            }
            copyRun(session);
        }
        if (!connection.canStage(length))
        {
            // Full: unless the kernel is known to be full, one write may make room; otherwise drop for this one.
            if (session.writeBlocked || !flush(session) || !connection.canStage(length))
            {
                session.dropped++; // also when that write found the connection dead: this one was not staged
                addDropped(1);
                return;
            }
        }
        session.runOffset = offset;
        session.runLength = length;
        session.runMessages = 1;
        markDirty(session);
    }

    private void copyRuns()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final PubSession session = dirty[i];
            if (session.runLength > 0)
            {
                try
                {
                    copyRun(session);
                }
                catch (final Throwable ex)
                {
                    errorHandler.onError(ex);
                    session.connection.close("internal error: " + ex);
                }
            }
        }
    }

    void copyRun(final PubSession session)
    {
        final int length = session.runLength;
        final int messages = session.runMessages;
        session.runLength = 0;
        session.runMessages = 0;
        final Connection connection = session.connection;
        // Room was checked as the run grew (a single message may have grown the buffer): only death can fail it.
        if (session.dead || !(messages == 1 ? connection.canStage(length) : connection.canStageWithoutGrowing(length)))
        {
            session.dropped += messages;
            addDropped(messages);
            return;
        }
        connection.stage(data, session.runOffset, length);
    }

    void markDirty(final PubSession session)
    {
        if (!session.dirty)
        {
            session.dirty = true;
            dirty[dirtyCount++] = session;
        }
    }

    private int flushDirty()
    {
        int work = 0;
        for (int i = 0; i < dirtyCount; i++)
        {
            final PubSession session = dirty[i];
            dirty[i] = null;
            session.dirty = false;
            if (!session.dead && !session.writeBlocked)
            {
                flush(session);
                work++;
            }
        }
        dirtyCount = 0;
        return work;
    }

    /** One write; tracks whether the kernel is full. @return false if the connection died. */
    boolean flush(final PubSession session)
    {
        final Connection connection = session.connection;
        final int written = connection.flush();
        if (written < 0 || session.dead)
        {
            return false;
        }
        final boolean pending = connection.staging().hasPending();
        if (written > 0 || !pending)
        {
            session.lastProgressNs = nowNs;
        }
        if (pending != session.writeBlocked)
        {
            session.writeBlocked = pending;
            blockedCount += pending ? 1 : -1;
            connection.transport().writeInterest(pending);
        }
        return true;
    }

    private int housekeeping()
    {
        int work = 0;
        for (int i = 0; i < sessionCount; i++)
        {
            final PubSession session = sessions[i];
            if (session.dead)
            {
                continue;
            }
            final Connection connection = session.connection;
            work += connection.onTimer(nowNs);
            if (connection.isInboundBlocked())
            {
                work += connection.retryBlockedInbound();
            }
            if (session.writeBlocked && stallTimeoutNs > 0 && nowNs - session.lastProgressNs > stallTimeoutNs)
            {
                connection.close("subscriber made no progress for " + (stallTimeoutNs / 1_000_000) +
                    " ms (stall timeout)");
                work++;
            }
        }
        return work;
    }

    /** @return sessions this worker owns now (the first {@link #sessionCount()} of {@link #sessions()}). */
    int sessionCount()
    {
        return sessionCount;
    }

    /** @return the session table; entries past {@link #sessionCount()} are null. */
    PubSession[] sessions()
    {
        return sessions;
    }

    /** @return the publisher ring's data, which events point into. */
    UnsafeBuffer data()
    {
        return data;
    }

    // ------------------------------------------------------------------ XPUB reports

    /**
     * Queue a subscription change for the agent (XPUB). Worker thread.
     *
     * @return false if the event ring is full (the connection offers it again later).
     */
    boolean report(final int type, final long peerId, final boolean changed, final DirectBuffer buffer,
        final int offset, final int length)
    {
        return reports.write(type, peerId, changed, buffer, offset, length);
    }

    // ------------------------------------------------------------------ published state

    /**
     * Messages dropped for full subscribers, and staged messages lost with closed connections. Any thread.
     *
     * @return the count.
     */
    long dropped()
    {
        return (long)DROPPED.getAcquire(this);
    }

    /**
     * The last ring sequence after which every connection of this worker had written everything. Any thread.
     *
     * @return the sequence.
     */
    long drainedThrough()
    {
        return (long)DRAINED_THROUGH.getAcquire(this);
    }

    void addDropped(final long count)
    {
        if (count > 0)
        {
            DROPPED.setRelease(this, (long)DROPPED.getOpaque(this) + count);
        }
    }

    /**
     * Tell the worker that the {@link #onClose()} to come is an ordinary stop. Agent thread, before it closes the
     * worker's runner (or, for a worker in its duty cycle, calls {@link #onClose()}).
     */
    void requestStop()
    {
        stopRequested = true;
    }

    /**
     * Hand every session this dead worker holds (adopted, waiting in its inbox, on their way back) to the agent,
     * close its selector, and stop its sequence gating the publisher. Agent thread, only once the worker's runner
     * has closed unasked: the runner's closed flag, written last by the dying thread, makes the worker's plain
     * fields visible to the agent.
     *
     * @param into receives the sessions; some are already closed, others still connected.
     */
    void surrender(final ArrayList<PubSession> into)
    {
        ring.removePoller(poller);
        for (int i = 0; i < sessionCount; i++)
        {
            into.add(sessions[i]);
        }
        Arrays.fill(sessions, 0, sessionCount, null);
        sessionCount = 0;
        PubSession session;
        while ((session = inbox.poll()) != null)
        {
            into.add(session);
        }
        while ((session = outbox.poll()) != null)
        {
            into.add(session);
        }
        into.addAll(returning);
        returning.clear();
        selector.close();
    }

    @Override
    public void onClose()
    {
        if (!stopRequested)
        {
            // The thread ends unasked (interrupted; an Error skips onClose altogether): leave the sessions for the
            // agent to take back with surrender(), rather than free connections the agent still indexes.
            return;
        }
        closing = true;
        for (int i = 0; i < sessionCount; i++)
        {
            release(sessions[i]);
        }
        Arrays.fill(sessions, 0, sessionCount, null);
        sessionCount = 0;
        PubSession session;
        while ((session = inbox.poll()) != null)
        {
            release(session);
        }
        for (int i = 0; i < returning.size(); i++)
        {
            addDropped(returning.get(i).connection.free());
        }
        returning.clear();
        selector.close();
    }

    private void release(final PubSession session)
    {
        session.connection.close("socket closed");
        addDropped(session.connection.free());
        session.worker = null;
    }

    /**
     * Whether {@link #onClose()} ran.
     *
     * @return true once closing.
     */
    boolean isClosing()
    {
        return closing;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
