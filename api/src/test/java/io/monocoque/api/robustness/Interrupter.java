package io.monocoque.api.robustness;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that interrupts another thread after a delay, once per {@link #arm(Thread, long)}. The armed thread
 * arms it only when the previous interrupt has been consumed (it caught the SocketInterruptedException), so an
 * interrupt never spills into the next iteration. Arming is not interruptible ({@code offer} never throws
 * InterruptedException), so the interrupt can land anywhere in the armed thread's loop.
 */
final class Interrupter implements AutoCloseable
{
    private static final Request STOP = new Request(null, 0);

    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    Interrupter()
    {
        thread = new Thread(this::run, "robustness-interrupter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Interrupt {@code target} {@code delayNs} from now (0: at once). */
    void arm(final Thread target, final long delayNs)
    {
        requests.offer(new Request(target, delayNs));
    }

    private void run()
    {
        try
        {
            while (true)
            {
                final Request request = requests.take();
                if (request == STOP)
                {
                    return;
                }
                if (request.delayNs > 0)
                {
                    final long deadline = System.nanoTime() + request.delayNs;
                    long left;
                    while ((left = deadline - System.nanoTime()) > 0)
                    {
                        LockSupport.parkNanos(left);
                    }
                }
                request.target.interrupt();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        requests.offer(STOP);
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static final class Request
    {
        final Thread target;
        final long delayNs;

        Request(final Thread target, final long delayNs)
        {
            this.target = target;
            this.delayNs = delayNs;
        }
    }
}
