package io.monocoque.perf.poller;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.concurrent.TimeUnit;

/**
 * {@link PollerRun} on JeroMQ 0.6's {@code ZMQ.Poller} (one {@link ZContext} with one I/O thread for the broker and
 * its idle sockets, another for the client and the worker), written as the ZeroMQ Guide's Java examples are, with
 * JeroMQ's blocking calls.
 */
final class JeromqPollerRun implements PollerRun
{
    private static final String LOOPBACK = "tcp://127.0.0.1";

    @Override
    public double nsPerPoll(final int sockets, final long polls)
    {
        try (ZContext context = new ZContext(1))
        {
            final ZMQ.Poller poller = context.createPoller(sockets);
            for (int i = 0; i < sockets; i++)
            {
                final ZMQ.Socket pull = context.createSocket(SocketType.PULL);
                final int port = pull.bindToRandomPort(LOOPBACK);
                poller.register(pull, ZMQ.Poller.POLLIN);
                if (i == sockets / 2)
                {
                    final ZMQ.Socket push = context.createSocket(SocketType.PUSH);
                    push.setLinger(0);
                    push.connect(LOOPBACK + ":" + port);
                    push.send("ready");
                }
            }
            if (poller.poll(TimeUnit.SECONDS.toMillis(10)) != 1)
            {
                throw new IllegalStateException("the message never reached the ready socket");
            }
            pollReady(poller, polls);
            final long start = System.nanoTime();
            pollReady(poller, polls);
            return (double)(System.nanoTime() - start) / polls;
        }
    }

    private static void pollReady(final ZMQ.Poller poller, final long polls)
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
        try (ZContext brokerContext = new ZContext(1); ZContext peerContext = new ZContext(1))
        {
            final ZMQ.Socket frontend = brokerContext.createSocket(SocketType.ROUTER);
            final ZMQ.Socket backend = brokerContext.createSocket(SocketType.DEALER);
            final int frontendPort = frontend.bindToRandomPort(LOOPBACK);
            final int backendPort = backend.bindToRandomPort(LOOPBACK);
            final ZMQ.Poller poller = brokerContext.createPoller(sockets);
            final int front = poller.register(frontend, ZMQ.Poller.POLLIN);
            final int back = poller.register(backend, ZMQ.Poller.POLLIN);
            for (int i = 2; i < sockets; i++)
            {
                final ZMQ.Socket idle = brokerContext.createSocket(SocketType.PULL);
                idle.bindToRandomPort(LOOPBACK);
                poller.register(idle, ZMQ.Poller.POLLIN);
            }
            final ZMQ.Socket client = peerContext.createSocket(SocketType.DEALER);
            final ZMQ.Socket worker = peerContext.createSocket(SocketType.DEALER);
            client.setReceiveTimeOut((int)timeoutMs);
            worker.setReceiveTimeOut((int)timeoutMs);
            client.connect(LOOPBACK + ":" + frontendPort);
            worker.connect(LOOPBACK + ":" + backendPort);
            final PeerThreads peers = PeerThreads.start(() -> clientLoop(client, total, window),
                () -> workerLoop(worker, total));

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
                if (poller.pollin(front))
                {
                    forward(frontend, backend);
                }
                if (poller.pollin(back))
                {
                    forward(backend, frontend);
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

    /** The Guide's rrbroker: every frame of one message, MORE flags kept. */
    private static void forward(final ZMQ.Socket from, final ZMQ.Socket to)
    {
        while (true)
        {
            final byte[] frame = from.recv(0);
            final boolean more = from.hasReceiveMore();
            to.send(frame, more ? ZMQ.SNDMORE : 0);
            if (!more)
            {
                return;
            }
        }
    }

    private static void clientLoop(final ZMQ.Socket client, final long total, final int window)
    {
        final byte[] request = new byte[PeerThreads.PAYLOAD_BYTES];
        long sent = 0;
        for (; sent < Math.min(window, total); sent++)
        {
            client.send(request);
        }
        for (long received = 0; received < total; received++)
        {
            if (client.recv(0) == null)
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

    private static void workerLoop(final ZMQ.Socket worker, final long total)
    {
        for (long i = 0; i < total; i++)
        {
            final byte[] identity = worker.recv(0);
            if (identity == null)
            {
                throw new IllegalStateException("the worker's request never came");
            }
            final byte[] body = worker.recv(0);
            worker.send(identity, ZMQ.SNDMORE);
            worker.send(body, 0);
        }
    }
}
