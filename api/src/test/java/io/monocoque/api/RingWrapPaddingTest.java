package io.monocoque.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ring whose records do not divide its capacity ends each lap with a padding record, and Agrona's read stops at
 * the end of the ring: a read that meets the padding first consumes it alone and reports nothing, although the next
 * record waits at the start. The reader must not take that for an empty ring: its {@code poll} returns the
 * message, and a blocking {@code recv} that took "empty" for an answer would sleep in the selector with the message
 * queued (seen as a 100 ms round trip, the longest sleep of the harness's strategy, once per lap of the ring).
 */
class RingWrapPaddingTest
{
    private static final int RING_BYTES = 4096;
    /** A payload whose ring record (with its header and frame) is not a power of two long. */
    private static final int PAYLOAD = 150;
    private static final int PER_LAP = 12;
    private static final int LAPS = 12;
    /** Duty cycles in a row without work after which nothing is in flight. */
    private static final int IDLE_CYCLES = 1_000;

    @Test
    void everyDeliveredMessageIsReturnedByTheNextPollAcrossTheRingsWrap()
    {
        // One thread drives both ends: once the engine has gone a while without work, every byte written has been
        // read and delivered (loopback queues a write on the peer at once), and the test knows it without a poll.
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket pull = context.socket(SocketType.PULL).rcvHwmBytes(RING_BYTES).rcvTimeoutMs(10_000);
            final Socket push = context.socket(SocketType.PUSH).sndHwmBytes(RING_BYTES).sndTimeoutMs(10_000);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            final byte[] payload = new byte[PAYLOAD];
            assertTrue(push.send(payload));
            assertTrue(pull.recv(new Message())); // connected
            final int[] polled = new int[1];
            final MessageHandler counter = message -> polled[0]++;
            for (int lap = 0; lap < LAPS; lap++)
            {
                for (int i = 0; i < PER_LAP; i++)
                {
                    assertTrue(push.offer(payload) > 0);
                }
                settle(context);
                for (int i = 0; i < PER_LAP; i++)
                {
                    polled[0] = 0;
                    assertEquals(1, pull.poll(counter, 1),
                        "lap " + lap + ", message " + i + ": poll found nothing with the message queued");
                }
            }
        }
    }

    private static void settle(final Context context)
    {
        for (int idle = 0; idle < IDLE_CYCLES; )
        {
            idle = context.invoke() > 0 ? 0 : idle + 1;
        }
    }
}
