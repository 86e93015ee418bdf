package io.monocoque.engine.session;

import io.monocoque.engine.net.BufferIdleTimer;
import io.monocoque.engine.net.FakeSocketChannel;
import io.monocoque.engine.net.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's read and staging buffers hold their idle size once the handshake is done, grow (doubling) to the
 * batching capacity while a burst needs it, keep it while it is used, and shrink back once unused for
 * {@link BufferIdleTimer#SHRINK_AFTER_NS}: never while it holds bytes, and not for a stream that keeps using it.
 */
class BuffersSizedByNeedTest
{
    private static final int BATCHING = 256 * 1024;
    private static final int FRAME = 1000;
    private static final long NOW_NS = 5_000_000_000L;

    @Test
    void aStagingBufferGrowsForABurstAndShrinksOnceIdleButNotWhileUsed() throws IOException
    {
        final StagingBuffer staging = new StagingBuffer(BATCHING);
        staging.reserve();
        assertEquals(StagingBuffer.IDLE_CAPACITY, staging.capacity(), "idle size after the handshake");

        int staged = 0;
        while (staging.ensureRoom(FRAME) && staged < BATCHING - FRAME)
        {
            stageFrame(staging);
            staged += FRAME;
        }
        assertEquals(BATCHING, staging.capacity(), "a burst grows it to the batching capacity");
        assertFalse(staging.ensureRoom(BATCHING), "and no further while it holds bytes");

        final Transport transport = transportOver(new FakeSocketChannel());
        assertFalse(staging.shrinkIfIdle(NOW_NS + 2 * BufferIdleTimer.SHRINK_AFTER_NS), "never while it holds bytes");
        staging.writeTo(transport);
        assertTrue(staging.isEmpty());

        long now = NOW_NS + 2 * BufferIdleTimer.SHRINK_AFTER_NS;
        for (int i = 0; i < 5; i++)
        {
            // A stream that stages more than the idle size between timer checks keeps the buffer.
            now += BufferIdleTimer.SHRINK_AFTER_NS / 2;
            for (int j = 0; j < 20; j++)
            {
                assertTrue(staging.ensureRoom(FRAME));
                stageFrame(staging);
            }
            staging.writeTo(transport);
            assertFalse(staging.shrinkIfIdle(now), "used within the last second");
        }
        assertFalse(staging.shrinkIfIdle(now + BufferIdleTimer.SHRINK_AFTER_NS - 1));
        assertTrue(staging.shrinkIfIdle(now + BufferIdleTimer.SHRINK_AFTER_NS), "idle a second: shrinks");
        assertEquals(StagingBuffer.IDLE_CAPACITY, staging.capacity());
        staging.free();
        transport.free();
    }

    @Test
    void aReadBufferGrowsWhileReadsFillItAndShrinksOnceIdleAndEmpty() throws IOException
    {
        final FakeSocketChannel channel = new FakeSocketChannel();
        final Transport transport = transportOver(channel);
        transport.onHandshakeComplete();
        assertEquals(Transport.IDLE_READ_CAPACITY, transport.readBufferCapacity(), "idle size after the handshake");

        channel.feed(new byte[BATCHING * 2]);
        int reads = 0;
        while (transport.readBufferCapacity() < BATCHING && reads++ < 10)
        {
            transport.read(1);
            transport.consume(transport.unconsumed());
        }
        assertEquals(BATCHING, transport.readBufferCapacity(), "reads that fill it double it, up to the batching size");
        transport.read(1);
        assertEquals(BATCHING, transport.readBufferCapacity(), "and no further");

        assertFalse(transport.shrinkIfIdle(NOW_NS), "holds unread bytes");
        transport.consume(transport.unconsumed());
        assertFalse(transport.shrinkIfIdle(NOW_NS), "just used");
        assertTrue(transport.shrinkIfIdle(NOW_NS + BufferIdleTimer.SHRINK_AFTER_NS), "idle a second: shrinks");
        assertEquals(Transport.IDLE_READ_CAPACITY, transport.readBufferCapacity());
        transport.free();
    }

    private static Transport transportOver(final FakeSocketChannel channel)
    {
        final Transport transport = new Transport(BATCHING);
        transport.open(channel);
        return transport;
    }

    private static void stageFrame(final StagingBuffer staging)
    {
        // A long-header frame of FRAME bytes in all: flags, 8-byte size, body.
        staging.buffer().putByte(staging.fill(), (byte)0x02);
        staging.buffer().putLong(staging.fill() + 1, FRAME - 9, java.nio.ByteOrder.BIG_ENDIAN);
        staging.commit(FRAME);
    }
}
