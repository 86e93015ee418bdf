package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketType;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ZeroMQ Guide's Majordomo broker (chapter 4, "mdbroker"): one ROUTER socket for clients and workers, speaking
 * 7/MDP (see {@link Mdp}). Workers register for a service by name; each client request goes to the worker of its
 * service that has waited longest, or waits in that service's queue until one is free. A request for a service no
 * worker has registered waits too (as in the Guide: the client's timeout is what gives up); {@code mmi.service}
 * (8/MMI) answers {@code "200"} if a worker serves the service named in the body, else {@code "404"}; other
 * {@code mmi.*} names get {@code "501"}. Idle workers get a HEARTBEAT every interval; one not heard from for
 * {@code liveness} intervals is forgotten (it died, or its network did). A command from a worker the broker does
 * not know (say, one registered before a broker restart) is answered with DISCONNECT: that worker registers again.
 * <p>
 * Threads: the constructor binds on the caller's thread; {@link #run()} then owns the socket on whichever one thread
 * calls it; {@link #close()} may be called from any thread and makes {@code run()} return.
 */
public final class MajordomoBroker implements Runnable, AutoCloseable
{
    /** The Guide's heartbeat interval. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 2_500;
    /** The Guide's liveness: intervals of silence before a worker is taken for dead. */
    public static final int DEFAULT_HEARTBEAT_LIVENESS = 3;

    private final Context context = Context.create();
    private final Socket socket = context.socket(SocketType.ROUTER);
    private final String endpoint;
    private final long heartbeatIntervalMs;
    private final long workerExpiryNs;
    private final Map<String, Service> services = new HashMap<>();
    /** Every registered worker, idle or busy, by its routing id in hex. */
    private final Map<String, Worker> workers = new HashMap<>();
    private final Message out = new Message();
    /** Set by close() before it closes the context: the loop's SocketClosedException is then the way out. */
    private volatile boolean closed;

    /**
     * Bind with the Guide's heartbeats ({@value #DEFAULT_HEARTBEAT_INTERVAL_MS} ms, liveness
     * {@value #DEFAULT_HEARTBEAT_LIVENESS}).
     *
     * @param endpoint where clients and workers connect, e.g. {@code tcp://*:5555} ({@code :0}: a free port).
     */
    public MajordomoBroker(final String endpoint)
    {
        this(endpoint, DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_LIVENESS);
    }

    /**
     * Bind; the broker routes nothing until {@link #run()}. Workers must use the same heartbeat interval.
     *
     * @param endpoint            where clients and workers connect.
     * @param heartbeatIntervalMs how often idle workers get a HEARTBEAT.
     * @param heartbeatLiveness   how many intervals of silence make an idle worker dead.
     */
    public MajordomoBroker(final String endpoint, final long heartbeatIntervalMs, final int heartbeatLiveness)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.workerExpiryNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs * heartbeatLiveness);
        this.endpoint = socket.bind(endpoint);
    }

    /**
     * The bound endpoint, with the real port. Any thread.
     *
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    public String endpoint()
    {
        return endpoint;
    }

    /**
     * Serve clients and workers until {@link #close()}. One thread.
     */
    @Override
    public void run()
    {
        // A receive that waits one interval at most leaves room to send heartbeats on time.
        socket.rcvTimeoutMs(heartbeatIntervalMs);
        long heartbeatAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        try
        {
            while (true)
            {
                final byte[][] frames = socket.recvMultipart(); // [sender, "", header, ...] or null on timeout
                if (frames != null && frames.length >= 4 && frames[1].length == 0)
                {
                    if (Mdp.isFrame(frames[2], Mdp.CLIENT_FRAME))
                    {
                        onClientRequest(frames);
                    }
                    else if (Mdp.isFrame(frames[2], Mdp.WORKER_FRAME))
                    {
                        onWorkerCommand(frames);
                    }
                    // anything else is not MDP: dropped
                }
                final long nowNs = System.nanoTime();
                if (nowNs - heartbeatAtNs >= 0)
                {
                    purgeExpiredWorkers(nowNs);
                    for (final Service service : services.values())
                    {
                        for (final Worker worker : service.idleWorkers)
                        {
                            socket.send(Mdp.toWorker(out, worker.identity, Mdp.HEARTBEAT));
                        }
                    }
                    heartbeatAtNs = nowNs + TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
                }
            }
        }
        catch (final SocketClosedException ex)
        {
            if (!closed) // else close() was called: the way out of the loop
            {
                throw ex;
            }
        }
    }

    /** {@code [client id, "", MDPC01, service, body...]}: queued as it came, for a worker, or answered at once. */
    private void onClientRequest(final byte[][] request)
    {
        final String serviceName = Mdp.text(request[3]);
        if (!serviceName.startsWith(Mdp.MMI_PREFIX))
        {
            dispatch(service(serviceName), request);
            return;
        }
        // 8/MMI: the broker answers these itself.
        String code = "501";
        if (Mdp.MMI_SERVICE.equals(serviceName))
        {
            final Service service = request.length == 4 ? null : services.get(Mdp.text(request[request.length - 1]));
            code = workers.values().stream().anyMatch(worker -> worker.service == service) ? "200" : "404";
        }
        socket.send(Mdp.toClient(out, request[0], serviceName).add(code));
    }

    /** {@code [worker id, "", MDPW01, command, ...]}. */
    private void onWorkerCommand(final byte[][] frames)
    {
        final byte[] identity = frames[0];
        final byte[] command = frames[3];
        final Worker worker = workers.get(HexFormat.of().formatHex(identity));
        if (worker == null)
        {
            // Only READY opens a conversation; anything else comes from a worker this broker does not know.
            if (Mdp.isCommand(command, Mdp.READY) && frames.length == 5 &&
                !Mdp.text(frames[4]).startsWith(Mdp.MMI_PREFIX))
            {
                final Worker registered = new Worker(identity, service(Mdp.text(frames[4])));
                workers.put(HexFormat.of().formatHex(identity), registered);
                becomeIdle(registered);
            }
            else if (!Mdp.isCommand(command, Mdp.DISCONNECT))
            {
                socket.send(Mdp.toWorker(out, identity, Mdp.DISCONNECT));
            }
        }
        else if (Mdp.isCommand(command, Mdp.REPLY) && frames.length >= 6 && frames[5].length == 0)
        {
            // [worker id, "", MDPW01, REPLY, client id, "", body...] to [client id, "", MDPC01, service, body...]
            socket.send(Mdp.addFrames(Mdp.toClient(out, frames[4], worker.service.name), frames, 6));
            becomeIdle(worker);
        }
        else if (Mdp.isCommand(command, Mdp.HEARTBEAT))
        {
            worker.expiryNs = System.nanoTime() + workerExpiryNs;
        }
        else
        {
            // DISCONNECT ends the conversation; a second READY, a malformed REPLY or an unknown command breaks it.
            forget(worker, !Mdp.isCommand(command, Mdp.DISCONNECT));
        }
    }

    private void becomeIdle(final Worker worker)
    {
        worker.expiryNs = System.nanoTime() + workerExpiryNs;
        worker.service.idleWorkers.addLast(worker);
        dispatch(worker.service, null);
    }

    /** Queue a request (if any), then hand queued requests to idle workers while there are both. */
    private void dispatch(final Service service, final byte[][] request)
    {
        if (request != null)
        {
            service.requests.addLast(request);
        }
        purgeExpiredWorkers(System.nanoTime());
        while (!service.idleWorkers.isEmpty() && !service.requests.isEmpty())
        {
            final Worker worker = service.idleWorkers.pollFirst();
            final byte[][] next = service.requests.pollFirst(); // [client id, "", MDPC01, service, body...]
            Mdp.toWorker(out, worker.identity, Mdp.REQUEST).add(next[0]).addEmpty();
            socket.send(Mdp.addFrames(out, next, 4));
        }
    }

    private void purgeExpiredWorkers(final long nowNs)
    {
        // Only idle workers expire: a busy one sends nothing until it replies (as in the Guide's worker).
        workers.values().removeIf(worker ->
            nowNs - worker.expiryNs >= 0 && worker.service.idleWorkers.remove(worker));
    }

    private void forget(final Worker worker, final boolean sendDisconnect)
    {
        if (sendDisconnect)
        {
            socket.send(Mdp.toWorker(out, worker.identity, Mdp.DISCONNECT));
        }
        worker.service.idleWorkers.remove(worker);
        workers.remove(HexFormat.of().formatHex(worker.identity));
    }

    private Service service(final String name)
    {
        return services.computeIfAbsent(name, key -> new Service(key, new ArrayDeque<>(), new ArrayDeque<>()));
    }

    /**
     * Stop: close the context, which makes {@link #run()} return. Any thread; idempotent.
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
     * @param args the endpoint; default {@code tcp://*:5555}.
     */
    public static void main(final String[] args)
    {
        try (MajordomoBroker broker = new MajordomoBroker(args.length > 0 ? args[0] : "tcp://*:5555"))
        {
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "mdbroker-shutdown"));
            System.out.println("majordomo broker on " + broker.endpoint());
            broker.run();
        }
    }

    /** Requests waiting for a worker, and workers waiting for a request, longest waiting first. */
    private record Service(String name, ArrayDeque<byte[][]> requests, ArrayDeque<Worker> idleWorkers)
    {
    }

    private static final class Worker
    {
        final byte[] identity;
        final Service service;
        long expiryNs;

        Worker(final byte[] identity, final Service service)
        {
            this.identity = identity;
            this.service = service;
        }
    }
}
