package io.monocoque.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte side of a connection over an in-memory channel: what a read brings lands between readStart and readEnd,
 * unconsumed bytes at the end of the buffer are moved to the front rather than the buffer grown, the buffer grows
 * only for a frame larger than itself (see LargeInboundTransportTest), and the end of the stream reads as -1.
 */
class TransportTest
{
    private static final int CAPACITY = 64;

    private final FakeSocketChannel channel = new FakeSocketChannel();
    private final Transport transport = new Transport(CAPACITY);

    @AfterEach
    void free()
    {
        transport.close();
        transport.free();
    }

    @Test
    void shouldReadWhatTheChannelHasIntoTheBufferAfterTheUnconsumedBytes() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 10));

        assertEquals(10, transport.read(1));
        transport.consume(4);
        channel.feed(bytes(10, 5));
        assertEquals(5, transport.read(1));

        assertEquals(4, transport.readStart());
        assertEquals(15, transport.readEnd());
        assertEquals(11, transport.unconsumed());
        assertArrayEquals(bytes(4, 11), unconsumed());
    }

    @Test
    void shouldReturnZeroWhenNothingIsWaiting() throws IOException
    {
        transport.open(channel);

        assertEquals(0, transport.read(1));
        assertEquals(0, transport.unconsumed());
    }

    @Test
    void shouldMoveUnconsumedBytesToTheFrontWhenTheyReachTheEndOfTheBuffer() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, CAPACITY));
        assertEquals(CAPACITY, transport.read(1));
        transport.consume(CAPACITY - 4); // a partial frame of 4 bytes sits at the very end

        channel.feed(bytes(CAPACITY, 20));
        assertEquals(20, transport.read(8));

        assertEquals(0, transport.readStart(), "compacted to the front");
        assertEquals(24, transport.readEnd());
        assertEquals(CAPACITY, transport.readBufferCapacity(), "compacted, not grown");
        assertArrayEquals(bytes(CAPACITY - 4, 24), unconsumed());
    }

    @Test
    void shouldCompactRatherThanGrowWhenTheNeededFrameFitsTheBuffer() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 40));
        transport.read(1);
        transport.consume(30); // 10 bytes of a 50-byte frame at [30, 40): only 34 bytes left behind them

        channel.feed(bytes(40, 40));
        assertEquals(40, transport.read(50));

        assertEquals(CAPACITY, transport.readBufferCapacity());
        assertEquals(0, transport.readStart());
        assertEquals(50, transport.readEnd());
        assertArrayEquals(bytes(30, 50), unconsumed());
    }

    @Test
    void shouldNotGrowForAFrameOfExactlyTheBufferCapacity() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, CAPACITY));

        assertEquals(CAPACITY, transport.read(CAPACITY));

        assertEquals(CAPACITY, transport.readBufferCapacity());
        assertArrayEquals(bytes(0, CAPACITY), unconsumed());
    }

    @Test
    void shouldGrowForAFrameLargerThanTheBufferOnceItFillsTheBufferKeepingTheUnconsumedBytes() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 20));
        transport.read(1);
        transport.consume(10);

        channel.feed(bytes(20, 90));
        assertEquals(54, transport.read(100), "compacted, then filled");
        assertEquals(CAPACITY, transport.readBufferCapacity());
        assertEquals(36, transport.read(100));

        assertEquals(100, transport.readBufferCapacity(), "doubled, but only to what the frame needs");
        assertEquals(0, transport.readStart());
        assertArrayEquals(bytes(10, 100), unconsumed());
    }

    @Test
    void shouldReadWhatIsLeftThenMinusOneAtTheEndOfTheStream() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 3)).endOfStream();

        assertEquals(3, transport.read(1));
        assertEquals(-1, transport.read(1));
        assertEquals(3, transport.unconsumed(), "what was read before the end stays to be consumed");
    }

    @Test
    void shouldPassOnAFailedRead()
    {
        transport.open(channel);
        final IOException reset = new IOException("Connection reset by peer");
        channel.failReadsWith(reset);

        assertSame(reset, assertThrows(IOException.class, () -> transport.read(1)));
    }

    @Test
    void shouldWriteOnlyWhatTheKernelTakesAndLeaveTheRestInTheSource() throws IOException
    {
        transport.open(channel);
        channel.maxBytesPerWrite(3);
        final ByteBuffer source = ByteBuffer.wrap(bytes(0, 10));

        assertEquals(3, transport.write(source));
        assertEquals(3, source.position());
        channel.sendRoom(0);
        assertEquals(0, transport.write(source), "kernel buffer full");
        assertArrayEquals(bytes(0, 3), channel.written());
    }

    @Test
    void shouldCloseTheChannelForgetUnconsumedBytesAndStartEmptyOnTheNextChannel() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 10));
        transport.read(1);

        transport.close();

        assertFalse(channel.isOpen());
        assertFalse(transport.isOpen());
        assertNull(transport.channel());
        assertEquals(0, transport.unconsumed());

        final FakeSocketChannel next = new FakeSocketChannel();
        transport.open(next);
        next.feed(bytes(50, 2));
        assertEquals(2, transport.read(1));
        assertArrayEquals(bytes(50, 2), unconsumed());
        assertTrue(transport.isOpen());
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
