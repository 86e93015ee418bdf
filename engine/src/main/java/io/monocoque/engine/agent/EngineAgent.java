package io.monocoque.engine.agent;

import io.monocoque.engine.net.Connector;
import io.monocoque.engine.net.Listener;
import io.monocoque.engine.net.HostLookup;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.net.ResolverThread;
import io.monocoque.engine.net.SelectorPoller;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.socket.SocketEngine;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single-writer duty-cycle agent that owns every channel of an engine: each {@link #doWork()} reads the clock
 * once, runs queued control commands, polls the selector without garbage ({@link SelectorPoller}), then lets each
 * socket drain its outbound ring, flush its connections, retry back-pressured
 * inbound delivery and run its timers (reconnects, handshake deadlines, linger).
 * <p>
 * Runs on one thread at a time: its own ({@code AgentRunner}) or the application's ({@code AgentInvoker}). Nothing
 * else touches its state; application threads reach it only through the command queue and the sockets' rings.
 * A failure in one connection closes that connection; a failure in a duty-cycle step is reported to the error
 * handler and the loop goes on.
 */
public final class EngineAgent implements Agent, NetContext
{
    private static final int COMMANDS_PER_CYCLE = 16;
    /** Longest the stopping agent waits for application calls still inside a socket's rings to leave. */
    private static final long CALLS_LEAVING_WAIT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long CALLS_LEAVING_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * When every connection is read directly, the selector only serves accepts and connects: poll it at this
     * interval instead of every cycle, saving an {@code epoll_wait} per cycle on the latency path.
     */
    private static final long IDLE_SELECT_INTERVAL_NS = 100_000;
    /**
     * Most connections, over all sockets, that are read directly every cycle. Reading a few connections directly
     * saves the {@code epoll_wait} a selector costs; a thousand SUB sockets of one connection each would instead
     * make a thousand {@code read} calls per cycle, most finding nothing, where one {@code selectNow} names the
     * ready ones.
     */
    public static final int DIRECT_POLL_MAX_TOTAL = 16;

    private final SelectorPoller selector;
    private final ManyToOneConcurrentArrayQueue<EngineCommand<?>> commands;
    private final ArrayList<SocketEngine> sockets = new ArrayList<>();
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private final EngineCounters counters;
    private final ResolverThread resolver;
    private final AgentWake wake;
    private long nowNs;
    private int connectionCount;
    private boolean selectEveryCycle = true;
    private volatile Throwable failure;
    private long nextPeerId = 1;

    /**
     * Create the agent.
     *
     * @param commands     queue of control commands from application threads.
     * @param clock        clock read once per duty cycle.
     * @param errorHandler receives failures and connection events.
     * @param counters     counters the agent updates.
     * @param resolver     looks host names up off the duty cycle; closed with the agent.
     * @param wake         the wake-ups between this agent and application threads.
     */
    public EngineAgent(
        final ManyToOneConcurrentArrayQueue<EngineCommand<?>> commands,
        final NanoClock clock,
        final ErrorHandler errorHandler,
        final EngineCounters counters,
        final ResolverThread resolver,
        final AgentWake wake)
    {
        this.wake = wake;
        this.resolver = resolver;
        this.commands = commands;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.counters = counters;
        this.selector = new SelectorPoller(this::onSelected, errorHandler);
        wake.waker(selector::wakeup);
        this.nowNs = clock.nanoTime();
    }

    @Override
    public int doWork()
    {
        try
        {
            nowNs = clock.nanoTime();
            counters.dutyCycle();
            int work = runCommands();
            work += pollChannels();
            work += socketsWork(nowNs);
            if (work > 0)
            {
                wakeWaiters();
            }
            return work;
        }
        catch (final Throwable ex)
        {
            // Nothing per connection or per socket caught it: the agent cannot go on. Record why, so that every
            // waiting and later call fails fast naming it, and stop in order (onClose releases everything).
            failure = ex;
            try
            {
                errorHandler.onError(ex);
            }
            catch (final Throwable handlerFailure)
            {
                ex.addSuppressed(handlerFailure); // the application's handler threw too: stop all the same
            }
            throw new AgentTerminationException(ex);
        }
    }

    /**
     * Sleep in the selector: say so ({@link AgentWake#beginSleep()}), run one more duty cycle (work an application
     * thread handed over before it could see the flag), and only if that finds nothing block until a channel is
     * ready, the next timer of any socket is due, {@code maxNs} passes or an application thread wakes the selector.
     * Agent thread (the engine's {@code SelectorIdleStrategy} calls it).
     *
     * @param maxNs longest sleep.
     * @return work done.
     */
    public int sleep(final long maxNs)
    {
        wake.beginSleep();
        try
        {
            final int work = doWork();
            if (work > 0)
            {
                return work;
            }
            long timeoutNs = maxNs;
            for (int i = 0; i < sockets.size(); i++)
            {
                final SocketEngine socket = sockets.get(i);
                socket.prepareSleep();
                timeoutNs = Math.min(timeoutNs, socket.nsUntilTimer(nowNs));
            }
            // A wake-up that came during the last look was spent by its selectNow: the cleared flag says so.
            if (timeoutNs <= 0 || wake.isStopped() || wake.isWokenUp())
            {
                return 0;
            }
            counters.slept();
            final int woken = selector.select(timeoutNs);
            if (woken > 0)
            {
                // The select handed ready channels to their connections, which may have delivered: tell the
                // pollers before unparking anyone, or a woken poller finds its flags still lowered.
                for (int i = 0; i < sockets.size(); i++)
                {
                    sockets.get(i).reportReadiness();
                }
                wakeWaiters();
            }
            return woken;
        }
        catch (final AgentTerminationException ex)
        {
            throw ex; // doWork recorded the failure already
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex); // preparing the sleep failed: stay awake, the next cycle retries
            return 0;
        }
        finally
        {
            wake.endSleep();
        }
    }

    private void wakeWaiters()
    {
        if (wake.hasWaiters())
        {
            for (int i = 0; i < sockets.size(); i++)
            {
                sockets.get(i).wakeWaiter();
            }
        }
    }

    /**
     * Why the agent stopped on its own, if it did: every application call then fails naming it. Any thread.
     *
     * @return the cause, or null while the agent runs (or after an orderly close).
     */
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public void onConnectionFailure(final String what, final Throwable cause)
    {
        counters.connectionFailed();
        errorHandler.onError(new ConnectionEvent(what + " failed and was closed: " + cause, cause));
    }

    private int runCommands()
    {
        int work = 0;
        EngineCommand<?> command;
        while (work < COMMANDS_PER_CYCLE && (command = commands.poll()) != null)
        {
            command.execute(this);
            work++;
        }
        return work;
    }

    private int pollChannels()
    {
        return selector.poll(nowNs, selectEveryCycle ? 0 : IDLE_SELECT_INTERVAL_NS);
    }

    private int onSelected(final SelectionKey key)
    {
        final Object attachment = key.attachment();
        try
        {
            if (attachment instanceof Connection)
            {
                final int bytes = ((Connection)attachment).onReadable();
                if (bytes > 0)
                {
                    counters.bytesIn(bytes);
                    return 1;
                }
                return 0;
            }
            if (attachment instanceof Listener)
            {
                final int accepted = ((Listener)attachment).onAcceptable();
                counters.accepted(accepted);
                return accepted;
            }
            if (attachment instanceof Connector)
            {
                return ((Connector)attachment).onConnectable(nowNs);
            }
        }
        catch (final Throwable ex)
        {
            // Whatever one connection throws (even an Error such as direct memory running out) closes it alone.
            if (attachment instanceof Connection)
            {
                final Connection connection = (Connection)attachment;
                onConnectionFailure(connection.endpoint(), ex);
                connection.close("internal error: " + ex);
            }
            else
            {
                errorHandler.onError(ex);
            }
        }
        return 0;
    }

    private int socketsWork(final long nowNs)
    {
        int work = 0;
        boolean selectorNeeded = false;
        final boolean directAllowed = connectionCount <= DIRECT_POLL_MAX_TOTAL;
        int total = 0;
        for (int i = 0; i < sockets.size(); i++)
        {
            final SocketEngine socket = sockets.get(i);
            try
            {
                work += socket.doWork(nowNs, directAllowed);
                selectorNeeded |= socket.needsSelectorEveryCycle();
                total += socket.connectionCount();
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex); // one socket's failure outside its connections: the others go on
            }
            if (socket.isReleased())
            {
                sockets.remove(i--);
            }
        }
        selectEveryCycle = selectorNeeded;
        connectionCount = total;
        return work;
    }

    /**
     * Add a socket. Agent thread (from a command).
     *
     * @param socket the socket's engine half.
     */
    public void addSocket(final SocketEngine socket)
    {
        socket.attach(this);
        sockets.add(socket);
    }

    /**
     * Number of sockets not yet released.
     *
     * @return the count.
     */
    public int socketCount()
    {
        return sockets.size();
    }

    @Override
    public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
    {
        try
        {
            return selector.register(channel, ops, attachment);
        }
        catch (final ClosedChannelException ex)
        {
            throw new UncheckedIOException("channel closed before registration", ex);
        }
    }

    @Override
    public void deregister(final SelectableChannel channel)
    {
        selector.deregister(channel);
    }

    @Override
    public long nextPeerId()
    {
        return nextPeerId++;
    }

    @Override
    public long nowNs()
    {
        return nowNs;
    }

    @Override
    public void log(final String message)
    {
        counters.connectionClosed();
        errorHandler.onError(new ConnectionEvent(message, false));
    }

    @Override
    public void logOrdinary(final String message)
    {
        counters.connectionClosed();
        errorHandler.onError(new ConnectionEvent(message, true));
    }

    @Override
    public HostLookup lookUp(final String host)
    {
        return resolver.lookUp(host);
    }

    @Override
    public void reportRetry(final String message, final boolean ordinary)
    {
        errorHandler.onError(new ConnectionEvent(message, ordinary));
    }

    /**
     * Release every socket immediately and close the selector. Called when the agent stops.
     */
    @Override
    public void onClose()
    {
        for (int i = 0; i < sockets.size(); i++)
        {
            sockets.get(i).releaseAll();
        }
        awaitCallsLeaving();
        sockets.clear();
        EngineCommand<?> command;
        while ((command = commands.poll()) != null)
        {
            command.execute(this);
        }
        selector.close();
        resolver.close();
    }

    /**
     * Calls still inside a socket's rings (another thread polling while the context closes) leave as soon as they
     * see the socket closed; wait a bounded time for them, then leave any memory still in use to the garbage
     * collector (each ring is a direct buffer its cleaner frees once unreachable) rather than free it under a call.
     */
    private void awaitCallsLeaving()
    {
        final long deadline = System.nanoTime() + CALLS_LEAVING_WAIT_NS;
        boolean pending = true;
        while (pending && System.nanoTime() - deadline < 0)
        {
            pending = false;
            for (int i = 0; i < sockets.size(); i++)
            {
                final SocketEngine socket = sockets.get(i);
                socket.releaseAll();
                pending |= !socket.isReleased();
            }
            if (pending)
            {
                LockSupport.parkNanos(CALLS_LEAVING_PARK_NS);
            }
        }
    }

    @Override
    public String roleName()
    {
        return "monocoque-engine";
    }

    /**
     * The counters this agent updates.
     *
     * @return the counters.
     */
    public EngineCounters counters()
    {
        return counters;
    }
}
