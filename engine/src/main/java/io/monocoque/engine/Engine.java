package io.monocoque.engine;

import io.monocoque.engine.agent.ConnectionEvent;
import io.monocoque.engine.agent.EngineAgent;
import io.monocoque.engine.agent.EngineCommand;
import io.monocoque.engine.agent.EngineCounters;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.shared.HostResolver;
import io.monocoque.engine.net.ResolverThread;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * Owns one engine agent and the thread (or invoker) that runs it, and carries control commands from application
 * threads to it. Create with {@link #launch(Context)}; close once.
 * <p>
 * Thread safety: {@link #execute} may be called from any thread in DEDICATED mode; in INVOKER mode only from the
 * thread that drives the invoker (checked).
 */
public final class Engine implements AutoCloseable
{
    private static final int COMMAND_QUEUE_CAPACITY = 1024;
    private static final long COMMAND_PARK_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Context context;
    private final EngineAgent agent;
    private final ManyToOneConcurrentArrayQueue<EngineCommand<?>> commands =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private final AgentWake wake;
    /** The context's idle strategy when it sleeps in the selector, for INVOKER-mode waits bounded by a timeout. */
    private final SelectorIdleStrategy sleepingIdle;
    private volatile boolean closed;
    private Thread invokerThread;

    private Engine(final Context context)
    {
        this.context = context;
        final IdleStrategy idle = context.idleStrategy();
        this.sleepingIdle = idle instanceof SelectorIdleStrategy ? (SelectorIdleStrategy)idle : null;
        // In INVOKER mode the thread that would wake the agent is the agent: nothing to signal.
        this.wake = new AgentWake(sleepingIdle != null && !context.invokerMode());
        this.agent = new EngineAgent(commands, SystemNanoClock.INSTANCE, context.errorHandler(), new EngineCounters(),
            new ResolverThread(context.hostResolver(), context.resolverThreadFactory()), wake);
        if (sleepingIdle != null)
        {
            sleepingIdle.bind(agent::sleep);
        }
        if (!context.invokerMode())
        {
            runner = new AgentRunner(context.idleStrategy(), context.errorHandler(), null, agent);
            invoker = null;
            AgentRunner.startOnThread(runner, context.threadFactory());
        }
        else
        {
            runner = null;
            invoker = new AgentInvoker(context.errorHandler(), null, agent);
            invoker.start();
        }
    }

    /**
     * Start an engine.
     *
     * @param context configuration; concluded by this call.
     * @return the running engine.
     */
    public static Engine launch(final Context context)
    {
        context.conclude();
        return new Engine(context);
    }

    /**
     * Run a control command on the agent and wait for its result.
     *
     * @param command the command.
     * @param <T>     result type.
     * @return the command's result.
     * @throws IllegalStateException if the engine is closed, or (INVOKER mode) if called from another thread than
     *                               the one driving the invoker.
     */
    public <T> T execute(final EngineCommand<T> command)
    {
        if (closed)
        {
            throw new IllegalStateException("context is closed");
        }
        checkAlive();
        checkInvokerThread();
        while (!commands.offer(command))
        {
            checkAlive();
            wake.wakeAgent();
            idleWhileWaiting();
        }
        wake.wakeAgent();
        while (!command.isDone())
        {
            if (closed && runner != null && runner.isClosed())
            {
                throw new IllegalStateException("context closed while a command was pending");
            }
            checkAlive();
            idleWhileWaiting();
        }
        return command.join();
    }

    /**
     * Why the agent stopped on its own, if it did (see {@link EngineFailedException}). Any thread.
     *
     * @return the cause, or null while it runs.
     */
    public Throwable failure()
    {
        return agent.failure();
    }

    /**
     * Fail fast if the agent stopped on its own. Any thread; a volatile read.
     *
     * @throws EngineFailedException naming the cause.
     */
    public void checkAlive()
    {
        final Throwable failure = agent.failure();
        if (failure != null)
        {
            throw new EngineFailedException(failure);
        }
    }

    /**
     * What a thread waiting on the engine does between checks: drive the duty cycle in INVOKER mode, otherwise
     * park briefly. Used by blocking socket calls.
     */
    public void idleWhileWaiting()
    {
        if (invoker != null)
        {
            invoker.invoke();
        }
        else
        {
            java.util.concurrent.locks.LockSupport.parkNanos(COMMAND_PARK_NS);
        }
    }

    /**
     * What a thread blocked in a socket call does between attempts in INVOKER mode: run a duty cycle and, if it
     * found nothing to do, idle as the context's strategy says; a strategy that sleeps in the selector sleeps at
     * most {@code maxNs} (the call's remaining timeout). Does nothing in DEDICATED mode.
     *
     * @param maxNs longest the thread may sleep in this step.
     */
    public void idleWhileWaiting(final long maxNs)
    {
        if (invoker == null)
        {
            return;
        }
        final int work = invoker.invoke();
        if (sleepingIdle != null)
        {
            if (work > 0)
            {
                sleepingIdle.reset();
            }
            else
            {
                sleepingIdle.idleFor(maxNs);
            }
        }
        else
        {
            context.idleStrategy().idle(work);
        }
    }

    /**
     * Idle after an INVOKER-mode loop's turn as the context's strategy says (sleeping in the selector by default).
     * The thread driving the invoker; does nothing in DEDICATED mode.
     *
     * @param workCount work the turn did.
     */
    public void idle(final int workCount)
    {
        if (invoker != null)
        {
            context.idleStrategy().idle(workCount);
        }
    }

    /**
     * The wake-ups between application threads and this engine's agent.
     *
     * @return the engine's signal.
     */
    public AgentWake wake()
    {
        return wake;
    }

    /**
     * Run one duty cycle if in INVOKER mode; does nothing otherwise.
     *
     * @return work done by the cycle.
     */
    public int invoke()
    {
        if (invoker == null)
        {
            return 0;
        }
        checkInvokerThread();
        return invoker.invoke();
    }

    private void checkInvokerThread()
    {
        if (invoker == null)
        {
            return;
        }
        final Thread current = Thread.currentThread();
        if (invokerThread == null)
        {
            invokerThread = current;
        }
        else if (invokerThread != current)
        {
            throw new IllegalStateException("INVOKER mode: the context is driven by thread '" +
                invokerThread.getName() + "', not '" + current.getName() + "'");
        }
    }

    /**
     * Whether this engine runs in INVOKER mode.
     *
     * @return true if the application drives the duty cycle.
     */
    public boolean isInvokerMode()
    {
        return invoker != null;
    }

    /**
     * The engine's counters.
     *
     * @return the counters.
     */
    public EngineCounters counters()
    {
        return agent.counters();
    }

    /**
     * The configuration.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return context;
    }

    /**
     * Stop the agent: sockets still open are released without linger, the selector and all off-heap memory freed,
     * the engine thread (if any) joined. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (runner != null)
        {
            wake.stop(); // an agent asleep in its selector would not notice the runner stopping
            runner.close();
        }
        else
        {
            invoker.close();
        }
    }

    /**
     * Engine configuration, Aeron style: fluent setters, then {@link #conclude()} validates and fills defaults.
     */
    public static final class Context
    {
        private boolean invokerMode;
        private IdleStrategy idleStrategy;
        private ThreadFactory threadFactory;
        private ErrorHandler errorHandler;
        private ThreadFactory workerThreadFactory;
        private Supplier<IdleStrategy> workerIdleStrategy;
        private HostResolver hostResolver;
        private ThreadFactory resolverThreadFactory;

        /**
         * Validate and fill defaults: the idle strategy that sleeps in the selector ({@link SelectorIdleStrategy}),
         * a daemon thread named "monocoque-engine", an error handler that prints to stderr.
         *
         * @return this.
         */
        public Context conclude()
        {
            // The application's own factory (if any) makes every engine-owned thread: PUB workers too.
            workerThreadFactory = threadFactory;
            if (idleStrategy == null)
            {
                idleStrategy = new SelectorIdleStrategy();
            }
            if (hostResolver == null)
            {
                hostResolver = HostResolver.SYSTEM;
            }
            // The embedder's factory makes every thread of the context; without one the resolver is named for its job.
            resolverThreadFactory = threadFactory != null ? threadFactory : runnable ->
            {
                final Thread thread = new Thread(runnable, "monocoque-resolver");
                thread.setDaemon(true);
                return thread;
            };
            if (threadFactory == null)
            {
                threadFactory = runnable ->
                {
                    final Thread thread = new Thread(runnable, "monocoque-engine");
                    thread.setDaemon(true);
                    return thread;
                };
            }
            if (errorHandler == null)
            {
                errorHandler = throwable ->
                {
                    if (throwable instanceof ConnectionEvent)
                    {
                        // Peers coming and going is normal life: report only what an operator should look at.
                        if (!((ConnectionEvent)throwable).isOrdinary())
                        {
                            System.err.println("monocoque: " + throwable.getMessage());
                        }
                        return;
                    }
                    System.err.println("monocoque: " + throwable);
                };
            }
            return this;
        }

        /**
         * Whether the application drives the duty cycle (INVOKER mode) rather than a dedicated thread.
         *
         * @return true in INVOKER mode.
         */
        public boolean invokerMode()
        {
            return invokerMode;
        }

        /**
         * Choose the threading mode: false (default) runs the agent on its own thread ({@code AgentRunner}); true
         * runs no thread, the application drives the duty cycle ({@code AgentInvoker}) from the one thread that
         * uses the engine's sockets.
         *
         * @param invokerMode true for INVOKER mode.
         * @return this.
         */
        public Context invokerMode(final boolean invokerMode)
        {
            this.invokerMode = invokerMode;
            return this;
        }

        /**
         * Idle strategy of the engine thread (DEDICATED mode).
         *
         * @return the idle strategy.
         */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * Set the idle strategy of the engine thread: busy-spin for the lowest latency at the cost of a core,
         * backoff (default), yielding or sleeping.
         *
         * @param idleStrategy the strategy.
         * @return this.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * Thread factory of the engine thread.
         *
         * @return the factory.
         */
        public ThreadFactory threadFactory()
        {
            return threadFactory;
        }

        /**
         * The application's thread factory for the other threads the engine starts (PUB/XPUB fan-out workers).
         *
         * @return the factory given before {@link #conclude()}, or null for the workers' default.
         */
        public ThreadFactory workerThreadFactory()
        {
            return workerThreadFactory;
        }

        /**
         * How each PUB/XPUB fan-out worker thread idles (one strategy per thread: most are stateful).
         *
         * @return the supplier, or null for the workers' default (backoff).
         */
        public Supplier<IdleStrategy> workerIdleStrategy()
        {
            return workerIdleStrategy;
        }

        /**
         * Set how each PUB/XPUB fan-out worker thread idles.
         *
         * @param workerIdleStrategy makes one strategy per worker thread.
         * @return this.
         */
        public Context workerIdleStrategy(final Supplier<IdleStrategy> workerIdleStrategy)
        {
            this.workerIdleStrategy = workerIdleStrategy;
            return this;
        }

        /**
         * Set the factory that makes the engine thread (to name it, pin it, set its priority).
         *
         * @param threadFactory the factory.
         * @return this.
         */
        public Context threadFactory(final ThreadFactory threadFactory)
        {
            this.threadFactory = threadFactory;
            return this;
        }

        /**
         * What looks host names up (on the resolver thread for connects, on the binding thread for binds).
         *
         * @return the resolver.
         */
        public HostResolver hostResolver()
        {
            return hostResolver;
        }

        /**
         * Replace the system's name service, e.g. by a test's resolver that blocks or fails.
         *
         * @param hostResolver the resolver; null for the system's.
         * @return this.
         */
        public Context hostResolver(final HostResolver hostResolver)
        {
            this.hostResolver = hostResolver;
            return this;
        }

        /**
         * Factory of the resolver thread: the one set with {@link #threadFactory(ThreadFactory)}, else a daemon
         * thread named "monocoque-resolver". Filled by {@link #conclude()}.
         *
         * @return the factory.
         */
        public ThreadFactory resolverThreadFactory()
        {
            return resolverThreadFactory;
        }

        /**
         * Error handler.
         *
         * @return the handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Set the handler for agent errors and connection events (closed connections with their reason).
         * Called on the agent's thread.
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}
