package io.monocoque.api.robustness;

import io.monocoque.api.Message;
import io.monocoque.api.Socket;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The trickling peer of the receive-cancellation soaks: sends messages 0, 1, 2... in short bursts with random
 * pauses, now and then a stall of several milliseconds, so that the receiver's recv often blocks on an empty ring.
 * A send that times out is retried with the same seq, so the receiver must get exactly 0..{@link #sent()}-1.
 */
final class PacedSender
{
    private final Socket socket;
    private final IntegrityMessages codec;
    private final SplittableRandom random;
    private volatile boolean stop;
    private volatile long sent = -1;

    PacedSender(final Socket socket, final IntegrityMessages codec, final SplittableRandom random)
    {
        this.socket = socket;
        this.codec = codec;
        this.random = random;
    }

    void stop()
    {
        stop = true;
    }

    /** Messages sent (all seqs below it), or -1 while still sending. */
    long sent()
    {
        return sent;
    }

    void run()
    {
        final Message message = new Message();
        socket.sndTimeoutMs(20);
        long seq = 0;
        try
        {
            while (!stop)
            {
                final int dice = random.nextInt(100);
                if (dice < 12)
                {
                    // Stall: nothing to receive for a while, the receiver's recv blocks (or times out).
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(2_000 + random.nextInt(4_000)));
                }
                else if (dice < 60)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(400)));
                }
                final int burst = 1 + random.nextInt(8);
                for (int i = 0; i < burst && !stop; i++)
                {
                    codec.build(message, seq);
                    while (!socket.send(message))
                    {
                        if (stop)
                        {
                            return;
                        }
                    }
                    seq++;
                }
            }
        }
        finally
        {
            sent = seq;
        }
    }
}
