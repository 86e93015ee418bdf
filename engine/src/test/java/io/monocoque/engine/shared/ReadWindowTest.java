package io.monocoque.engine.shared;

import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ring read's handler learns from {@link ReadWindow} which record is the last that read hands it, whatever ends the
 * read: the records written so far, the read's limit, the end of the buffer before a lap's padding, or a record
 * claimed and not yet committed. With no producer running meanwhile the answer is exact.
 */
class ReadWindowTest
{
    private static final int CAPACITY = 4096;

    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ReadWindow window = new ReadWindow();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[1024]);

    @Test
    void theLastRecordOfEveryReadIsCalledLastAndNoOtherIs()
    {
        final Random random = new Random(42);
        int written = 0;
        int read = 0;
        for (int round = 0; round < 2000; round++)
        {
            final int toWrite = random.nextInt(6);
            for (int i = 0; i < toWrite; i++)
            {
                if (ring.write(1, payload, 0, 1 + random.nextInt(300)))
                {
                    written++;
                }
            }
            final int limit = 1 + random.nextInt(5);
            final List<Boolean> lasts = new ArrayList<>();
            final ControlledMessageHandler handler = (type, buffer, index, length) ->
            {
                window.count();
                lasts.add(window.isLast(index, length));
                return ControlledMessageHandler.Action.CONTINUE;
            };
            final int count = Rings.controlledRead(ring, handler, limit, window);
            read += count;
            assertEquals(count, lasts.size());
            for (int i = 0; i < lasts.size(); i++)
            {
                assertEquals(i == lasts.size() - 1, lasts.get(i), "record " + i + " of " + count + ", round " + round);
            }
        }
        assertTrue(read > 1000 && written - read < CAPACITY / 8, "the ring lapped many times: " + read);
    }

    @Test
    void aRecordBeforeOneClaimedButNotCommittedIsCalledLast()
    {
        assertTrue(ring.write(1, payload, 0, 100));
        final int claimed = ring.tryClaim(1, 100);
        final List<Boolean> lasts = new ArrayList<>();
        Rings.controlledRead(ring, (type, buffer, index, length) ->
        {
            window.count();
            lasts.add(window.isLast(index, length));
            return ControlledMessageHandler.Action.CONTINUE;
        }, 10, window);
        assertEquals(List.of(true), lasts);
        ring.commit(claimed);
    }
}
