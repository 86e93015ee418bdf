package io.monocoque.api;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * A forwarder between two sockets, like libzmq's {@code zmq_proxy} and {@code zmq_proxy_steerable}: whole messages
 * received on the frontend are sent on the backend and, where the types allow it, the other way round. Any pair
 * works where at least one direction is possible: a direction runs when its receiving socket can receive and its
 * sending socket can send, so PULL to PUSH and SUB to PUB forward one way, ROUTER to DEALER (a request broker)
 * and XSUB to XPUB both ways. With an XSUB frontend (connected to publishers) and an XPUB backend (bound for
 * subscribers) it is a pub-sub forwarder: publications flow down, and the subscriptions the XPUB delivers as
 * messages flow up through the XSUB to the publishers.
 * <pre>{@code
 * Thread forwarder = new Thread(() -> Proxy.run(xsub, xpub));
 * forwarder.start();
 * ...
 * forwarder.interrupt();   // then join it, then close the sockets
 * forwarder.join();
 * }</pre>
 * <ul>
 *     <li><b>Capture</b>: an optional socket that gets a copy of every message the proxy receives, both ways, as
 *     in libzmq. The proxy never waits for it: a copy it cannot take at once is dropped and counted
 *     ({@link ProxyStatistics#captureDropped()}); libzmq would block the proxy instead.</li>
 *     <li><b>Control</b> ({@link #control(Socket)}, {@link #steerable}): commands PAUSE, RESUME, TERMINATE and
 *     STATISTICS on a REP, PAIR or any other receiving socket; see {@link ProxyControl} for the replies.</li>
 *     <li><b>Back-pressure</b>: a message the other side cannot take yet (its send ring is full) is held, and that
 *     direction takes nothing more until it goes. A message the other side can never take is dropped and counted
 *     ({@link #statistics()}); so is nothing else. A message larger than the other side's high-water mark goes
 *     through its blocking {@code send} (which streams it), during which the proxy waits.</li>
 *     <li><b>Stopping</b>: TERMINATE on the control socket, an interrupt of the proxy's thread (the interrupt flag
 *     stays set; a message held at that moment is lost), or one of the sockets closing. {@link #run()} says
 *     which.</li>
 * </ul>
 * The sockets belong to the proxy's thread while it runs: set them up before, and touch them, or close them or
 * their context, only after the proxy has returned (join its thread). In INVOKER mode the proxy drives the
 * engines of its sockets' contexts, so it must run on the thread that drives them. The statistics may be read from
 * any thread at any time.
 * <p>
 * The loop polls each socket without blocking and backs off when nothing moved; each step reports its work, so the
 * loop can block on a poller across the sockets instead once there is one. A proxy instance runs once.
 */
public final class Proxy
{
    /** Most messages one direction moves per round (libzmq's {@code proxy_burst_size}), so neither starves. */
    static final int BURST = 1000;

    /** Why {@link #run()} returned. */
    public enum Stop
    {
        /** TERMINATE arrived on the control socket (libzmq's return value 0). */
        TERMINATED,
        /** The proxy's thread was interrupted (its interrupt flag is still set). */
        INTERRUPTED,
        /** The frontend, the backend, the capture or the control socket was closed (libzmq's ETERM). */
        CLOSED
    }

    private final Socket frontend;
    private final Socket backend;
    private Socket capture;
    private Socket control;
    private final ProxyStatistics statistics = new ProxyStatistics();
    private boolean started;

    private Proxy(final Socket frontend, final Socket backend)
    {
        this.frontend = frontend;
        this.backend = backend;
    }

    /**
     * A proxy between two sockets, not running yet; add {@link #capture(Socket)} and {@link #control(Socket)} if
     * wanted, then {@link #run()} it.
     *
     * @param frontend e.g. a ROUTER bound for clients, an XSUB connected to publishers, a PULL.
     * @param backend  e.g. a DEALER bound for workers, an XPUB bound for subscribers, a PUSH.
     * @return the proxy.
     * @throws IllegalArgumentException if the sockets are the same or null, or neither direction can forward
     *                                  (e.g. PUSH and PUB, neither of which receives).
     */
    public static Proxy of(final Socket frontend, final Socket backend)
    {
        if (frontend == null || backend == null || frontend == backend)
        {
            throw new IllegalArgumentException("a proxy needs two different sockets");
        }
        if (!forwards(frontend, backend) && !forwards(backend, frontend))
        {
            throw new IllegalArgumentException("a proxy between " + frontend.type() + " and " + backend.type() +
                " could forward nothing: neither can receive what the other sends");
        }
        return new Proxy(frontend, backend);
    }

    /**
     * Forward messages until the thread is interrupted (the interrupt flag stays set) or a socket closes. Blocks
     * the calling thread.
     *
     * @param frontend e.g. an XSUB connected to publishers.
     * @param backend  e.g. an XPUB bound for subscribers.
     */
    public static void run(final Socket frontend, final Socket backend)
    {
        of(frontend, backend).run();
    }

    /**
     * Forward messages, sending a copy of each to {@code capture}, until the thread is interrupted or a socket
     * closes. Blocks the calling thread.
     *
     * @param frontend e.g. an XSUB connected to publishers.
     * @param backend  e.g. an XPUB bound for subscribers.
     * @param capture  receives a copy of every message (e.g. a PUSH or PUB), or null.
     */
    public static void run(final Socket frontend, final Socket backend, final Socket capture)
    {
        of(frontend, backend).capture(capture).run();
    }

    /**
     * libzmq's {@code zmq_proxy_steerable}: forward as {@link #run(Socket, Socket, Socket)} does, steered by
     * commands on {@code control}, until TERMINATE (or an interrupt, or a socket closing). Blocks the calling
     * thread. Use {@link #of} and {@link #statistics()} to read the counters from Java as well.
     *
     * @param frontend the frontend.
     * @param backend  the backend.
     * @param capture  gets a copy of every message, or null.
     * @param control  receives the commands (typically a REP or PAIR), or null.
     * @return why it stopped.
     */
    public static Stop steerable(final Socket frontend, final Socket backend, final Socket capture,
        final Socket control)
    {
        return of(frontend, backend).capture(capture).control(control).run();
    }

    /**
     * Send a copy of every message received, both ways, to this socket. Before {@link #run()}.
     *
     * @param capture a socket that can send (e.g. PUSH, PUB, PAIR, DEALER), or null for none.
     * @return this.
     * @throws IllegalArgumentException if it cannot send, or is the frontend or backend.
     */
    public Proxy capture(final Socket capture)
    {
        checkNotStarted();
        if (capture != null && (!capture.type().sendsMessages() || capture == frontend || capture == backend))
        {
            throw new IllegalArgumentException("a capture socket must be a third socket that can send, not " +
                capture.type());
        }
        this.capture = capture;
        return this;
    }

    /**
     * Take PAUSE, RESUME, TERMINATE and STATISTICS commands from this socket. Before {@link #run()}.
     *
     * @param control a socket that can receive (REP and PAIR as in libzmq; also SUB, PULL, DEALER...), or null.
     * @return this.
     * @throws IllegalArgumentException if it cannot receive, or is another of the proxy's sockets.
     */
    public Proxy control(final Socket control)
    {
        checkNotStarted();
        if (control != null && (!control.type().receivesMessages() || control == frontend || control == backend ||
            control == capture))
        {
            throw new IllegalArgumentException("a control socket must be a socket of its own that can receive, " +
                "not " + control.type());
        }
        this.control = control;
        return this;
    }

    /**
     * The proxy's counters, live. Any thread, before, during and after {@link #run()}.
     *
     * @return the statistics.
     */
    public ProxyStatistics statistics()
    {
        return statistics;
    }

    /**
     * Forward until TERMINATE, an interrupt or a closed socket. Blocks the calling thread, which owns the sockets
     * until it returns. Once per proxy.
     *
     * @return why it stopped.
     * @throws IllegalStateException if this proxy ran before.
     */
    public Stop run()
    {
        checkNotStarted();
        started = true;
        final ProxyDirection downstream = forwards(frontend, backend) ? new ProxyDirection(frontend, backend,
            capture, statistics, ProxyStatistics.FRONTEND_MESSAGES_IN, ProxyStatistics.BACKEND_MESSAGES_IN,
            ProxyStatistics.UNFORWARDED_TO_BACKEND) : null;
        final ProxyDirection upstream = forwards(backend, frontend) ? new ProxyDirection(backend, frontend,
            capture, statistics, ProxyStatistics.BACKEND_MESSAGES_IN, ProxyStatistics.FRONTEND_MESSAGES_IN,
            ProxyStatistics.UNFORWARDED_TO_FRONTEND) : null;
        final ProxyControl steering = control == null ? null : new ProxyControl(control, statistics);
        final Context[] contexts = contexts();
        final IdleStrategy idle = new BackoffIdleStrategy();
        while (true)
        {
            if (Thread.currentThread().isInterrupted())
            {
                return Stop.INTERRUPTED;
            }
            if (anyClosed())
            {
                return Stop.CLOSED;
            }
            int work = 0;
            if (steering != null)
            {
                work += steering.poll();
                if (steering.isTerminated())
                {
                    return Stop.TERMINATED;
                }
            }
            if (steering == null || !steering.isPaused())
            {
                work += forward(downstream) + forward(upstream);
                if ((downstream != null && downstream.isClosed()) || (upstream != null && upstream.isClosed()))
                {
                    return Stop.CLOSED;
                }
            }
            for (final Context context : contexts)
            {
                work += context.invoke(); // INVOKER mode: nothing else drives these sockets' engines
            }
            idle.idle(work);
        }
    }

    private static int forward(final ProxyDirection direction)
    {
        return direction == null ? 0 : direction.forward(BURST);
    }

    private static boolean forwards(final Socket from, final Socket to)
    {
        return from.type().receivesMessages() && to.type().sendsMessages();
    }

    private boolean anyClosed()
    {
        return frontend.isClosed() || backend.isClosed() || (capture != null && capture.isClosed()) ||
            (control != null && control.isClosed());
    }

    /** The distinct contexts of the proxy's sockets. */
    private Context[] contexts()
    {
        final List<Context> contexts = new ArrayList<>();
        for (final Socket socket : new Socket[]{frontend, backend, capture, control})
        {
            if (socket != null && !contexts.contains(socket.context()))
            {
                contexts.add(socket.context());
            }
        }
        return contexts.toArray(new Context[0]);
    }

    private void checkNotStarted()
    {
        if (started)
        {
            throw new IllegalStateException("a proxy runs once; create another with Proxy.of");
        }
    }
}
