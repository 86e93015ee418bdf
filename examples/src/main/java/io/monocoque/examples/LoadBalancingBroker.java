package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Poller;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The ZeroMQ Guide's load-balancing broker (chapter 3, "lbbroker"). Clients are REQ sockets that connect to the
 * frontend ROUTER; workers are REQ sockets that connect to the backend ROUTER and send {@value #READY} first. Each
 * worker's request is its way of saying "I am free": the broker queues free workers and hands the next client
 * request to the one that has waited longest, so a slow worker never holds up requests another could serve.
 * <p>
 * A worker receives {@code [client id, "", request...]} and answers {@code [client id, "", reply...]}; the client
 * sees plain request and reply. In a worker:
 * <pre>{@code
 * worker.send("READY");
 * while (true)
 * {
 *     byte[][] request = worker.recvMultipart();            // [client id, "", request]
 *     worker.send(request[0], new byte[0], reply(request[2]));
 * }
 * }</pre>
 * Threads: the constructor binds on the caller's thread; {@link #run()} then owns the sockets on whichever one
 * thread calls it; {@link #close()} may be called from any thread and makes {@code run()} return.
 */
public final class LoadBalancingBroker implements Runnable, AutoCloseable
{
    /** What a worker sends first, to join the queue of free workers. */
    public static final String READY = "READY";

    private static final byte[] READY_FRAME = READY.getBytes(StandardCharsets.US_ASCII);

    private final Context context = Context.create();
    private final Socket frontend = context.socket(SocketType.ROUTER);
    private final Socket backend = context.socket(SocketType.ROUTER);
    private final String frontendEndpoint;
    private final String backendEndpoint;
    /** Routing ids of the workers that are waiting for a request, longest waiting first. */
    private final ArrayDeque<byte[]> freeWorkers = new ArrayDeque<>();
    private final Message in = new Message();
    private final Message out = new Message();
    /** Set by close() before it closes the context: the loop's SocketClosedException is then the way out. */
    private volatile boolean closed;

    /**
     * Bind the two sockets; the broker routes nothing until {@link #run()}.
     *
     * @param frontendEndpoint where clients connect, e.g. {@code tcp://*:5555} ({@code :0} picks a free port).
     * @param backendEndpoint  where workers connect, e.g. {@code tcp://*:5556}.
     */
    public LoadBalancingBroker(final String frontendEndpoint, final String backendEndpoint)
    {
        this.frontendEndpoint = frontend.bind(frontendEndpoint);
        this.backendEndpoint = backend.bind(backendEndpoint);
    }

    /**
     * The frontend's bound endpoint, with the real port. Any thread.
     *
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    public String frontendEndpoint()
    {
        return frontendEndpoint;
    }

    /**
     * The backend's bound endpoint, with the real port. Any thread.
     *
     * @return e.g. {@code tcp://127.0.0.1:40124}.
     */
    public String backendEndpoint()
    {
        return backendEndpoint;
    }

    /**
     * Route requests to free workers and replies back to their clients until {@link #close()}. One thread.
     */
    @Override
    public void run()
    {
        final Poller poller = new Poller(2);
        final int backendIndex = poller.register(backend, Poller.POLLIN);
        final int frontendIndex = poller.register(frontend, 0);
        try
        {
            while (true)
            {
                // Take client requests only while a worker is free to serve one: the others wait in the
                // frontend's receive queue (and, when that is full, in the clients' own send queues).
                poller.register(frontend, freeWorkers.isEmpty() ? 0 : Poller.POLLIN);
                poller.poll(-1);
                if (poller.isReadable(backendIndex))
                {
                    onWorkerMessage();
                }
                if (poller.isReadable(frontendIndex) && !freeWorkers.isEmpty())
                {
                    onClientRequest();
                }
            }
        }
        catch (final SocketClosedException ex)
        {
            if (!closed)
            {
                throw ex;
            }
            // close() was called: the way out of the loop.
        }
    }

    /** {@code [worker id, "", READY]} or {@code [worker id, "", client id, "", reply...]}. */
    private void onWorkerMessage()
    {
        backend.recv(in);
        freeWorkers.addLast(in.frame(0));
        if (in.frameCount() == 3 && Arrays.equals(in.frame(2), READY_FRAME))
        {
            return;
        }
        out.clear();
        copyFrames(in, 2, out); // drop the worker's envelope: the client's id leads
        frontend.send(out);
    }

    /** {@code [client id, "", request...]} to the longest-waiting worker. */
    private void onClientRequest()
    {
        frontend.recv(in);
        out.clear().add(freeWorkers.pollFirst()).addEmpty();
        copyFrames(in, 0, out);
        backend.send(out);
    }

    private static void copyFrames(final Message from, final int first, final Message to)
    {
        for (int i = first; i < from.frameCount(); i++)
        {
            to.add(from.buffer(), from.frameOffset(i), from.frameLength(i));
        }
    }

    /**
     * Stop: close the context, which makes {@link #run()} return (waiting messages are dropped). Any thread;
     * idempotent.
     */
    @Override
    public void close()
    {
        closed = true; // first: the loop may see its socket closed before the context says it is
        context.close();
    }

    /**
     * Run a broker until the JVM is stopped.
     *
     * @param args the frontend and backend endpoints; default {@code tcp://*:5555 tcp://*:5556}.
     */
    public static void main(final String[] args)
    {
        final String frontend = args.length > 0 ? args[0] : "tcp://*:5555";
        final String backend = args.length > 1 ? args[1] : "tcp://*:5556";
        try (LoadBalancingBroker broker = new LoadBalancingBroker(frontend, backend))
        {
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "lbbroker-shutdown"));
            System.out.println("load-balancing broker: clients " + broker.frontendEndpoint() + ", workers " +
                broker.backendEndpoint());
            broker.run();
        }
    }
}
