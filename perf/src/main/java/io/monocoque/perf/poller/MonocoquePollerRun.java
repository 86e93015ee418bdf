package io.monocoque.perf.poller;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Poller;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;

import java.util.concurrent.TimeUnit;

/**
 * {@link PollerRun} on Monocoque's {@link Poller}: every context DEDICATED with its default idle strategy (the agent
 * sleeps in {@code epoll_wait}; a waiting poll or receive parks until the agent wakes it). The broker's sockets and
 * the idle ones live in one context, the client and the worker in another, as if in another process.
 */
final class MonocoquePollerRun implements PollerRun
{
    private static final String LOOPBACK = "tcp://127.0.0.1:0";
    /**
     * Rings of the polled, idle sockets: what an application with a thousand sockets would set (the default 4 MiB
     * per ring, two rings per socket, would take 8 GiB of direct memory for 1,000 sockets).
     */
    private static final long IDLE_HWM_BYTES = 64 * 1024;

    @Override
    public double nsPerPoll(final int sockets, final long polls)
    {
        try (Context context = Context.create())
        {
            final Poller poller = new Poller(sockets);
            Socket ready = null;
            for (int i = 0; i < sockets; i++)
            {
                final Socket pull = context.socket(SocketType.PULL).sndHwmBytes(IDLE_HWM_BYTES)
                    .rcvHwmBytes(IDLE_HWM_BYTES);
                final String endpoint = pull.bind(LOOPBACK);
                poller.register(pull, Poller.POLLIN);
                if (i == sockets / 2)
                {
                    final Socket push = context.socket(SocketType.PUSH).lingerMs(0);
                    push.connect(endpoint);
                    push.send("ready");
                    ready = pull;
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ready.events() == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the message never reached the ready socket");
                }
                Thread.onSpinWait();
            }
            pollReady(poller, polls);
            final long start = System.nanoTime();
            pollReady(poller, polls);
            return (double)(System.nanoTime() - start) / polls;
        }
    }

    private static void pollReady(final Poller poller, final long polls)
    {
        for (long i = 0; i < polls; i++)
        {
            if (poller.poll(0) != 1)
            {
                throw new IllegalStateException("the ready socket was not reported");
            }
        }
    }

    @Override
    public double brokerRoundTripsPerSecond(
        final int sockets, final long roundTrips, final int window, final long timeoutMs) throws Exception
    {
        final long warmup = Math.max(1, roundTrips / 10);
        final long total = warmup + roundTrips;
        try (Context brokerContext = Context.create(); Context peerContext = Context.create())
        {
            final Socket frontend = brokerContext.socket(SocketType.ROUTER).lingerMs(0);
            final Socket backend = brokerContext.socket(SocketType.DEALER).lingerMs(0);
            final String frontendEndpoint = frontend.bind(LOOPBACK);
            final String backendEndpoint = backend.bind(LOOPBACK);
            final Poller poller = new Poller(sockets);
            final int front = poller.register(frontend, Poller.POLLIN);
            final int back = poller.register(backend, Poller.POLLIN);
            for (int i = 2; i < sockets; i++)
            {
                final Socket idle = brokerContext.socket(SocketType.PULL).sndHwmBytes(IDLE_HWM_BYTES)
                    .rcvHwmBytes(IDLE_HWM_BYTES);
                idle.bind(LOOPBACK);
                poller.register(idle, Poller.POLLIN);
            }
            final Socket client = peerContext.socket(SocketType.DEALER).lingerMs(0);
            final Socket worker = peerContext.socket(SocketType.DEALER).lingerMs(0);
            client.rcvTimeoutMs(timeoutMs).connect(frontendEndpoint);
            worker.rcvTimeoutMs(timeoutMs).connect(backendEndpoint);
            final PeerThreads peers = PeerThreads.start(() -> clientLoop(client, total, window),
                () -> workerLoop(worker, total));

            final Message message = new Message();
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            long replies = 0;
            long startNs = 0;
            while (replies < total)
            {
                if (poller.poll(PeerThreads.POLL_SLICE_MS) == 0)
                {
                    peers.check(deadline);
                    continue;
                }
                if (poller.isReadable(front))
                {
                    frontend.recv(message);
                    backend.send(message);
                }
                if (poller.isReadable(back))
                {
                    backend.recv(message);
                    frontend.send(message);
                    if (++replies == warmup)
                    {
                        startNs = System.nanoTime();
                    }
                }
            }
            final long elapsedNs = System.nanoTime() - startNs;
            peers.join(timeoutMs);
            return roundTrips * 1e9 / elapsedNs;
        }
    }

    private static void clientLoop(final Socket client, final long total, final int window)
    {
        final Message request = new Message().add(new byte[PeerThreads.PAYLOAD_BYTES]);
        final Message reply = new Message();
        long sent = 0;
        for (; sent < Math.min(window, total); sent++)
        {
            client.send(request);
        }
        for (long received = 0; received < total; received++)
        {
            if (!client.recv(reply))
            {
                throw new IllegalStateException("the client's reply never came");
            }
            if (sent < total)
            {
                client.send(request);
                sent++;
            }
        }
    }

    private static void workerLoop(final Socket worker, final long total)
    {
        final Message message = new Message();
        for (long i = 0; i < total; i++)
        {
            if (!worker.recv(message))
            {
                throw new IllegalStateException("the worker's request never came");
            }
            worker.send(message);
        }
    }
}
