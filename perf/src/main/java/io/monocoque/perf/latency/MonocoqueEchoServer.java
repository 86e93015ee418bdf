package io.monocoque.perf.latency;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.perf.ContextIdleStrategy;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Monocoque's in-process echo side: a ROUTER (DEALER pattern) or REP (REQ pattern) on its own thread and context,
 * echoing with {@link Echoer}, INVOKER mode (the echo thread drives the engine) or DEDICATED.
 */
final class MonocoqueEchoServer implements EchoServer
{
    private static final int POLL_LIMIT = 16;

    private final LatencyConfig config;
    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile boolean running;
    private volatile String endpoint;
    private volatile Throwable failure;
    private Thread thread;

    MonocoqueEchoServer(final LatencyConfig config)
    {
        this.config = config;
    }

    @Override
    public String start() throws InterruptedException
    {
        running = true;
        thread = new Thread(this::run, "monocoque-echo");
        thread.setDaemon(true);
        thread.start();
        if (!bound.await(30, TimeUnit.SECONDS) || endpoint == null)
        {
            throw new IllegalStateException("the in-process echo side did not start", failure);
        }
        return endpoint;
    }

    private void run()
    {
        final Context.Builder builder = Context.builder()
            .threadingMode(config.invoker() ? ThreadingMode.INVOKER : ThreadingMode.DEDICATED);
        builder.idleStrategy(config.idleFor(Impl.MONOCOQUE).newStrategy());
        try (Context context = builder.build())
        {
            final Socket socket = context.socket(config.pattern().echoType());
            socket.sndHwmBytes(config.hwmBytes());
            socket.rcvHwmBytes(config.hwmBytes());
            socket.lingerMs(0);
            endpoint = socket.bind("tcp://127.0.0.1:0");
            bound.countDown();
            final Echoer echoer = new Echoer(socket, context);
            // INVOKER: idle as the context says (the kernel-sleeping strategy sleeps in the engine's selector).
            final IdleStrategy idle = config.invoker() ? new ContextIdleStrategy(context) :
                config.idleFor(Impl.MONOCOQUE).newStrategy();
            while (running)
            {
                idle.idle(context.invoke() + socket.poll(echoer, POLL_LIMIT));
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
            throw new IllegalStateException("the in-process echo side failed", failure);
        }
    }
}
