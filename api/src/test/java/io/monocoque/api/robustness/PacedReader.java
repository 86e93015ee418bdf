package io.monocoque.api.robustness;

import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import org.agrona.collections.LongArrayList;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The slow peer of the send-cancellation soaks: reads bursts of messages with random pauses, now and then stalls
 * for several milliseconds, so that the sender's small send ring keeps filling up and its sends block. Checks each
 * message whole and intact and that seqs only increase (no duplicate, no reordering), and records them. Once told
 * how many messages to expect it drains at full speed until it has them all.
 */
final class PacedReader
{
    private static final long DRAIN_NO_PROGRESS_LIMIT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Socket socket;
    private final IntegrityMessages codec;
    private final SplittableRandom random;
    private final LongArrayList received = new LongArrayList();
    private volatile long expected = -1;
    private volatile boolean abort;
    private volatile boolean failed;

    PacedReader(final Socket socket, final IntegrityMessages codec, final SplittableRandom random)
    {
        this.socket = socket;
        this.codec = codec;
        this.random = random;
    }

    /** The sender is done: {@code count} sends returned true. */
    void expect(final long count)
    {
        expected = count;
    }

    void abort()
    {
        abort = true;
    }

    boolean failed()
    {
        return failed;
    }

    /** Seqs received, in order; read after the reader's thread was joined. */
    LongArrayList received()
    {
        return received;
    }

    void run()
    {
        try
        {
            read();
        }
        catch (final RuntimeException | Error ex)
        {
            failed = true;
            throw ex;
        }
    }

    private void read()
    {
        final Message message = new Message();
        socket.rcvTimeoutMs(10);
        long lastSeq = -1;
        long lastProgressNs = System.nanoTime();
        int lastCount = 0;
        while (!abort)
        {
            final long target = expected;
            if (target >= 0)
            {
                if (received.size() >= target)
                {
                    return;
                }
                if (received.size() != lastCount)
                {
                    lastCount = received.size();
                    lastProgressNs = System.nanoTime();
                }
                else if (System.nanoTime() - lastProgressNs > DRAIN_NO_PROGRESS_LIMIT_NS)
                {
                    throw new AssertionError("reader stuck at " + received.size() + " of " + target +
                        " accepted messages (last seq " + lastSeq + "): accepted messages are missing");
                }
            }
            else
            {
                pace();
            }
            final int burst = target >= 0 ? 4096 : 1 + random.nextInt(16);
            for (int i = 0; i < burst; i++)
            {
                if (!socket.recv(message))
                {
                    break;
                }
                final long seq = codec.verify(message);
                if (seq <= lastSeq)
                {
                    throw new AssertionError("message " + seq + " received after " + lastSeq +
                        " (duplicated or reordered)");
                }
                lastSeq = seq;
                received.addLong(seq);
            }
        }
    }

    private void pace()
    {
        final int dice = random.nextInt(100);
        if (dice < 3)
        {
            // Stall: read nothing for a while, the whole pipeline backs up to the sender's ring.
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(2_000 + random.nextInt(6_000)));
        }
        else if (dice < 60)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(300)));
        }
    }
}
