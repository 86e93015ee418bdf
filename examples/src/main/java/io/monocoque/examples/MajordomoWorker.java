package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Majordomo worker, the ZeroMQ Guide's "mdwrkapi": a DEALER that registers one service with a broker, then takes
 * requests and returns replies, one at a time, through {@link #receive(byte[][])}:
 * <pre>{@code
 * try (MajordomoWorker worker = new MajordomoWorker("tcp://localhost:5555", "echo"))
 * {
 *     byte[][] reply = null;
 *     byte[][] request;
 *     while ((request = worker.receive(reply)) != null)
 *     {
 *         reply = request; // echo
 *     }
 * }
 * }</pre>
 * While it waits for a request it sends the broker a HEARTBEAT every interval; when it has heard nothing from the
 * broker for {@code liveness} intervals (the broker died, or the network did), or the broker sends DISCONNECT, it
 * closes its socket, waits the reconnect delay and registers again on a new socket, so a restarted broker gets its
 * workers back. No heartbeats go out while the application works on a request, so the broker must not be sent a
 * request that takes longer than its patience (the Guide's design too).
 * <p>
 * Threads: one thread calls {@link #receive(byte[][])}; {@link #close()} may be called from any thread.
 */
public final class MajordomoWorker implements AutoCloseable
{
    /** The Guide's delay before registering again with a broker that went silent. */
    public static final long DEFAULT_RECONNECT_MS = 2_500;

    private final Context context = Context.create();
    private final String brokerEndpoint;
    private final String service;
    private final long heartbeatIntervalMs;
    private final int heartbeatLiveness;
    private final long reconnectMs;
    private Socket socket;
    private int liveness;
    private long heartbeatAtNs;
    /** The client whose request the application is working on: its reply goes there. */
    private byte[] replyTo;
    /** Set by close() before it closes the context: what the socket calls throw then is the way out. */
    private volatile boolean closed;

    /**
     * A worker with the Guide's heartbeats and reconnect delay; it connects and registers at once.
     *
     * @param brokerEndpoint the broker's endpoint, e.g. {@code tcp://localhost:5555}.
     * @param service        the service this worker serves.
     */
    public MajordomoWorker(final String brokerEndpoint, final String service)
    {
        this(brokerEndpoint, service, MajordomoBroker.DEFAULT_HEARTBEAT_INTERVAL_MS,
            MajordomoBroker.DEFAULT_HEARTBEAT_LIVENESS, DEFAULT_RECONNECT_MS);
    }

    /**
     * A worker; it connects and registers at once. The caller's thread, which should then call
     * {@link #receive(byte[][])}.
     *
     * @param brokerEndpoint      the broker's endpoint.
     * @param service             the service this worker serves.
     * @param heartbeatIntervalMs how often to send HEARTBEAT while idle: the broker's interval.
     * @param heartbeatLiveness   how many intervals of silence from the broker make it dead.
     * @param reconnectMs         how long to wait before registering again with a broker taken for dead.
     */
    public MajordomoWorker(final String brokerEndpoint, final String service, final long heartbeatIntervalMs,
        final int heartbeatLiveness, final long reconnectMs)
    {
        this.brokerEndpoint = brokerEndpoint;
        this.service = service;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.heartbeatLiveness = heartbeatLiveness;
        this.reconnectMs = reconnectMs;
        connectToBroker();
    }

    /**
     * Send the reply to the previous request (if any), then wait for the next request, heartbeating and
     * reconnecting as needed. The worker's thread.
     *
     * @param reply the reply body to the request the last call returned, or null for none (the first call).
     * @return the next request's body (one or more frames), or null once the worker is closed.
     */
    public byte[][] receive(final byte[][] reply)
    {
        try
        {
            if (reply != null && replyTo != null)
            {
                sendToBroker(Mdp.REPLY, concat(new byte[][] {replyTo, Mdp.EMPTY}, reply));
            }
            replyTo = null;
            return awaitRequest();
        }
        catch (final RuntimeException ex)
        {
            // After close(), whatever the socket call threw came from closing. Usually a SocketClosedException, but
            // a reconnect's connect() racing with Context.close() throws IllegalStateException instead.
            if (!closed)
            {
                throw ex;
            }
            return null;
        }
    }

    private byte[][] awaitRequest()
    {
        while (true)
        {
            // [ "", MDPW01, command, ...] or null after one interval of silence
            final byte[][] frames = socket.recvMultipart();
            if (frames != null)
            {
                liveness = heartbeatLiveness; // anything from the broker shows it is alive
                if (frames.length >= 3 && frames[0].length == 0 && Mdp.isFrame(frames[1], Mdp.WORKER_FRAME))
                {
                    if (Mdp.isCommand(frames[2], Mdp.REQUEST) && frames.length >= 5 && frames[4].length == 0)
                    {
                        replyTo = frames[3];
                        return Arrays.copyOfRange(frames, 5, frames.length);
                    }
                    if (Mdp.isCommand(frames[2], Mdp.DISCONNECT))
                    {
                        connectToBroker();
                    }
                    // HEARTBEAT: nothing more to do; anything else is not for a worker and is dropped
                }
            }
            else if (--liveness == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(reconnectMs)); // let a restarting broker start
                connectToBroker();
            }
            if (System.nanoTime() - heartbeatAtNs >= 0)
            {
                sendToBroker(Mdp.HEARTBEAT);
                heartbeatAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
            }
        }
    }

    /** A new socket each time: the broker knows a worker by its connection, and starts afresh with it. */
    private void connectToBroker()
    {
        if (socket != null)
        {
            socket.close();
        }
        socket = context.socket(SocketType.DEALER);
        // Nothing the old conversation left unsent matters; a wait of one interval keeps heartbeats on time.
        socket.lingerMs(0).rcvTimeoutMs(heartbeatIntervalMs);
        socket.connect(brokerEndpoint);
        sendToBroker(Mdp.READY, Mdp.text(service));
        liveness = heartbeatLiveness;
        heartbeatAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
    }

    private void sendToBroker(final byte command, final byte[]... frames)
    {
        socket.send(concat(new byte[][] {Mdp.EMPTY, Mdp.WORKER_FRAME, Mdp.command(command)}, frames));
    }

    private static byte[][] concat(final byte[][] head, final byte[][] tail)
    {
        final byte[][] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * Stop: close the context, which makes a waiting {@link #receive(byte[][])} return null. The broker is not told
     * (no DISCONNECT): it finds out by the missing heartbeats, as it would after a crash. Any thread; idempotent.
     */
    @Override
    public void close()
    {
        closed = true; // first: the loop may see its socket closed before the context says it is
        context.close();
    }

    /**
     * Run an echo worker until the JVM is stopped.
     *
     * @param args the broker's endpoint and the service name; default {@code tcp://localhost:5555 echo}.
     */
    public static void main(final String[] args)
    {
        final String endpoint = args.length > 0 ? args[0] : "tcp://localhost:5555";
        try (MajordomoWorker worker = new MajordomoWorker(endpoint, args.length > 1 ? args[1] : "echo"))
        {
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "mdworker-shutdown"));
            byte[][] reply = null;
            byte[][] request;
            while ((request = worker.receive(reply)) != null)
            {
                reply = request;
            }
        }
    }
}
