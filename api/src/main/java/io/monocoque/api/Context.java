package io.monocoque.api;

import io.monocoque.engine.Engine;
import io.monocoque.engine.SelectorIdleStrategy;
import io.monocoque.engine.shared.HostResolver;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The entry point: owns one engine (one agent thread, or none in INVOKER mode) and creates sockets. Closing the
 * context closes every socket, lets each linger (flush) for up to its linger time, stops the engine and frees all
 * off-heap memory.
 * <pre>{@code
 * try (Context context = Context.create();
 *      Socket dealer = context.socket(SocketType.DEALER))
 * {
 *     dealer.connect("tcp://127.0.0.1:5555");
 *     dealer.send("hello");
 *     String reply = dealer.recvString();
 * }
 * }</pre>
 * Thread safety: {@link #socket(SocketType)} and {@link #close()} may be called from any thread in DEDICATED mode;
 * sockets themselves belong to one thread at a time.
 */
public final class Context implements AutoCloseable
{
    private final Engine engine;
    private final Supplier<IdleStrategy> waitStrategy;
    private final ArrayList<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    private Context(final Builder builder)
    {
        this.waitStrategy = builder.waitStrategy;
        this.engine = Engine.launch(new Engine.Context()
            .invokerMode(builder.threadingMode == ThreadingMode.INVOKER)
            .idleStrategy(builder.idleStrategy)
            .workerIdleStrategy(builder.workerIdleStrategy)
            .threadFactory(builder.threadFactory)
            .errorHandler(builder.errorHandler)
            .hostResolver(builder.hostResolver));
    }

    /**
     * A context with defaults: an engine thread that sleeps in its selector when idle.
     *
     * @return the context.
     */
    public static Context create()
    {
        return builder().build();
    }

    /**
     * A builder to choose threading mode, idle strategies and handlers.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Create a socket.
     *
     * @param type the socket type.
     * @return the socket; its class is the type's (e.g. {@link RouterSocket} for ROUTER).
     */
    public Socket socket(final SocketType type)
    {
        checkNotClosed();
        final Socket socket = switch (type)
        {
            case PAIR -> new PairSocket(this);
            case DEALER -> new DealerSocket(this);
            case ROUTER -> new RouterSocket(this);
            case REQ -> new ReqSocket(this);
            case REP -> new RepSocket(this);
            case PUSH -> new PushSocket(this);
            case PULL -> new PullSocket(this);
            case PUB -> new PubSocket(this);
            case SUB -> new SubSocket(this);
            case XPUB -> new XPubSocket(this);
            case XSUB -> new XSubSocket(this);
        }; // exhaustive: a new SocketType does not compile until it has a socket class
        synchronized (sockets)
        {
            checkNotClosed(); // under the lock: a close snapshots the sockets under it, so none escapes its close
            sockets.add(socket);
        }
        return socket;
    }

    private void checkNotClosed()
    {
        if (closed)
        {
            throw new SocketClosedException("context is closed");
        }
    }

    /**
     * Create a socket of a type given by name, case-insensitive (for tools and configuration files).
     *
     * @param typeName e.g. "dealer".
     * @return the socket.
     * @throws IllegalArgumentException naming the unknown type.
     */
    public Socket socket(final String typeName)
    {
        final SocketType type;
        try
        {
            type = SocketType.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown socket type '" + typeName + "'", ex);
        }
        return socket(type);
    }

    Engine engine()
    {
        return engine;
    }

    IdleStrategy newWaitStrategy()
    {
        return waitStrategy == null ? null : waitStrategy.get();
    }

    void onClosed(final Socket socket)
    {
        synchronized (sockets)
        {
            sockets.remove(socket);
        }
    }

    /**
     * Drive the engine's duty cycle once (INVOKER mode); a no-op in DEDICATED mode. Call it from the context's one
     * application thread whenever it is not blocked in a socket call.
     *
     * @return work done.
     */
    public int invoke()
    {
        return engine.invoke();
    }

    /**
     * Idle after a turn of an INVOKER-mode loop ({@link #invoke()} plus the loop's own socket calls) as the
     * context's idle strategy says: with the default, spin and yield a little, then sleep in the engine's selector
     * until bytes arrive, a timer is due or the strategy's longest sleep passes. The thread that drives the engine;
     * in DEDICATED mode it does nothing (the engine thread idles on its own; a loop there should block in
     * {@code recv}/{@code send} instead).
     *
     * @param workCount work the turn did; positive resets the strategy to its spinning phase.
     */
    public void idle(final int workCount)
    {
        engine.idle(workCount);
    }

    /**
     * Whether {@link #close()} was called: true from the moment it begins, while its sockets may still linger.
     *
     * @return true once closing.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Close every open socket (each lingers as its {@code lingerMs} says), wait for the engine to flush or the
     * lingers to expire, then stop the engine and free everything. Idempotent. Any thread, also while other threads
     * are inside calls on its sockets (they return or throw {@link SocketClosedException}).
     *
     * @throws SocketStateException if called from inside a call on one of its sockets (a poll handler): the context
     *                              cannot wait for that call to end.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        final ArrayList<Socket> open;
        synchronized (sockets)
        {
            for (final Socket socket : sockets)
            {
                if (socket.isInCallOnCurrentThread())
                {
                    // Its rings are freed only once that call has left them, and this thread is that call.
                    throw new SocketStateException("Context.close() from inside a call on one of its sockets (a " +
                        socket.type() + " poll handler?) cannot wait for that call to end; close the context after " +
                        "it returns");
                }
            }
            closed = true; // from now on no socket is made, and the context says it is closed while it lingers
            open = new ArrayList<>(sockets);
        }
        for (final Socket socket : open)
        {
            socket.close();
        }
        final ArrayList<Socket> all = open;
        // Lingering happens in the engine; wait for it (driving it in INVOKER mode).
        for (final Socket socket : all)
        {
            while (!socket.isReleased() && engine.failure() == null)
            {
                engine.idleWhileWaiting();
            }
        }
        engine.close();
    }

    /**
     * Context configuration.
     */
    public static final class Builder
    {
        private ThreadingMode threadingMode = ThreadingMode.DEDICATED;
        private IdleStrategy idleStrategy;
        private Supplier<IdleStrategy> waitStrategy;
        private ThreadFactory threadFactory;
        private Supplier<IdleStrategy> workerIdleStrategy;
        private HostResolver hostResolver;
        private ErrorHandler errorHandler;

        /**
         * DEDICATED (default: the engine has its own thread) or INVOKER (the application drives it).
         *
         * @param mode the mode.
         * @return this.
         */
        public Builder threadingMode(final ThreadingMode mode)
        {
            this.threadingMode = mode;
            return this;
        }

        /**
         * Idle strategy of the engine thread (in INVOKER mode: of the application thread while it waits in a
         * blocking call). The default, {@link #sleepInSelector()}, spins and yields for a few idle cycles and then
         * sleeps in the selector ({@code epoll_wait}) until a channel is ready, a timer is due or the application
         * hands the engine work, as libzmq does: no CPU when idle, woken by the kernel when bytes arrive. Agrona's
         * {@code BusySpinIdleStrategy} (lowest latency, costs a core per spinning thread: only with cores to spare),
         * {@code YieldingIdleStrategy}, {@code BackoffIdleStrategy} (spin, yield, then park up to 1 ms: wakes on a
         * timer, not on data) and {@code SleepingIdleStrategy} are the other choices. One instance per context.
         *
         * @param idleStrategy the strategy.
         * @return this.
         */
        public Builder idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * Idle strategy of every thread the engine starts: the engine thread and each PUB/XPUB fan-out worker thread
         * get their own instance (most strategies are stateful, so one instance cannot serve two threads). Without
         * it, workers back off ({@code BackoffIdleStrategy}) whatever {@link #idleStrategy(IdleStrategy)} says.
         *
         * @param idleStrategies makes one strategy per engine-owned thread.
         * @return this.
         */
        public Builder idleStrategy(final Supplier<IdleStrategy> idleStrategies)
        {
            this.idleStrategy = idleStrategies.get();
            this.workerIdleStrategy = idleStrategies;
            return this;
        }

        /**
         * A new instance of the default idle strategy, the one that sleeps in the selector (give each context its
         * own).
         *
         * @return the strategy.
         */
        public static IdleStrategy sleepInSelector()
        {
            return new SelectorIdleStrategy();
        }

        /**
         * A new instance of the strategy that sleeps in the selector, no step sleeping longer than
         * {@code maxSleepNs}: for an INVOKER-mode loop that idles with {@link Context#idle(int)} and must also
         * notice, within that time, something the engine is not told of (a stop flag set by another thread).
         *
         * @param maxSleepNs longest sleep of one idle step; positive.
         * @return the strategy.
         * @throws IllegalArgumentException if not positive.
         */
        public static IdleStrategy sleepInSelector(final long maxSleepNs)
        {
            return new SelectorIdleStrategy(maxSleepNs);
        }

        /**
         * How application threads wait in blocking send/recv calls in DEDICATED mode; one strategy instance per
         * socket. Without one (the default) a waiting thread spins and yields briefly, then parks until the engine
         * thread makes progress on the socket and unparks it, so a message wakes it at once.
         *
         * @param waitStrategy makes a strategy per socket, or null for the default.
         * @return this.
         */
        public Builder waitStrategy(final Supplier<IdleStrategy> waitStrategy)
        {
            this.waitStrategy = waitStrategy;
            return this;
        }

        /**
         * Factory of every thread the engine starts: the engine thread and the PUB/XPUB fan-out worker threads (name,
         * pinning, priority).
         *
         * @param threadFactory the factory.
         * @return this.
         */
        public Builder threadFactory(final ThreadFactory threadFactory)
        {
            this.threadFactory = threadFactory;
            return this;
        }

        /**
         * Replace the system's name service (tests: a resolver that blocks or fails). Package-private: not an
         * application option.
         *
         * @param hostResolver the resolver; null for the system's.
         * @return this.
         */
        Builder hostResolver(final HostResolver hostResolver)
        {
            this.hostResolver = hostResolver;
            return this;
        }

        /**
         * Handler of engine errors and connection events (called on the engine thread).
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Builder errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Start the engine and return the context.
         *
         * @return the context.
         */
        public Context build()
        {
            return new Context(this);
        }
    }
}
