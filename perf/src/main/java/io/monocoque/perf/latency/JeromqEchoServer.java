package io.monocoque.perf.latency;

import org.agrona.concurrent.IdleStrategy;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * JeroMQ's in-process echo side: a ROUTER (DEALER pattern) or REP (REQ pattern) in its own {@link ZContext},
 * sending every frame back. With the busy or yield idle strategy it polls with {@code DONTWAIT}; with backoff it
 * waits in JeroMQ's blocking receive.
 */
final class JeromqEchoServer implements EchoServer
{
    private static final int BLOCKING_SLICE_MS = 100;

    private final LatencyConfig config;
    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile boolean running;
    private volatile String endpoint;
    private volatile Throwable failure;
    private Thread thread;

    JeromqEchoServer(final LatencyConfig config)
    {
        this.config = config;
    }

    @Override
    public String start() throws InterruptedException
    {
        running = true;
        thread = new Thread(this::run, "jeromq-echo");
        thread.setDaemon(true);
        thread.start();
        if (!bound.await(30, TimeUnit.SECONDS) || endpoint == null)
        {
            throw new IllegalStateException("the in-process JeroMQ echo side did not start", failure);
        }
        return endpoint;
    }

    private void run()
    {
        try (ZContext context = new ZContext(1))
        {
            final ZMQ.Socket socket = context.createSocket(SocketType.valueOf(config.pattern().echoType()));
            socket.setLinger(0);
            socket.setSndHWM(100_000);
            socket.setRcvHWM(100_000);
            socket.setReceiveTimeOut(BLOCKING_SLICE_MS);
            final int port = socket.bindToRandomPort("tcp://127.0.0.1");
            endpoint = "tcp://127.0.0.1:" + port;
            bound.countDown();
            final IdleStrategy idle = config.idleFor(Impl.JEROMQ).newStrategy();
            final int flags = config.idleFor(Impl.JEROMQ).blocks() ? 0 : ZMQ.DONTWAIT;
            final List<byte[]> frames = new ArrayList<>();
            while (running)
            {
                final byte[] first = socket.recv(flags);
                if (first == null)
                {
                    idle.idle(0);
                    continue;
                }
                idle.reset();
                frames.clear();
                frames.add(first);
                while (socket.hasReceiveMore())
                {
                    frames.add(socket.recv(0));
                }
                for (int i = 0; i < frames.size(); i++)
                {
                    socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            bound.countDown();
        }
    }

    @Override
    public void close()
    {
        running = false;
        if (thread != null)
        {
            try
            {
                thread.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null)
        {
            throw new IllegalStateException("the in-process JeroMQ echo side failed", failure);
        }
    }
}
