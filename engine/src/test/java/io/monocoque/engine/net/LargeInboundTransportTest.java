package io.monocoque.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read buffer under large messages: it follows the bytes that actually arrive, never the length a peer
 * announces (doubling each time the message in progress fills it, up to what that message needs), and goes back to
 * its starting capacity once the large message has been consumed, or the channel closed. A buffer lent to the
 * application (a large message handed over by reference) is never written again: the transport moves to the
 * replacement before its next read, with the bytes that followed the message, and neither frees nor reuses the lent
 * buffer on close.
 */
class LargeInboundTransportTest
{
    private static final int CAPACITY = 64;
    /** What a hostile peer announces: a 2 GiB frame. */
    private static final int ANNOUNCED = Integer.MAX_VALUE - 1;

    private final FakeSocketChannel channel = new FakeSocketChannel();
    private final Transport transport = new Transport(CAPACITY);

    @AfterEach
    void free()
    {
        transport.close();
        transport.free();
    }

    @Test
    void shouldNotGrowForAnAnnouncedFrameWhoseBytesHaveNotArrived() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 10)); // a long frame header announcing 2 GiB, and a byte of body

        assertEquals(10, transport.read(1));
        assertEquals(0, transport.read(ANNOUNCED));
        assertEquals(0, transport.read(ANNOUNCED));

        assertEquals(CAPACITY, transport.readBufferCapacity());
    }

    @Test
    void shouldDoubleOnlyEachTimeTheArrivingBytesFillTheBuffer() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, CAPACITY));
        assertEquals(CAPACITY, transport.read(ANNOUNCED));
        assertEquals(CAPACITY, transport.readBufferCapacity(), "the buffer was not full before this read");

        channel.feed(bytes(CAPACITY, 10));
        assertEquals(10, transport.read(ANNOUNCED));
        assertEquals(2 * CAPACITY, transport.readBufferCapacity(), "full: doubled once");

        assertEquals(0, transport.read(ANNOUNCED));
        assertEquals(2 * CAPACITY, transport.readBufferCapacity(), "no bytes came: no growth");
        assertArrayEquals(bytes(0, CAPACITY + 10), unconsumed());
    }

    @Test
    void shouldGrowToExactlyWhatTheMessageNeedsAndHoldItWhole() throws IOException
    {
        final int message = 5 * CAPACITY + 3;
        transport.open(channel);
        channel.feed(bytes(0, message));
        int reads = 0;
        while (transport.unconsumed() < message)
        {
            transport.read(message);
            reads++;
        }

        assertEquals(message, transport.readBufferCapacity(), "64, 128, 256, then the 323 it needs");
        assertEquals(4, reads);
        assertArrayEquals(bytes(0, message), unconsumed());
    }

    @Test
    void shouldShrinkBackToTheStartingCapacityOnceTheLargeMessageIsConsumed() throws IOException
    {
        final int message = 4 * CAPACITY;
        transport.open(channel);
        channel.feed(bytes(0, message));
        while (transport.unconsumed() < message)
        {
            transport.read(message);
        }
        assertEquals(message, transport.readBufferCapacity());
        transport.consume(message);

        // Between two large messages of a stream the grown buffer stays (no allocation per message)...
        assertEquals(0, transport.read(1));
        assertEquals(message, transport.readBufferCapacity(), "kept while large messages may follow");
        // ...and once it has stayed empty for a while it shrinks back.
        for (int i = 0; i < Transport.SHRINK_AFTER_EMPTY_READS; i++)
        {
            transport.read(1);
        }
        channel.feed(bytes(message, 5));
        assertEquals(5, transport.read(1));

        assertEquals(CAPACITY, transport.readBufferCapacity());
        assertArrayEquals(bytes(message, 5), unconsumed());
    }

    @Test
    void shouldKeepTheGrownBufferWhileTheLargeMessageIsNotConsumed() throws IOException
    {
        final int message = 4 * CAPACITY;
        transport.open(channel);
        channel.feed(bytes(0, message - 1));
        while (transport.unconsumed() < message - 1)
        {
            transport.read(message);
        }
        final int grown = transport.readBufferCapacity();

        channel.feed(bytes(message - 1, 1));
        transport.read(message);

        assertEquals(grown, transport.readBufferCapacity());
        assertArrayEquals(bytes(0, message), unconsumed());
    }

    @Test
    void shouldShrinkBackToTheStartingCapacityWhenTheChannelClosesMidMessage() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 3 * CAPACITY));
        for (int i = 0; i < 3; i++)
        {
            transport.read(ANNOUNCED);
        }
        assertEquals(4 * CAPACITY, transport.readBufferCapacity());

        transport.close();

        assertEquals(CAPACITY, transport.readBufferCapacity());
    }

    @Test
    void shouldReadIntoTheReplacementWithTheBytesAfterTheLentMessageAndLeaveTheLentBufferUntouched()
        throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 50));
        assertEquals(50, transport.read(1));
        final ByteBuffer lent = transport.readView().byteBuffer();
        final ByteBuffer replacement = ByteBuffer.allocateDirect(CAPACITY);

        transport.consume(40); // a 40-byte message went to the reader; 10 bytes of the next one follow it
        transport.lendReadBuffer(replacement);
        assertTrue(transport.isReadBufferLent());
        channel.feed(bytes(50, 30));
        assertEquals(30, transport.read(1));

        assertFalse(transport.isReadBufferLent());
        assertSame(replacement, transport.readView().byteBuffer(), "reads go to the replacement");
        assertArrayEquals(bytes(40, 40), unconsumed(), "the 10 bytes after the message, then the new ones");
        final byte[] lentBytes = new byte[50];
        lent.duplicate().position(0).limit(50).get(lentBytes);
        assertArrayEquals(bytes(0, 50), lentBytes, "the lent buffer still holds what the reader reads");
    }

    @Test
    void shouldTakeALargerBufferWhenTheBytesAfterTheLentMessageDoNotFitTheReplacement() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, CAPACITY));
        transport.read(1);
        transport.consume(8);
        transport.lendReadBuffer(ByteBuffer.allocateDirect(16));
        transport.read(1);

        assertArrayEquals(bytes(8, CAPACITY - 8), unconsumed());
    }

    @Test
    void shouldNotReuseALentBufferAfterClose() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 20));
        transport.read(1);
        final ByteBuffer lent = transport.readView().byteBuffer();
        transport.consume(20);
        transport.lendReadBuffer(ByteBuffer.allocateDirect(CAPACITY));

        transport.close();

        assertNotSame(lent, transport.readView().byteBuffer(), "a new session reads into the replacement");
        assertEquals(0, transport.unconsumed());
    }

    /** Bytes whose values are their positions in the stream, so a misplaced byte shows. */
    private static byte[] bytes(final int from, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(from + i);
        }
        return bytes;
    }

    private byte[] unconsumed()
    {
        final byte[] bytes = new byte[transport.unconsumed()];
        transport.readView().getBytes(transport.readStart(), bytes);
        return bytes;
    }
}
